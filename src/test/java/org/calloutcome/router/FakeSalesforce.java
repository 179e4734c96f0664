package org.calloutcome.router;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * Answers Salesforce composite requests as Salesforce does, from a small in-memory org: SOQL queries for Tasks by
 * CallObject, SOSL phone searches over the Leads and Contacts it holds, sObject collection creates (remembered, so a
 * later lookup finds them) and updates (recorded), per-record errors for values it is told to refuse. Counts API calls.
 */
final class FakeSalesforce implements ResponseDefinitionTransformerV2 {
    static final String NAME = "fake-salesforce";
    private static final Pattern QUOTED = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'");
    private static final Pattern FIND = Pattern.compile("FIND \\{([^}]*)\\}");

    /** Tasks by CallObject (call Tasks and the router's follow-up Tasks). */
    final Map<String, String> tasks = new ConcurrentHashMap<>();
    /** Call Tasks (TaskSubtype Call) by CallObject. */
    final Map<String, String> callTasks = new ConcurrentHashMap<>();
    /** Leads and Contacts: type, Id and Phone. */
    final List<Map<String, String>> people = new CopyOnWriteArrayList<>();
    /** Field value that makes a record fail with an error code: {field, value, errorCode}. */
    final List<String[]> refusals = new CopyOnWriteArrayList<>();
    /** Every record created, in order (a campaign's worth: no copy on every write). */
    final Queue<JsonNode> created = new ConcurrentLinkedQueue<>();
    /** Every record sent in an update collection. */
    final List<JsonNode> updates = new CopyOnWriteArrayList<>();
    final AtomicInteger apiCalls = new AtomicInteger();
    /** Off for a long benchmark run: created records are then counted, not kept. */
    volatile boolean keepRecords = true;
    private final AtomicInteger ids = new AtomicInteger();

    /** Serves this org on a free port: the OAuth token and revoke endpoints and composite requests. */
    WireMockServer serve() {
        return serve(WireMockConfiguration.options().dynamicPort());
    }

    WireMockServer serve(WireMockConfiguration options) {
        WireMockServer server = new WireMockServer(options.extensions(this));
        server.start();
        answer(server);
        return server;
    }

    /** (Again) answers as a healthy Salesforce: a token (with a real-looking id), logout, composite requests. */
    static void answer(WireMockServer server) {
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
    static boolean isCallTask(JsonNode record) {
        return "Call".equals(record.path("TaskSubtype").asText());
    }

    void reset() {
        tasks.clear();
        callTasks.clear();
        people.clear();
        refusals.clear();
        updates.clear();
        created.clear();
        apiCalls.set(0);
    }

    void person(String type, String id, String phone) {
        people.add(Map.of("type", type, "Id", id, "Phone", phone));
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
            for (JsonNode sub : request.path("compositeRequest")) {
                ObjectNode answer = answers.addObject();
                answer.set("body", answer(sub));
                answer.putObject("httpHeaders");
                answer.put("httpStatusCode", 200);
                answer.put("referenceId", sub.path("referenceId").asText());
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
        ArrayNode results = Json.MAPPER.createArrayNode();
        for (JsonNode record : sub.path("body").path("records")) {
            ObjectNode result = results.addObject();
            String[] refused = refusal(record);
            if (refused != null) {
                result.put("success", false);
                ObjectNode error = result.putArray("errors").addObject();
                error.put("statusCode", refused[2]);
                error.put("message", "bad value for restricted picklist field: " + refused[1]);
                error.putArray("fields").add(refused[0]);
                continue;
            }
            String id;
            if (method.equals("PATCH")) {
                updates.add(record);
                id = record.path("id").asText();
            } else {
                if (keepRecords) {
                    created.add(record);
                }
                String type = record.path("attributes").path("type").asText();
                id = (type.equals("Task") ? "00T" : type.equals("Lead") ? "00Q" : "500")
                        + String.format("5e0000%09dAAA", ids.incrementAndGet());
                if (type.equals("Task") && record.hasNonNull("CallObject")) {
                    tasks.putIfAbsent(record.path("CallObject").asText(), id);
                    if (isCallTask(record)) {
                        callTasks.putIfAbsent(record.path("CallObject").asText(), id);
                    }
                }
            }
            result.put("id", id);
            result.put("success", true);
            result.putArray("errors");
        }
        return results;
    }

    private JsonNode query(String soql) {
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode records = Json.MAPPER.createArrayNode();
        if (soql.startsWith("SELECT Id, CallObject FROM Task")) {
            Matcher values = QUOTED.matcher(soql);
            while (values.find()) {
                String callObject = values.group(1).replace("\\'", "'");
                if (tasks.containsKey(callObject)) {
                    ObjectNode record = records.addObject();
                    record.putObject("attributes").put("type", "Task");
                    record.put("Id", tasks.get(callObject));
                    record.put("CallObject", callObject);
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
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode found = result.putArray("searchRecords");
        for (Map<String, String> person : people) {
            String digits = person.get("Phone").replaceAll("\\D", "");
            if (terms.stream().anyMatch(t -> digits.endsWith(t) || t.endsWith(digits))) {
                ObjectNode record = found.addObject();
                record.putObject("attributes").put("type", person.get("type"));
                record.put("Id", person.get("Id"));
                record.put("Phone", person.get("Phone"));
                record.putNull("MobilePhone");
            }
        }
        return result;
    }

    private String[] refusal(JsonNode record) {
        for (String[] refusal : refusals) {
            if (refusal[1].equals(record.path(refusal[0]).asText(null))) {
                return refusal;
            }
        }
        return null;
    }
}
