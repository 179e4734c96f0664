package org.calloutcome.router.support;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
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
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A small in-memory Salesforce org answering as Salesforce's REST API Developer Guide documents, not as the router asks:
 * <ul>
 * <li>Composite ("Send Multiple Requests Using Composite"): runs only the resources that page lists (sObject
 * resources, Query, QueryAll, sObject Collections), at most 25 subrequests of which at most 5 queries or collections;
 * any other subrequest is answered as Salesforce answers an unknown resource, 404 {@code NOT_FOUND} (what Composite
 * answers for a resource it does not run is not documented: this is the closest documented answer). A request over
 * the limits is refused whole with 400 (the exact error for that is not documented either).</li>
 * <li>Query (SOQL: {@code SELECT fields FROM object WHERE a OR b}, with {@code IN (...)} and {@code =}): records come
 * back with the fields asked for and no others; a field the object does not have is 400 {@code INVALID_FIELD},
 * "No such column" (SOQL and SOSL Reference), which is how an org without person accounts answers
 * {@code IsPersonAccount}.</li>
 * <li>Parameterized Search (POST {@code /parameterizedSearch}, "Search by Parameters in the Request Body"): {@code q}
 * in the PHONE fields of the {@code sobjects} given, their {@code where} filter, the {@code fields} asked for; records
 * created through the API are not found until the search index has them (Salesforce indexes asynchronously).</li>
 * <li>sObject Collections create and update, with Salesforce's per-record errors: a write that references a converted
 * Lead ({@code CANNOT_UPDATE_CONVERTED_LEAD}), a Lead a duplicate rule matches ({@code DUPLICATES_DETECTED} with its
 * {@code duplicateResult}, saved when the rule allows it and {@code Sforce-Duplicate-Rule-Header: allowSave=true} is
 * sent), a person contact written as a Contact (person contact fields are written through the Account: "Person
 * Accounts" guidelines; the error code for it is not documented), and values it is told to refuse. A date field given
 * what is not a date fails the whole request with {@code JSON_PARSER_ERROR}, as Salesforce's JSON parser does (so
 * does a date-time, number or checkbox field given what is none: the parser's words for those are not documented and
 * follow the date's); so does a written field the object lacks, with {@code INVALID_FIELD} (where a collection reports
 * it is not documented). Text longer than a field's length is that record's {@code STRING_TOO_LONG} (StatusCode,
 * SOAP API Developer Guide).</li>
 * <li>sObject Describe: each field's name, type, length, createable and updateable, picklist values; the org's custom
 * fields are {@code Dialer_Id__c} and {@code Do_Not_Text__c} on Lead and Contact and those a test adds
 * ({@link #customFields}).</li>
 * <li>OAuth 2.0 token endpoint: see {@link FakeSalesforceLogin}.</li>
 * </ul>
 * Counts API requests (a composite is one, a search one); can lose the answer of a write it has done.
 */
public final class FakeSalesforce implements ResponseDefinitionTransformerV2 {
    public static final String NAME = "fake-salesforce";
    private static final Pattern QUOTED = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");
    private static final Pattern SOQL = Pattern.compile("SELECT (.+) FROM (\\w+)(?: WHERE (.+))?");
    private static final Pattern CLAUSE = Pattern.compile("(\\w+) (IN \\((.*)\\)|= (.+))");
    private static final Pattern DESCRIBE = Pattern.compile("/sobjects/(\\w+)/describe/?$");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:?\\d{2})");
    /** Resources Composite runs (REST API Developer Guide, "Composite"), after /services/data/vXX.X. */
    private static final Pattern COMPOSITE_RESOURCES = Pattern.compile(
            "/services/data/v\\d+\\.\\d+/(sobjects/.*|query/?\\?q=.*|queryAll/?\\?q=.*|composite/sobjects/?.*)");
    /** Date fields the router writes (Object Reference: Task.ActivityDate is a date). */
    private static final Set<String> DATE_FIELDS = Set.of("ActivityDate");
    public static final String OWNER = "0055e00000OwnerAAA";

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
    /** The WhatId of each Task, by CallObject. */
    public final Map<String, String> taskWhat = new ConcurrentHashMap<>();
    /** Leads, Contacts and Accounts: their fields (type, Id, Phone, IsConverted, ConvertedContactId, custom fields). */
    public final List<Map<String, String>> people = new CopyOnWriteArrayList<>();
    /** Person accounts are on: Account and Contact have their person fields (Salesforce Help, "Person Accounts"). */
    public volatile boolean personAccounts;
    /** Organization.TimeZoneSidKey. */
    public volatile String timeZone = "GMT";
    /** Fields the integration user may read but not create or edit (field-level security), as "Object.Field". */
    public final Set<String> readOnly = ConcurrentHashMap.newKeySet();
    /** Picklists whose values are restricted, as "Object.Field" (which standard ones are depends on the org). */
    public final Set<String> restricted = ConcurrentHashMap.newKeySet();
    /** Search requests answered, in order. */
    public final List<JsonNode> searches = new CopyOnWriteArrayList<>();
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
    /** Requests of the org's other integrations in the last 24 hours, reported in Sforce-Limit-Info's api-usage. */
    public final AtomicInteger apiUsedBefore = new AtomicInteger();
    /** The next write composite is done, and its answer lost (the connection drops). */
    public final AtomicInteger loseWriteAnswers = new AtomicInteger();
    /** Off for a long benchmark run: records, updates and composite subrequests are then counted, not kept. */
    public volatile boolean keepRecords = true;
    /** Custom fields an admin added, by {@code Object.Field__c}: their describe type and length. */
    public final Map<String, CustomField> customFields = new ConcurrentHashMap<>();

    /** A custom field: its type as describe names it ({@code date}, {@code datetime}, {@code double}, ...). */
    public record CustomField(String type, int length) {
        public static CustomField text(int length) {
            return new CustomField("string", length);
        }

        public static CustomField of(String type) {
            return new CustomField(type, 0);
        }
    }
    private final AtomicInteger ids = new AtomicInteger();

    /** Serves this org on a free port: the OAuth token and revoke endpoints and composite requests. */
    public WireMockServer serve() {
        return serve(WireMockConfiguration.options().dynamicPort());
    }

    /** The org's token endpoint. */
    public final FakeSalesforceLogin login = new FakeSalesforceLogin();

    public WireMockServer serve(WireMockConfiguration options) {
        WireMockServer server = new WireMockServer(options.extensions(this, login));
        server.start();
        answer(server);
        return server;
    }

    /** (Again) answers as a healthy Salesforce: a token (with a real-looking id), logout, composite requests. */
    public static void answer(WireMockServer server) {
        server.resetAll();
        server.stubFor(post("/services/oauth2/token").willReturn(aResponse()
                .withTransformers(FakeSalesforceLogin.NAME)));
        server.stubFor(get(urlPathMatching("/services/oauth2/revoke.*")).willReturn(aResponse().withStatus(200)));
        server.stubFor(post(urlPathEqualTo("/services/data/v60.0/composite"))
                .willReturn(aResponse().withTransformers(NAME)));
        server.stubFor(post(urlPathMatching("/services/data/v60\\.0/parameterizedSearch/?"))
                .willReturn(aResponse().withTransformers(NAME)));
        server.stubFor(get(urlPathMatching("/services/data/v60\\.0/(query|limits)/?"))
                .willReturn(aResponse().withTransformers(NAME)));
    }

    /** A Task that logs a call (Salesforce's own marker), not a follow-up. */
    public static boolean isCallTask(JsonNode record) {
        return "Call".equals(record.path("TaskSubtype").asText());
    }

    public void reset() {
        tasks.clear();
        taskWho.clear();
        taskWhat.clear();
        searches.clear();
        personAccounts = false;
        timeZone = "GMT";
        readOnly.clear();
        restricted.clear();
        login.reset();
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
        apiUsedBefore.set(0);
        customFields.clear();
    }

    /** A Lead or Contact that a search finds by its number, owned by {@link #OWNER}. */
    public Map<String, String> person(String type, String id, String phone) {
        Map<String, String> person = new ConcurrentHashMap<>(Map.of("type", type, "Id", id, "Phone", phone,
                "OwnerId", OWNER, "searchable", "true"));
        if (type.equals("Lead")) {
            person.put("IsConverted", "false");
        }
        people.add(person);
        return person;
    }

    /**
     * A person account (turns person accounts on): the Account, with its number in {@code phoneField}, and its person
     * contact, whose fields are the Account's.
     */
    public Map<String, String> personAccount(String accountId, String contactId, String phoneField, String phone) {
        personAccounts = true;
        Map<String, String> account = new ConcurrentHashMap<>(Map.of("type", "Account", "Id", accountId,
                "IsPersonAccount", "true", "PersonContactId", contactId, "OwnerId", OWNER, "searchable", "true",
                phoneField, phone));
        people.add(account);
        people.add(new ConcurrentHashMap<>(Map.of("type", "Contact", "Id", contactId, "IsPersonAccount", "true",
                "AccountId", accountId, "OwnerId", OWNER, "searchable", "false")));
        return account;
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

    /** A subrequest's answer: its HTTP status and body. */
    private record Answer(int status, JsonNode body) {
        static Answer ok(JsonNode body) {
            return new Answer(200, body);
        }

        /** Salesforce's error body: an array of {@code errorCode} and {@code message}. */
        static Answer error(int status, String code, String message) {
            ArrayNode errors = Json.MAPPER.createArrayNode();
            errors.addObject().put("message", message).put("errorCode", code);
            return new Answer(status, errors);
        }
    }

    /** Thrown for a request Salesforce refuses whole. */
    private static final class Refused extends RuntimeException {
        final Answer answer;

        Refused(Answer answer) {
            super(answer.body().toString(), null, false, false);
            this.answer = answer;
        }
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        int calls = apiCalls.incrementAndGet();
        String path = event.getRequest().getUrl();
        try {
            Answer whole;
            if (path.contains("/parameterizedSearch")) {
                JsonNode request = Json.MAPPER.readTree(event.getRequest().getBodyAsString());
                searches.add(request);
                whole = search(request);
            } else if (path.contains("/limits")) {
                // Limits ("List Org Limits"): the daily allocation's Max and Remaining
                ObjectNode limits = Json.MAPPER.createObjectNode();
                limits.putObject("DailyApiRequests").put("Max", 15000).put("Remaining", 15000 - calls);
                whole = Answer.ok(limits);
            } else if (event.getRequest().getMethod().getName().equals("GET")) {
                whole = query(URLDecoder.decode(path.substring(path.indexOf("q=") + 2), StandardCharsets.UTF_8));
            } else {
                whole = composite(Json.MAPPER.readTree(event.getRequest().getBodyAsString()));
                if (whole == null) {
                    return responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
                }
            }
            return responseDefinition().withStatus(whole.status()).withHeader("Content-Type", "application/json")
                    .withHeader("Sforce-Limit-Info", "api-usage=" + (apiUsedBefore.get() + calls) + "/15000").withBody(whole.body().toString())
                    .build();
        } catch (Refused refused) {
            return responseDefinition().withStatus(refused.answer.status()).withHeader("Content-Type",
                    "application/json").withBody(refused.answer.body().toString()).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A composite request's answer; null when its answer is to be lost. */
    private Answer composite(JsonNode request) {
        JsonNode subs = request.path("compositeRequest");
        long heavy = 0;
        for (JsonNode sub : subs) {
            String url = sub.path("url").asText();
            heavy += url.contains("/query") || url.contains("/queryAll") || url.contains("/composite/sobjects") ? 1 : 0;
        }
        if (subs.size() > 25 || heavy > 5) {
            return Answer.error(400, "INVALID_REQUEST", "Composite takes up to 25 subrequests, up to 5 of them"
                    + " queries or sObject Collections: this request has " + subs.size() + " and " + heavy);
        }
        ArrayNode answers = Json.MAPPER.createArrayNode();
        boolean writes = false;
        for (JsonNode sub : subs) {
            if (keepRecords) {
                subrequests.add(sub);
            }
            writes |= !sub.path("method").asText().equals("GET");
            Answer result;
            try {
                result = answer(sub);
            } catch (Refused refused) {
                result = refused.answer;
            }
            ObjectNode answer = answers.addObject();
            answer.set("body", result.body());
            answer.putObject("httpHeaders");
            answer.put("httpStatusCode", result.status());
            answer.put("referenceId", sub.path("referenceId").asText());
        }
        if (writes && loseWriteAnswers.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return null;
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("compositeResponse", answers);
        return Answer.ok(body);
    }

    private Answer answer(JsonNode sub) {
        String method = sub.path("method").asText();
        String url = sub.path("url").asText();
        if (!COMPOSITE_RESOURCES.matcher(url).matches()) {
            return Answer.error(404, "NOT_FOUND", "The requested resource does not exist");
        }
        if (method.equals("GET") && url.contains("?q=")) {
            return query(URLDecoder.decode(url.substring(url.indexOf("q=") + 2), StandardCharsets.UTF_8));
        }
        Matcher describe = DESCRIBE.matcher(url);
        if (method.equals("GET") && describe.find()) {
            return describe(describe.group(1));
        }
        if (!url.contains("/composite/sobjects")) {
            return Answer.error(404, "NOT_FOUND", "The requested resource does not exist");
        }
        if (sub.path("body").path("records").size() > 200) {
            // sObject Collections take up to 200 records (REST API Developer Guide); the error code is not documented
            return Answer.error(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 200 records"
                    + " into this call");
        }
        for (JsonNode record : sub.path("body").path("records")) {
            Answer unknown = unknownField(record);
            if (unknown != null) {
                return unknown;
            }
            Answer unparsable = unparsable(record);
            if (unparsable != null) {
                return unparsable; // the whole request: Salesforce's JSON parser reads the body before any record
            }
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
                    if (record.hasNonNull("WhatId")) {
                        taskWhat.putIfAbsent(callObject, record.path("WhatId").asText());
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
        return Answer.ok(results);
    }

    /** A value the JSON parser cannot read as its field's type: JSON_PARSER_ERROR for the whole request. */
    private Answer unparsable(JsonNode record) {
        String type = record.path("attributes").path("type").asText();
        java.util.Iterator<Map.Entry<String, JsonNode>> fields = record.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            CustomField custom = customFields.get(type + "." + field.getKey());
            String fieldType = DATE_FIELDS.contains(field.getKey()) ? "date" : custom == null ? "string" : custom.type();
            JsonNode value = field.getValue();
            String javaType = switch (fieldType) {
                case "date" -> DATE.matcher(value.asText()).matches() ? null : "java.util.Date";
                case "datetime" -> DATE_TIME.matcher(value.asText()).matches() ? null : "java.util.Calendar";
                case "double", "currency", "percent" -> value.isNumber() ? null : "double";
                case "int" -> value.isIntegralNumber() ? null : "int";
                case "boolean" -> value.isBoolean() ? null : "boolean";
                default -> null;
            };
            if (javaType != null && !value.isNull()) {
                return Answer.error(400, "JSON_PARSER_ERROR", "Cannot deserialize value of type `" + javaType
                        + "` from String \"" + value.asText() + "\": not a valid representation at [line:1] for field "
                        + field.getKey());
            }
        }
        return null;
    }

    /** Salesforce's per-record errors; true when the record is refused. */
    private boolean refuse(ObjectNode result, JsonNode record, String method, String type, boolean allowSave) {
        String whoId = record.path("WhoId").asText(null);
        if (convertedLead(whoId) || (method.equals("PATCH") && convertedLead(record.path("id").asText(null)))) {
            error(result, "CANNOT_UPDATE_CONVERTED_LEAD", "cannot reference converted lead",
                    method.equals("PATCH") ? null : "WhoId");
            return true;
        }
        Map<String, String> target = method.equals("PATCH") ? find(record.path("id").asText(null)) : null;
        if (target != null && type.equals("Contact") && "true".equals(target.get("IsPersonAccount"))) {
            // person contact fields are written through the Account (Salesforce Help, "Person Accounts"); the error
            // Salesforce gives for writing one as a Contact is not documented
            error(result, "INVALID_FIELD_FOR_INSERT_UPDATE", "Person Account contacts can't be edited: update the"
                    + " Account", null);
            return true;
        }
        for (Map.Entry<String, CustomField> custom : customFields.entrySet()) {
            String field = custom.getKey().substring(custom.getKey().indexOf('.') + 1);
            if (custom.getKey().startsWith(type + ".") && custom.getValue().type().equals("string")
                    && record.path(field).asText("").length() > custom.getValue().length()) {
                error(result, "STRING_TOO_LONG", field + ": data value too large: " + record.path(field).asText()
                        .substring(0, Math.min(20, custom.getValue().length())) + "... (max length=" + custom.getValue().length() + ")", field);
                return true;
            }
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

    /** The fields each object has here (Object Reference), besides custom fields ({@code __c}, {@code __pc}). */
    private Set<String> fields(String type) {
        Set<String> fields = new java.util.HashSet<>(switch (type) {
            case "Lead" -> List.of("Id", "OwnerId", "IsConverted", "ConvertedContactId", "Phone", "MobilePhone", "Fax",
                    "Status", "DoNotCall", "HasOptedOutOfEmail", "LastName", "Company", "LeadSource");
            case "Contact" -> List.of("Id", "OwnerId", "AccountId", "Phone", "MobilePhone", "HomePhone", "OtherPhone",
                    "AssistantPhone", "Fax", "DoNotCall", "HasOptedOutOfEmail");
            case "Account" -> List.of("Id", "OwnerId", "Name", "Phone", "Fax");
            case "Task" -> List.of("Id", "CallObject", "WhoId", "WhatId");
            case "Case" -> List.of("Id", "Subject");
            case "Organization" -> List.of("Id", "TimeZoneSidKey");
            case "LeadStatus" -> List.of("Id", "MasterLabel", "IsConverted");
            default -> throw new Refused(Answer.error(400, "INVALID_TYPE", "sObject type '" + type
                    + "' is not supported."));
        });
        if (type.equals("Lead") || type.equals("Contact")) {
            fields.addAll(List.of("Dialer_Id__c", "Do_Not_Text__c"));
        }
        customFields.keySet().stream().filter(key -> key.startsWith(type + "."))
                .forEach(key -> fields.add(key.substring(type.length() + 1)));
        if (personAccounts && type.equals("Contact")) {
            fields.add("IsPersonAccount");
        }
        if (personAccounts && type.equals("Account")) {
            fields.addAll(List.of("IsPersonAccount", "PersonContactId", "PersonMobilePhone", "PersonHomePhone",
                    "PersonOtherPhone", "PersonAssistantPhone", "PersonDoNotCall", "PersonHasOptedOutOfEmail",
                    "Dialer_Id__pc", "Do_Not_Text__pc"));
        }
        return fields;
    }

    /** A standard org's picklist values (Object Reference; Lead Status and Lead Source as a new org ships them). */
    private static final Map<String, List<String>> PICKLISTS = Map.of(
            "Lead.Status", List.of("Open - Not Contacted", "Working - Contacted", "Closed - Converted",
                    "Closed - Not Converted"),
            "Lead.LeadSource", List.of("Web", "Phone Inquiry", "Partner Referral", "Purchased List", "Other"),
            "Task.Status", List.of("Not Started", "In Progress", "Completed", "Waiting on someone else", "Deferred"),
            "Task.Priority", List.of("High", "Normal", "Low"),
            "Task.CallType", List.of("Internal", "Inbound", "Outbound"),
            "Task.TaskSubtype", List.of("Task", "Email", "ListEmail", "Cadence", "Call", "LinkedIn"),
            "Task.Type", List.of("Call", "Email", "Meeting", "Other"),
            "Case.Origin", List.of("Phone", "Email", "Web"),
            "Case.Priority", List.of("High", "Medium", "Low"));
    /** Fields the router writes that its queries never read, by object. */
    private static final Map<String, List<String>> WRITTEN = Map.of(
            "Task", List.of("Subject", "TaskSubtype", "Type", "Status", "Priority", "CallType",
                    "CallDurationInSeconds", "CallDisposition", "ActivityDate", "Description", "OwnerId"),
            "Case", List.of("Origin", "Priority", "Description", "ContactId", "AccountId"));

    /**
     * sObject Describe ("Get Field and Other Metadata for an Object"): each field's {@code name}, {@code type},
     * {@code length} (DescribeFieldResult: the maximum size of a text field, 0 for other types), {@code createable},
     * {@code updateable}, {@code restrictedPicklist} and {@code picklistValues}; custom fields {@code Dialer_Id__c} and
     * {@code Do_Not_Text__c} (and their {@code __pc} forms on a person account), and those of {@link #customFields}.
     * The lengths of standard text fields here are 255 (Description: 32,000), not each field's own.
     */
    private Answer describe(String type) {
        Set<String> names = new java.util.TreeSet<>(fields(type));
        names.addAll(WRITTEN.getOrDefault(type, List.of()));
        ObjectNode describe = Json.MAPPER.createObjectNode();
        describe.put("name", type);
        ArrayNode fields = describe.putArray("fields");
        for (String name : names) {
            String key = type + "." + name;
            boolean system = name.equals("Id") || name.startsWith("Is") && !name.equals("IsPersonAccount")
                    || name.equals("ConvertedContactId") || name.equals("PersonContactId");
            ObjectNode field = fields.addObject();
            field.put("name", name);
            CustomField custom = customFields.get(key);
            String fieldType = custom != null ? custom.type() : PICKLISTS.containsKey(key) ? "picklist"
                    : name.equals("ActivityDate") ? "date"
                    : name.contains("DoNot") || name.contains("OptedOut") ? "boolean" : "string";
            field.put("type", fieldType);
            field.put("length", custom != null ? custom.length() : name.equals("Description") ? 32000
                    : fieldType.equals("string") || fieldType.equals("picklist") ? 255 : 0);
            field.put("createable", !system && !readOnly.contains(key));
            field.put("updateable", !system && !readOnly.contains(key));
            field.put("restrictedPicklist", restricted.contains(key));
            ArrayNode values = field.putArray("picklistValues");
            PICKLISTS.getOrDefault(key, List.of()).forEach(v -> values.addObject().put("active", true)
                    .put("label", v).put("value", v));
        }
        return Answer.ok(describe);
    }

    /**
     * A written field the object lacks: INVALID_FIELD, "No such column ... on sobject of type ..." (the REST API's
     * error for an unknown field). The guide does not say where a collection reports it; here it refuses the whole
     * request, as the JSON parser's errors do.
     */
    private Answer unknownField(JsonNode record) {
        String type = record.path("attributes").path("type").asText();
        Set<String> known;
        try {
            known = new java.util.HashSet<>(fields(type));
        } catch (Refused refused) {
            return null; // an unsupported type is refused record by record
        }
        known.addAll(WRITTEN.getOrDefault(type, List.of()));
        java.util.Iterator<String> names = record.fieldNames();
        while (names.hasNext()) {
            String field = names.next();
            if (!field.equals("attributes") && !field.equals("id") && !known.contains(field)) {
                return Answer.error(400, "INVALID_FIELD", "No such column '" + field + "' on sobject of type " + type);
            }
        }
        return null;
    }

    private void checkField(String type, String field) {
        if (!fields(type).contains(field)) {
            throw new Refused(Answer.error(400, "INVALID_FIELD", "\nSELECT ...\n       ^\nERROR at Row:1:Column:8\n"
                    + "No such column '" + field + "' on entity '" + type + "'. If you are attempting to use a custom"
                    + " field, be sure to append the '__c' after the custom field name. Please reference your WSDL or"
                    + " the describe call for the appropriate names."));
        }
    }

    /** The Tasks with these CallObjects, as field maps. */
    private List<Map<String, String>> tasks(List<String> callObjects) {
        List<Map<String, String>> found = new ArrayList<>();
        for (String callObject : new java.util.LinkedHashSet<>(callObjects)) {
            String id = tasks.get(callObject);
            if (id != null) {
                Map<String, String> task = new java.util.HashMap<>(Map.of("Id", id, "CallObject", callObject));
                if (taskWho.containsKey(callObject)) {
                    task.put("WhoId", taskWho.get(callObject));
                }
                if (taskWhat.containsKey(callObject)) {
                    task.put("WhatId", taskWhat.get(callObject));
                }
                found.add(task);
            }
        }
        return found;
    }

    /** The object's records as field maps. */
    private List<Map<String, String>> records(String type) {
        List<Map<String, String>> records = new ArrayList<>();
        switch (type) {
            case "Task" -> records.addAll(tasks(List.copyOf(tasks.keySet())));
            case "Case" -> cases.forEach((subject, id) -> records.add(Map.of("Id", id, "Subject", subject)));
            case "Organization" -> records.add(Map.of("Id", "00D000000000001AAA", "TimeZoneSidKey", timeZone));
            case "LeadStatus" -> PICKLISTS.get("Lead.Status").forEach(status -> records.add(Map.of("Id", "01J" + status
                    .hashCode(), "MasterLabel", status, "IsConverted", String.valueOf(status.equals("Closed - Converted")))));
            default -> people.stream().filter(p -> p.get("type").equals(type)).forEach(records::add);
        }
        return records;
    }

    /** A record as the API returns it: its attributes and exactly these fields (booleans as booleans). */
    private static ObjectNode returned(String type, Map<String, String> record, List<String> fields) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.putObject("attributes").put("type", type).put("url", "/services/data/v60.0/sobjects/" + type + "/"
                + record.get("Id"));
        for (String field : fields) {
            String value = record.get(field);
            if (field.startsWith("Is") || field.contains("DoNot") || field.contains("OptedOut")) {
                node.put(field, Boolean.parseBoolean(value));
            } else {
                node.put(field, value);
            }
        }
        return node;
    }

    /** SOQL: {@code SELECT a, b FROM T WHERE x IN ('1', '2') OR y = 'z'}. */
    private Answer query(String soql) {
        Matcher parsed = SOQL.matcher(soql.strip());
        if (!parsed.matches()) {
            return Answer.error(400, "MALFORMED_QUERY", "unexpected token: " + soql);
        }
        String type = parsed.group(2);
        List<String> fields = List.of(parsed.group(1).split("\\s*,\\s*"));
        fields.forEach(field -> checkField(type, field));
        List<String[]> clauses = new ArrayList<>();
        if (parsed.group(3) != null) {
            for (String clause : parsed.group(3).split(" OR ")) {
                Matcher c = CLAUSE.matcher(clause.strip());
                if (!c.matches()) {
                    return Answer.error(400, "MALFORMED_QUERY", "unexpected token: " + clause);
                }
                checkField(type, c.group(1));
                String values = c.group(3) != null ? c.group(3) : c.group(4);
                List<String> quoted = quoted(values);
                clauses.add(new String[] {c.group(1), String.join("\u0000",
                        quoted.isEmpty() ? List.of(values.strip()) : quoted)});
            }
        }
        ArrayNode found = Json.MAPPER.createArrayNode();
        // Tasks asked for by CallObject are looked up, not scanned: a long benchmark leaves the fake with many
        List<Map<String, String>> candidates = type.equals("Task") && !clauses.isEmpty()
                && clauses.stream().allMatch(clause -> clause[0].equals("CallObject"))
                ? tasks(clauses.stream().flatMap(clause -> List.of(clause[1].split("\u0000")).stream()).toList())
                : records(type);
        for (Map<String, String> record : candidates) {
            boolean matches = clauses.isEmpty() || clauses.stream().anyMatch(clause -> {
                String value = record.getOrDefault(clause[0], "false".equals(clause[1]) ? "false" : null);
                return value != null && List.of(clause[1].split("\u0000")).stream().anyMatch(v -> v.equals(value)
                        || clause[0].equals("Id") && v.length() == 15 && value.startsWith(v));
            });
            if (matches) {
                found.add(returned(type, record, fields));
            }
        }
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("totalSize", found.size());
        result.put("done", true);
        result.set("records", found);
        return Answer.ok(result);
    }

    /**
     * Parameterized Search by POST: the terms of {@code q} ("a OR b") in the PHONE fields of each object of
     * {@code sobjects}, filtered by its {@code where} ({@code Field = true|false}), with its {@code fields}.
     */
    private Answer search(JsonNode request) {
        if (!"PHONE".equals(request.path("in").asText()) || !request.path("q").isTextual()) {
            return Answer.error(400, "INVALID_SEARCH", "the router's searches are q in PHONE fields");
        }
        List<String> terms = new ArrayList<>();
        for (String term : request.path("q").asText().split(" OR ")) {
            terms.add(term.strip());
        }
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode found = result.putArray("searchRecords");
        for (JsonNode object : request.path("sobjects")) {
            String type = object.path("name").asText();
            List<String> fields = new ArrayList<>();
            object.path("fields").forEach(f -> fields.add(f.asText()));
            fields.forEach(field -> checkField(type, field));
            String where = object.path("where").asText("");
            String[] filter = where.isEmpty() ? null : where.split("\\s*=\\s*");
            if (filter != null) {
                checkField(type, filter[0]);
            }
            List<String> phoneFields = fields(type).stream().filter(f -> f.endsWith("Phone") || f.equals("Fax")).toList();
            for (Map<String, String> record : records(type)) {
                boolean hidden = "false".equals(record.get("searchable")) || filter != null
                        && !record.getOrDefault(filter[0], "false").equals(filter[1].strip());
                boolean hit = phoneFields.stream().map(f -> record.getOrDefault(f, "").replaceAll("\\D", ""))
                        .anyMatch(digits -> !digits.isEmpty()
                                && terms.stream().anyMatch(t -> digits.endsWith(t) || t.endsWith(digits)));
                if (!hidden && hit) {
                    found.add(returned(type, record, fields));
                }
            }
        }
        return Answer.ok(result);
    }
}
