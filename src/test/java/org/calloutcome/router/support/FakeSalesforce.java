package org.calloutcome.router.support;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.calloutcome.router.normalize.Json;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * Answers Salesforce composite requests as a real org does, from a small in-memory org: SOQL queries (Tasks by
 * CallObject, Leads by Id, external id or Phone with IsConverted and ConvertedContactId, Contacts by external id, Cases
 * by Subject), SOSL phone searches over the Leads and Contacts it holds (not over records created through the API: the
 * search index lags behind), and sObject collection creates and updates, with Salesforce's per-record errors: a write
 * that references a converted Lead ({@code CANNOT_UPDATE_CONVERTED_LEAD}), a Lead a duplicate rule matches
 * ({@code DUPLICATES_DETECTED} with its {@code duplicateResult}, saved when the rule allows it and the subrequest sends
 * {@code Sforce-Duplicate-Rule-Header: allowSave=true}), and values it is told to refuse, for ever or a number of
 * times. Counts API calls; can lose the answer of a write it has done.
 */
public final class FakeSalesforce implements ResponseDefinitionTransformerV2 {
    public static final String NAME = "fake-salesforce";
    private static final Pattern QUOTED = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");
    private static final Pattern FIND = Pattern.compile("FIND \\{([^}]*)\\}");

    /** A value that makes a record fail: the field, the value, the error code and message, and how often (-1: always). */
    public record Refusal(String field, String value, String code, String message, AtomicInteger times) {
        public static Refusal always(String field, String value, String code, String message) {
            return new Refusal(field, value, code, message, new AtomicInteger(-1));
        }

        public static Refusal times(int times, String field, String value, String code, String message) {
            return new Refusal(field, value, code, message, new AtomicInteger(times));
        }

        boolean applies(JsonNode record) {
            if (!value.equals(record.path(field).asText(null))) {
                return false;
            }
            return times.get() < 0 || times.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        }
    }

    /** A duplicate rule on Lead: a new Lead with this Phone matches {@code matchId}; {@code allowSave}: alert, not block. */
    public record DuplicateRule(String phone, String matchId, boolean allowSave) {
    }

    /** Tasks by CallObject (call Tasks and the router's follow-up Tasks). */
    public final Map<String, String> tasks = new ConcurrentHashMap<>();
    /** The WhoId of each Task, by CallObject. */
    public final Map<String, String> taskWho = new ConcurrentHashMap<>();
    /** Call Tasks (TaskSubtype Call) by CallObject. */
    public final Map<String, String> callTasks = new ConcurrentHashMap<>();
    /** Cases by Subject. */
    public final Map<String, String> cases = new ConcurrentHashMap<>();
    /** Leads and Contacts: their fields (type, Id, Phone, IsConverted, ConvertedContactId, custom fields). */
    public final List<Map<String, String>> people = new CopyOnWriteArrayList<>();
    public final List<Refusal> refusals = new CopyOnWriteArrayList<>();
    public final List<DuplicateRule> duplicateRules = new CopyOnWriteArrayList<>();
    /** Every record created, in order (a campaign's worth: no copy on every write). */
    public final Queue<JsonNode> created = new ConcurrentLinkedQueue<>();
    /** Every record sent in an update collection. */
    public final List<JsonNode> updates = new CopyOnWriteArrayList<>();
    /** Every record refused, with its error code. */
    public final List<String> refused = new CopyOnWriteArrayList<>();
    /** Every subrequest of every composite, in order. */
    public final List<JsonNode> subrequests = new CopyOnWriteArrayList<>();
    public final AtomicInteger apiCalls = new AtomicInteger();
    /** The next write composite is done, and its answer lost (the connection drops). */
    public final AtomicInteger loseWriteAnswers = new AtomicInteger();
    /** Off for a long benchmark run: records, updates and composite subrequests are then counted, not kept. */
    public volatile boolean keepRecords = true;
    private final AtomicInteger ids = new AtomicInteger();

    /** Serves this org on a free port: the OAuth token and revoke endpoints and composite requests. */
    public WireMockServer serve() {
        return serve(WireMockConfiguration.options().dynamicPort());
    }

    public WireMockServer serve(WireMockConfiguration options) {
        WireMockServer server = new WireMockServer(options.extensions(this));
        server.start();
        answer(server);
        return server;
    }

    /** (Again) answers as a healthy Salesforce: a token (with a real-looking id), logout, composite requests. */
    public static void answer(WireMockServer server) {
        server.resetAll();
        server.stubFor(post("/services/oauth2/token").willReturn(okJson("{"
                + "\"access_token\":\"00D000000000001!AQ0AQFakeAccessToken\","
                + "\"instance_url\":\"" + server.baseUrl() + "\","
                + "\"id\":\"" + server.baseUrl() + "/id/00D000000000001AAA/005000000000001AAA\","
                + "\"token_type\":\"Bearer\",\"issued_at\":\"1732300000000\","
                + "\"signature\":\"dGhpcyBpcyBhIGZha2Ugc2lnbmF0dXJl\"}")));
        server.stubFor(get(urlPathMatching("/services/oauth2/revoke.*")).willReturn(aResponse().withStatus(200)));
        server.stubFor(post(urlPathEqualTo("/services/data/v60.0/composite"))
                .willReturn(aResponse().withTransformers(NAME)));
    }

    /** A Task that logs a call (Salesforce's own marker), not a follow-up. */
    public static boolean isCallTask(JsonNode record) {
        return "Call".equals(record.path("TaskSubtype").asText());
    }

    public void reset() {
        tasks.clear();
        taskWho.clear();
        callTasks.clear();
        cases.clear();
        people.clear();
        refusals.clear();
        duplicateRules.clear();
        updates.clear();
        refused.clear();
        created.clear();
        subrequests.clear();
        loseWriteAnswers.set(0);
        apiCalls.set(0);
    }

    /** A Lead or Contact that a search finds by its number. */
    public Map<String, String> person(String type, String id, String phone) {
        Map<String, String> person = new ConcurrentHashMap<>(Map.of("type", type, "Id", id, "Phone", phone,
                "IsConverted", "false", "searchable", "true"));
        people.add(person);
        return person;
    }

    /** A Lead that sales converted into a Contact (both kept, as Salesforce keeps them). */
    public Map<String, String> convertedLead(String leadId, String contactId, String phone) {
        Map<String, String> lead = person("Lead", leadId, phone);
        lead.putAll(Map.of("IsConverted", "true", "ConvertedContactId", contactId));
        person("Contact", contactId, phone);
        return lead;
    }

    private Map<String, String> find(String id) {
        return id == null ? null : people.stream().filter(p -> p.get("Id").equals(id)).findFirst().orElse(null);
    }

    private boolean convertedLead(String id) {
        Map<String, String> person = find(id);
        return person != null && "true".equals(person.get("IsConverted"));
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        int calls = apiCalls.incrementAndGet();
        try {
            JsonNode request = Json.MAPPER.readTree(event.getRequest().getBodyAsString());
            ArrayNode answers = Json.MAPPER.createArrayNode();
            boolean writes = false;
            for (JsonNode sub : request.path("compositeRequest")) {
                if (keepRecords) {
                    subrequests.add(sub);
                }
                writes |= !sub.path("method").asText().equals("GET");
                ObjectNode answer = answers.addObject();
                answer.set("body", answer(sub));
                answer.putObject("httpHeaders");
                answer.put("httpStatusCode", 200);
                answer.put("referenceId", sub.path("referenceId").asText());
            }
            if (writes && loseWriteAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                return responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            }
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.set("compositeResponse", answers);
            return responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                    .withHeader("Sforce-Limit-Info", "api-usage=" + calls + "/15000").withBody(body.toString()).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode answer(JsonNode sub) {
        String method = sub.path("method").asText();
        String url = URLDecoder.decode(sub.path("url").asText(), StandardCharsets.UTF_8);
        if (method.equals("GET") && url.contains("/query?q=")) {
            return query(url.substring(url.indexOf("q=") + 2));
        }
        if (method.equals("GET") && url.contains("/search?q=")) {
            return search(url.substring(url.indexOf("q=") + 2));
        }
        boolean allowSave = "allowSave=true".equals(sub.path("httpHeaders").path("Sforce-Duplicate-Rule-Header").asText());
        ArrayNode results = Json.MAPPER.createArrayNode();
        for (JsonNode record : sub.path("body").path("records")) {
            ObjectNode result = results.addObject();
            String type = record.path("attributes").path("type").asText();
            if (refuse(result, record, method, type, allowSave)) {
                continue;
            }
            String id;
            if (method.equals("PATCH")) {
                if (keepRecords) {
                    updates.add(record);
                }
                id = record.path("id").asText();
                Map<String, String> person = find(id);
                if (person != null) {
                    record.fields().forEachRemaining(f -> person.put(f.getKey(), f.getValue().asText()));
                }
            } else {
                if (keepRecords) {
                    created.add(record);
                }
                id = (type.equals("Task") ? "00T" : type.equals("Lead") ? "00Q" : "500")
                        + String.format("5e0000%09dAAA", ids.incrementAndGet());
                if (type.equals("Task") && record.hasNonNull("CallObject")) {
                    String callObject = record.path("CallObject").asText();
                    tasks.putIfAbsent(callObject, id);
                    if (record.hasNonNull("WhoId")) {
                        taskWho.putIfAbsent(callObject, record.path("WhoId").asText());
                    }
                    if (isCallTask(record)) {
                        callTasks.putIfAbsent(callObject, id);
                    }
                } else if (type.equals("Case")) {
                    cases.putIfAbsent(record.path("Subject").asText(), id);
                } else if (type.equals("Lead")) {
                    // found at once by SOQL, but not by search: the search index lags behind
                    person("Lead", id, record.path("Phone").asText("")).put("searchable", "false");
                }
            }
            result.put("id", id);
            result.put("success", true);
            result.putArray("errors");
        }
        return results;
    }

    /** Salesforce's per-record errors; true when the record is refused. */
    private boolean refuse(ObjectNode result, JsonNode record, String method, String type, boolean allowSave) {
        String whoId = record.path("WhoId").asText(null);
        if (convertedLead(whoId) || (method.equals("PATCH") && convertedLead(record.path("id").asText(null)))) {
            error(result, "CANNOT_UPDATE_CONVERTED_LEAD", "cannot reference converted lead",
                    method.equals("PATCH") ? null : "WhoId");
            return true;
        }
        for (Refusal refusal : refusals) {
            if (refusal.applies(record)) {
                error(result, refusal.code(), refusal.message(), refusal.field());
                return true;
            }
        }
        if (method.equals("POST") && type.equals("Lead")) {
            for (DuplicateRule rule : duplicateRules) {
                if (rule.phone().equals(record.path("Phone").asText()) && !(rule.allowSave() && allowSave)) {
                    ObjectNode error = error(result, "DUPLICATES_DETECTED", "Use one of these records?", null);
                    ObjectNode duplicate = error.putObject("duplicateResult");
                    duplicate.put("allowSave", rule.allowSave());
                    duplicate.put("duplicateRule", "Standard_Rule_for_Leads_with_Duplicate_Contacts");
                    duplicate.put("duplicateRuleEntityType", "Lead");
                    duplicate.put("errorMessage", "You're creating a duplicate record. We recommend you use an"
                            + " existing record instead.");
                    String matchType = rule.matchId().startsWith("003") ? "Contact" : "Lead";
                    ObjectNode match = duplicate.putArray("matchResults").addObject();
                    match.put("entityType", matchType);
                    match.putArray("errors");
                    match.put("matchEngine", "FuzzyMatchEngine");
                    ObjectNode matched = match.putArray("matchRecords").addObject();
                    matched.putArray("additionalInformation");
                    matched.putArray("fieldDiff");
                    matched.put("matchConfidence", 100.0);
                    ObjectNode matchedRecord = matched.putObject("record");
                    matchedRecord.putObject("attributes").put("type", matchType).put("url",
                            "/services/data/v60.0/sobjects/" + matchType + "/" + rule.matchId());
                    matchedRecord.put("Id", rule.matchId());
                    match.put("rule", "Standard_" + matchType + "_Match_Rule_v1_1");
                    match.put("size", 1);
                    match.put("success", true);
                    return true;
                }
            }
        }
        return false;
    }

    private ObjectNode error(ObjectNode result, String code, String message, String field) {
        refused.add(code);
        result.put("success", false);
        ObjectNode error = result.putArray("errors").addObject();
        error.put("statusCode", code);
        error.put("message", message);
        ArrayNode fields = error.putArray("fields");
        if (field != null) {
            fields.add(field);
        }
        return error;
    }

    private static List<String> quoted(String soql) {
        List<String> values = new ArrayList<>();
        Matcher matcher = QUOTED.matcher(soql);
        while (matcher.find()) {
            values.add(matcher.group(1).replace("\\'", "'"));
        }
        return values;
    }

    private JsonNode query(String soql) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode records = Json.MAPPER.createArrayNode();
        List<String> values = quoted(soql);
        if (soql.startsWith("SELECT Id, CallObject, WhoId FROM Task")) {
            for (String callObject : values) {
                if (tasks.containsKey(callObject)) {
                    ObjectNode record = records.addObject();
                    record.putObject("attributes").put("type", "Task");
                    record.put("Id", tasks.get(callObject));
                    record.put("CallObject", callObject);
                    record.put("WhoId", taskWho.get(callObject));
                }
            }
        } else if (soql.startsWith("SELECT Id, Subject FROM Case")) {
            for (String subject : values) {
                if (cases.containsKey(subject)) {
                    ObjectNode record = records.addObject();
                    record.putObject("attributes").put("type", "Case");
                    record.put("Id", cases.get(subject));
                    record.put("Subject", subject);
                }
            }
        } else {
            String type = soql.contains(" FROM Lead ") ? "Lead" : "Contact";
            String[] fields = soql.substring("SELECT ".length(), soql.indexOf(" FROM ")).split(", ");
            for (Map<String, String> person : people) {
                if (person.get("type").equals(type) && person.entrySet().stream().anyMatch(field ->
                        !field.getKey().equals("type") && values.stream().anyMatch(v -> v.equals(field.getValue())
                                || field.getKey().equals("Id") && v.length() == 15 && field.getValue().startsWith(v)))) {
                    ObjectNode record = records.addObject();
                    record.putObject("attributes").put("type", type);
                    for (String field : fields) {
                        String value = person.get(field);
                        if (field.equals("IsConverted")) {
                            record.put(field, Boolean.parseBoolean(value));
                        } else {
                            record.put(field, value);
                        }
                    }
                }
            }
        }
        result.put("totalSize", records.size());
        result.put("done", true);
        result.set("records", records);
        return result;
    }

    private JsonNode search(String sosl) {
        Matcher find = FIND.matcher(sosl);
        List<String> terms = new ArrayList<>();
        if (find.find()) {
            for (String term : find.group(1).split(" OR ")) {
                terms.add(term.strip());
            }
        }
        boolean unconvertedLeads = sosl.contains("Lead(Id, Phone, MobilePhone WHERE IsConverted = false)");
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode found = result.putArray("searchRecords");
        for (Map<String, String> person : people) {
            String digits = person.get("Phone").replaceAll("\\D", "");
            boolean hidden = "false".equals(person.get("searchable"))
                    || unconvertedLeads && person.get("type").equals("Lead") && "true".equals(person.get("IsConverted"));
            if (!hidden && !digits.isEmpty() && terms.stream().anyMatch(t -> digits.endsWith(t) || t.endsWith(digits))) {
                ObjectNode record = found.addObject();
                record.putObject("attributes").put("type", person.get("type"));
                record.put("Id", person.get("Id"));
                record.put("Phone", person.get("Phone"));
                record.putNull("MobilePhone");
            }
        }
        return result;
    }
}
