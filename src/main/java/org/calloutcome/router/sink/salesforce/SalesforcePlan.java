package org.calloutcome.router.sink.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.delivery.ActionResult;
import org.calloutcome.router.normalize.Json;

/**
 * The writes a batch of calls needs, as sObject collections in one composite request, and whose action each record
 * serves, so that Salesforce's per-record answers go back to the right delivery. Tasks that name a Lead created in the
 * same request are in a collection of their own: a refused Lead then fails only its own call.
 */
public final class SalesforcePlan {
    /** Salesforce error codes that pass by themselves: the work is retried. */
    static final Set<String> TRANSIENT = Set.of("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE",
            "REQUEST_RUNNING_TOO_LONG", "QUERY_TIMEOUT");

    /** A record of a collection: the call (index in the batch) and action it is for. */
    private record Target(int call, String action, boolean callTask) {
    }

    private static final class Collection {
        final String method;
        final List<Map<String, Object>> records = new ArrayList<>();
        final List<List<Target>> targets = new ArrayList<>();

        Collection(String method) {
            this.method = method;
        }
    }

    private final List<Map<String, ActionResult>> results = new ArrayList<>();
    private final Map<String, Collection> collections = new LinkedHashMap<>();
    private final Map<String, Integer> updateIndex = new LinkedHashMap<>();
    private String writeRequest;

    public SalesforcePlan(int calls) {
        for (int i = 0; i < calls; i++) {
            results.add(new LinkedHashMap<>());
        }
        collections.put("newLeads", new Collection("POST"));
        collections.put("creates", new Collection("POST"));
        collections.put("createsForNewLeads", new Collection("POST"));
        collections.put("updates", new Collection("PATCH"));
    }

    /** An action decided without writing (already done, nothing to update). */
    public void settle(int call, String action, ActionResult result) {
        results.get(call).put(action, result);
    }

    /** A Lead to create for a call; returns the reference a Task uses as its WhoId. */
    public String newLead(int call, String action, Map<String, Object> lead) {
        Collection leads = collections.get("newLeads");
        add(leads, record("Lead", lead), new Target(call, action, false));
        return "@{newLeads[" + (leads.records.size() - 1) + "].id}";
    }

    public void create(int call, String action, String type, Map<String, Object> fields, boolean callTask) {
        boolean namesNewLead = String.valueOf(fields.get("WhoId")).startsWith("@{");
        add(collections.get(namesNewLead ? "createsForNewLeads" : "creates"), record(type, fields),
                new Target(call, action, callTask));
    }

    /** An update; two actions updating one record (DoNotCall and Status on a Lead) become one record. */
    public void update(int call, String action, String type, String id, Map<String, Object> fields) {
        Collection updates = collections.get("updates");
        Integer index = updateIndex.get(id);
        if (index == null) {
            Map<String, Object> record = record(type, new LinkedHashMap<>());
            record.put("id", id);
            updates.records.add(record);
            updates.targets.add(new ArrayList<>());
            index = updates.records.size() - 1;
            updateIndex.put(id, index);
        }
        updates.records.get(index).putAll(fields);
        updates.targets.get(index).add(new Target(call, action, false));
    }

    /** The composite request of every collection that has records; null when there is nothing to write. */
    public String writeRequest() {
        return writeRequest;
    }

    SalesforcePlan seal(String base) {
        List<Map<String, Object>> requests = new ArrayList<>();
        collections.forEach((reference, collection) -> {
            if (!collection.records.isEmpty()) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("allOrNone", false);
                body.put("records", collection.records);
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("method", collection.method);
                request.put("url", base + "/composite/sobjects");
                request.put("referenceId", reference);
                request.put("body", body);
                requests.add(request);
            }
        });
        if (!requests.isEmpty()) {
            Map<String, Object> composite = new LinkedHashMap<>();
            composite.put("allOrNone", false);
            composite.put("compositeRequest", requests);
            writeRequest = Json.write(composite);
        }
        return this;
    }

    /**
     * Every call's action results, from the write's answer (null when nothing was written). A transient error
     * anywhere throws, and the whole batch is retried: every write is repeatable.
     */
    public List<Map<String, ActionResult>> results(JsonNode writeAnswer) {
        if (writeAnswer != null) {
            for (JsonNode answer : writeAnswer.path("compositeResponse")) {
                Collection collection = collections.get(answer.path("referenceId").asText());
                if (collection != null) {
                    record(collection, answer);
                }
            }
        }
        return results;
    }

    private void record(Collection collection, JsonNode answer) {
        JsonNode body = answer.path("body");
        if (answer.path("httpStatusCode").asInt(500) >= 300) {
            String refusal = refusal(body.path(0).path("errorCode").asText("UNKNOWN"), body.path(0).path("message"),
                    answer.path("httpStatusCode").asInt(500));
            collection.targets.forEach(targets -> targets.forEach(t -> results.get(t.call())
                    .putIfAbsent(t.action(), ActionResult.refused(refusal))));
            return;
        }
        for (int i = 0; i < collection.targets.size(); i++) {
            JsonNode saved = body.path(i);
            for (Target target : collection.targets.get(i)) {
                Map<String, ActionResult> call = results.get(target.call());
                if (saved.path("success").asBoolean(false)) {
                    String id = saved.path("id").asText("updated");
                    if (target.callTask() || !call.containsKey(target.action())) {
                        call.put(target.action(), ActionResult.done(collection.method.equals("PATCH") ? "updated" : id));
                    }
                } else {
                    JsonNode error = saved.path("errors").path(0);
                    String code = error.path("statusCode").asText("UNKNOWN");
                    if (code.equals("DUPLICATE_VALUE")) {
                        call.putIfAbsent(target.action(), ActionResult.done("already done"));
                    } else {
                        call.putIfAbsent(target.action(), ActionResult.refused(refusal(code, error.path("message"), 400)));
                    }
                }
            }
        }
    }

    private static String refusal(String code, JsonNode message, int status) {
        if (status >= 500 || TRANSIENT.contains(code)) {
            throw new SalesforceBusy(code, message.asText(""));
        }
        return code + ": " + message.asText("");
    }

    private static void add(Collection collection, Map<String, Object> record, Target target) {
        collection.records.add(record);
        collection.targets.add(new ArrayList<>(List.of(target)));
    }

    private static Map<String, Object> record(String type, Map<String, Object> fields) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("attributes", Map.of("type", type));
        record.putAll(fields);
        return record;
    }
}
