package org.calloutcome.router.sink.salesforce;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.delivery.ActionResult;

/**
 * The writes of one pass over a batch, as sObject collections in composite requests, and whose action each record
 * serves, so that Salesforce's per-record answers settle the right delivery: a record refused is that action's
 * refusal, a record busy ({@code UNABLE_TO_LOCK_ROW}) that action's retry, and the rest of the batch is done once.
 * <p>
 * A call that needs a new Lead waits for it: the Lead is created in this pass, and the call's Task and updates are
 * written in the next one, naming the Lead by its id, or the record a duplicate rule named instead of it.
 */
public final class SalesforcePlan {
    /** Salesforce error codes that pass by themselves: the work is retried. */
    static final Set<String> TRANSIENT = Set.of("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE",
            "REQUEST_RUNNING_TOO_LONG", "QUERY_TIMEOUT");
    /** The Lead was converted after this batch looked it up; the next attempt's lookup follows it to its Contact. */
    static final String CONVERTED_LEAD = "CANNOT_UPDATE_CONVERTED_LEAD";
    static final String DUPLICATES = "DUPLICATES_DETECTED";
    private static final String ALLOW_SAVE = "allowSave=true";
    private static final int RAW = 500;
    /** sObject Collections take up to 200 records a request (REST API Developer Guide, "sObject Collections"). */
    static final int RECORDS_PER_COLLECTION = 200;
    /** Composite runs up to 5 sObject Collections or queries a request (REST API Developer Guide, "Composite"). */
    static final int COLLECTIONS_PER_COMPOSITE = 5;

    /** What the batch's lookup found besides people: the Tasks and Cases written before, by their keys. */
    record Written(Map<String, String> tasks, Map<String, JsonNode> taskRecords, Map<String, String> cases) {
    }

    /** A record of a collection: the call (index in the batch) and action it serves; no action for a new Lead. */
    private record Target(int call, String action, boolean primary) {
    }

    private static final class Collection {
        final String method;
        final Map<String, String> headers;
        /** Its records only add to an action (the admin's fields on a person): a refusal is a note, not a failure. */
        boolean optional;
        final List<Map<String, Object>> records = new ArrayList<>();
        final List<List<Target>> targets = new ArrayList<>();

        Collection(String method, Map<String, String> headers) {
            this.method = method;
            this.headers = headers;
        }
    }

    private final List<Map<String, ActionResult>> results;
    private final Written written;
    private final Map<String, Collection> collections = new LinkedHashMap<>();
    private final Map<String, Integer> updateIndex = new LinkedHashMap<>();
    /** Calls waiting for their new Lead, with their actions; then the person each is to be written on. */
    private final Map<Integer, Set<String>> waiting = new LinkedHashMap<>();
    private final Map<Integer, Person> resolved = new LinkedHashMap<>();
    private final Map<Integer, String> leadRefusals = new HashMap<>();
    /** Per call, what was left out of its records, said in its call Task's result. */
    private final Map<Integer, List<String>> notes;
    /** One collection subrequest: records {@code from} to {@code to} of a collection, and its reference. */
    private record Part(String reference, Collection collection, int from, int to) {
    }

    /** The composite requests of this pass, each with its parts, and the one to send next. */
    private final List<List<Part>> composites = new ArrayList<>();
    private final List<String> writeRequests = new ArrayList<>();
    private int next;

    SalesforcePlan(int calls, Written written) {
        this(new ArrayList<>(), written, new HashMap<>());
        for (int i = 0; i < calls; i++) {
            results.add(new LinkedHashMap<>());
        }
    }

    /** The next pass over the same batch: its results and notes join this one's. */
    private SalesforcePlan(List<Map<String, ActionResult>> results, Written written,
            Map<Integer, List<String>> notes) {
        this.results = results;
        this.written = written;
        this.notes = notes;
    }

    SalesforcePlan next() {
        return new SalesforcePlan(results, written, notes);
    }

    Written written() {
        return written;
    }

    /** Sets up the collections; a duplicate rule lets new Leads be saved when {@code saveDuplicates}. */
    SalesforcePlan collections(boolean saveDuplicates) {
        collections.put("newLeads", new Collection("POST", saveDuplicates
                ? Map.of("Sforce-Duplicate-Rule-Header", ALLOW_SAVE) : Map.of()));
        collections.put("creates", new Collection("POST", Map.of()));
        // an opt-out on a record that exists already creates no duplicate: a rule that alerts must not hold it back
        collections.put("updates", new Collection("PATCH", Map.of("Sforce-Duplicate-Rule-Header", ALLOW_SAVE)));
        // the admin's fields on a person apart from its opt-out: a value Salesforce refuses never costs the opt-out
        Collection personFields = new Collection("PATCH", Map.of("Sforce-Duplicate-Rule-Header", ALLOW_SAVE));
        personFields.optional = true;
        collections.put("personFields", personFields);
        return this;
    }

    /** What was left out of a call's records, and why: said in its call Task's result. */
    void note(int call, List<String> leftOut) {
        if (!leftOut.isEmpty()) {
            notes.computeIfAbsent(call, c -> new ArrayList<>()).addAll(leftOut);
        }
    }

    /** The admin's fields on the person a call was logged on (under {@code action}), written apart from the rest. */
    void personFields(int call, String action, String type, String id, Map<String, Object> fields) {
        Map<String, Object> record = record(type, fields);
        record.put("id", id);
        add(collections.get("personFields"), record, new Target(call, action, false));
    }

    /** An action decided without writing (already done, nothing to update). */
    public void settle(int call, String action, ActionResult result) {
        merge(call, action, result, true);
    }

    /** A Lead to create for a call; the call's actions are planned once it exists (see {@link #resolved}). */
    void newLead(int call, Set<String> actions, Map<String, Object> lead) {
        add(collections.get("newLeads"), record("Lead", lead), new Target(call, null, false));
        waiting.put(call, actions);
    }

    public void create(int call, String action, String type, Map<String, Object> fields, boolean primary) {
        add(collections.get("creates"), record(type, fields), new Target(call, action, primary));
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

    /** The next composite request of this pass; null when there is nothing (more) to write. */
    public String writeRequest() {
        return next < writeRequests.size() ? writeRequests.get(next) : null;
    }

    /** Cuts the collections into subrequests of at most 200 records, at most five to a composite request. */
    SalesforcePlan seal(SalesforceApi api) {
        List<Part> parts = new ArrayList<>();
        collections.forEach((reference, collection) -> {
            for (int from = 0; from < collection.records.size(); from += RECORDS_PER_COLLECTION) {
                parts.add(new Part(from == 0 ? reference : reference + (from / RECORDS_PER_COLLECTION), collection,
                        from, Math.min(collection.records.size(), from + RECORDS_PER_COLLECTION)));
            }
        });
        for (int from = 0; from < parts.size(); from += COLLECTIONS_PER_COMPOSITE) {
            List<Part> composite = parts.subList(from, Math.min(parts.size(), from + COLLECTIONS_PER_COMPOSITE));
            List<Map<String, Object>> requests = new ArrayList<>();
            for (Part part : composite) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("allOrNone", false);
                body.put("records", part.collection().records.subList(part.from(), part.to()));
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("method", part.collection().method);
                request.put("url", api.collections());
                request.put("referenceId", part.reference());
                if (!part.collection().headers.isEmpty()) {
                    request.put("httpHeaders", part.collection().headers);
                }
                request.put("body", body);
                requests.add(request);
            }
            composites.add(List.copyOf(composite));
            writeRequests.add(SalesforceApi.composite(requests));
        }
        return this;
    }

    /**
     * Every call's action results so far, in batch order; a call Task's result also says what was left out of the
     * call's records ({@code 00T... (left out: Next_Call__c: 'next Tuesday' is not a date)}).
     */
    public List<Map<String, ActionResult>> results() {
        notes.forEach((call, leftOut) -> {
            for (String action : List.of(SalesforceActions.LOG_CALL, SalesforceActions.LOG_SEQUENCE)) {
                ActionResult result = results.get(call).get(action);
                if (result != null && result.kind() == ActionResult.Kind.DONE) {
                    results.get(call).put(action, ActionResult.done(result.result() + " (left out: "
                            + String.join("; ", new java.util.LinkedHashSet<>(leftOut)) + ")"));
                }
            }
        });
        notes.clear();
        return results;
    }

    /** The calls whose new Lead this pass settled, with the person to write them on, and their actions. */
    Map<Integer, Person> resolved() {
        return resolved;
    }

    Set<String> actionsOf(int call) {
        return waiting.get(call);
    }

    /** Why a new Lead could not be created for the call (null when it was). */
    String leadRefusal(int call) {
        return leadRefusals.get(call);
    }

    /**
     * Reads the write's answer into the results. A whole collection refused is each of its records' refusal; an answer
     * the router cannot read refuses only the records it was about, with what Salesforce said.
     */
    void record(JsonNode writeAnswer) {
        Map<String, JsonNode> answers = new HashMap<>();
        if (writeAnswer != null) {
            writeAnswer.path("compositeResponse").forEach(a -> answers.put(a.path("referenceId").asText(), a));
        }
        for (Part part : composites.get(next++)) {
            JsonNode answer = answers.get(part.reference());
            if (answer == null) {
                everyRecord(part, ActionResult.refused("UNKNOWN: Salesforce's answer has no result for "
                        + part.reference() + ": " + raw(writeAnswer)));
            } else if (answer.path("httpStatusCode").asInt(500) >= 300) {
                JsonNode error = answer.path("body").path(0);
                String code = error.path("errorCode").asText("UNKNOWN");
                String text = code + ": " + error.path("message").asText(raw(answer.path("body")));
                everyRecord(part, answer.path("httpStatusCode").asInt(500) >= 500 || TRANSIENT.contains(code)
                        ? ActionResult.retry(text) : ActionResult.refused(text));
            } else {
                for (int i = part.from(); i < part.to(); i++) {
                    JsonNode saved = answer.path("body").path(i - part.from());
                    for (Target target : part.collection().targets.get(i)) {
                        settleRecord(part.collection(), i, target, saved);
                    }
                }
            }
        }
        if (writeRequest() == null) {
            waiting.keySet().forEach(call -> {
                if (!resolved.containsKey(call) && !leadRefusals.containsKey(call)) {
                    resolved.put(call, Person.NOBODY);
                }
            });
        }
    }

    private void everyRecord(Part part, ActionResult result) {
        for (List<Target> targets : part.collection().targets.subList(part.from(), part.to())) {
            for (Target target : targets) {
                if (part.collection().optional) {
                    note(target.call(), List.of("the person's fields (" + result.error() + ")"));
                } else if (target.action() == null) {
                    leadFailed(target.call(), result);
                } else {
                    merge(target.call(), target.action(), result, false);
                }
            }
        }
    }

    private void settleRecord(Collection collection, int index, Target target, JsonNode saved) {
        if (collection.optional) {
            if (!saved.path("success").asBoolean(false)) {
                JsonNode error = saved.path("errors").path(0);
                note(target.call(), List.of("the person's fields (" + error.path("statusCode").asText("UNKNOWN")
                        + ": " + error.path("message").asText(raw(saved)) + ")"));
            }
            return;
        }
        if (!saved.path("success").isBoolean()) {
            ActionResult unknown = ActionResult.refused("UNKNOWN: Salesforce answered " + raw(saved));
            if (target.action() == null) {
                leadFailed(target.call(), unknown);
            } else {
                merge(target.call(), target.action(), unknown, false);
            }
            return;
        }
        if (saved.path("success").asBoolean()) {
            String id = saved.path("id").asText("updated");
            if (target.action() == null) {
                resolved.put(target.call(), Person.of(id));
            } else {
                merge(target.call(), target.action(), ActionResult.done(id), target.primary()); // the record written
            }
            return;
        }
        JsonNode error = saved.path("errors").path(0);
        String code = error.path("statusCode").asText("UNKNOWN");
        String text = code + ": " + error.path("message").asText("");
        if (target.action() == null) {
            String match = code.equals(DUPLICATES) ? duplicateMatch(error) : null;
            if (match != null) {
                resolved.put(target.call(), Person.of(match));
            } else {
                leadFailed(target.call(), TRANSIENT.contains(code) ? ActionResult.retry(text)
                        : ActionResult.refused(text));
            }
            return;
        }
        ActionResult result;
        if (code.equals("DUPLICATE_VALUE")) {
            result = ActionResult.done("already done");
        } else if (TRANSIENT.contains(code) || code.equals(CONVERTED_LEAD)) {
            result = ActionResult.retry(text);
        } else {
            Object record = collection.records.get(index).get("id");
            result = ActionResult.refused(text, record == null ? null : record.toString());
        }
        merge(target.call(), target.action(), result, false);
    }

    /**
     * A new Lead that could not be created: busy, and the call's actions are retried; refused, and the call is
     * written without a person (its Task unattached, its opt-out not recorded), saying why.
     */
    private void leadFailed(int call, ActionResult result) {
        if (result.kind() == ActionResult.Kind.RETRY) {
            waiting.get(call).forEach(action -> merge(call, action, result, false));
            leadRefusals.put(call, result.error());
        } else {
            resolved.put(call, Person.NOBODY);
            leadRefusals.put(call, result.error());
        }
    }

    /** The record a duplicate rule matched the new Lead with: a Lead or a Contact, the most confident first. */
    private static String duplicateMatch(JsonNode error) {
        String best = null;
        double confidence = -1;
        for (JsonNode match : error.path("duplicateResult").path("matchResults")) {
            for (JsonNode record : match.path("matchRecords")) {
                String id = record.path("record").path("Id").asText(null);
                if (id != null && (id.startsWith("00Q") || id.startsWith("003"))
                        && record.path("matchConfidence").asDouble(0) > confidence) {
                    best = id;
                    confidence = record.path("matchConfidence").asDouble(0);
                }
            }
        }
        return best;
    }

    private void merge(int call, String action, ActionResult result, boolean primary) {
        Map<String, ActionResult> actions = results.get(call);
        ActionResult before = actions.get(action);
        actions.put(action, before == null ? result : before.worse(result, primary));
    }

    static String raw(JsonNode answer) {
        String text = answer == null ? "nothing" : answer.toString();
        return text.length() > RAW ? text.substring(0, RAW) + "…" : text;
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
