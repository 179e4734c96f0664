package org.calloutcome.router.sink.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.delivery.ActionResult;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.Direction;
import org.calloutcome.router.normalize.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A call's Salesforce writes in two composite requests: one that looks up (the Task already logged for the call, the
 * person it is about), one that writes (the call Task and what the outcome asks for). The person is found, in order,
 * by the record id or external id the dialer carried back, then by phone number (unconverted Leads before Contacts,
 * configurable); with no match the Task is logged unattached, a Lead is created, or nothing is written (configurable).
 */
public final class SalesforceCalls {
    private static final Logger LOG = LoggerFactory.getLogger(SalesforceCalls.class);
    // Lead (00Q) and Contact (003) record ids, 15 or 18 characters.
    private static final Pattern WHO_ID = Pattern.compile("(00Q|003)[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?");
    private static final Set<String> TRANSIENT = Set.of("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE",
            "REQUEST_RUNNING_TOO_LONG", "QUERY_TIMEOUT");

    public enum NoMatch { UNATTACHED_TASK, CREATE_LEAD, SKIP }

    /** The actions routing rules can ask of this sink (see routes/routing.camel.yaml). */
    public static final String LOG_CALL = "log-call";
    public static final String LOG_SEQUENCE = "log-sequence";
    public static final String DO_NOT_CALL = "do-not-call";
    public static final String LEAD_STATUS = "lead-status";
    public static final String FOLLOW_UP = "follow-up";
    public static final String ESCALATE = "escalate";
    private static final String NO_MATCH = "skipped: no matching Lead or Contact";

    /**
     * @param externalIdField  Lead/Contact field holding the dialer's id when it is not a record id (null: none)
     * @param phoneOrder       object types searched by phone, in order of preference
     * @param convertedStatus  Lead Status set when a call converts (null: leave it)
     * @param optOutOfEmail    also set HasOptedOutOfEmail on opt-out
     * @param followUpDays     due date of the callback Task, in days after the call
     * @param escalationCase   open a Case on escalation (besides the High-priority Task)
     * @param dispositions     CallDisposition per business outcome; an outcome not listed is written in words
     */
    public record Options(String apiVersion, String externalIdField, List<String> phoneOrder, NoMatch noMatch,
            String convertedStatus, boolean optOutOfEmail, int followUpDays, boolean escalationCase,
            Map<String, String> dispositions) {
    }

    private final Options options;
    private final Clock clock;
    private final String base;

    public SalesforceCalls(Options options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.base = "/services/data/v" + options.apiVersion();
    }

    public String compositePath() {
        return base + "/composite";
    }

    /** The first request: the Task already logged for this call, and the candidates for who it is about. */
    public String lookupRequest(CallEvent event) {
        List<Map<String, Object>> requests = new ArrayList<>();
        requests.add(get("existingTask",
                query("SELECT Id FROM Task WHERE CallObject = '" + literal(callObject(event)) + "' LIMIT 1")));
        String dialerId = event.getCustomerExternalId();
        if (dialerId != null && !WHO_ID.matcher(dialerId).matches() && options.externalIdField() != null) {
            for (String type : List.of("Lead", "Contact")) {
                requests.add(get(type + "ByExternalId", query("SELECT Id FROM " + type + " WHERE "
                        + options.externalIdField() + " = '" + literal(dialerId) + "'"
                        + (type.equals("Lead") ? " AND IsConverted = false" : "") + " LIMIT 2")));
            }
        }
        String digits = event.getCustomerNumber() == null ? "" : event.getCustomerNumber().replaceAll("\\D", "");
        if (digits.length() >= 7) {
            String terms = digits.length() > 10 ? digits + " OR " + digits.substring(digits.length() - 10) : digits;
            List<String> returning = new ArrayList<>();
            for (String type : options.phoneOrder()) {
                returning.add(type.equals("Lead") ? "Lead(Id WHERE IsConverted = false)" : type + "(Id)");
            }
            requests.add(get("byPhone", base + "/search?q=" + encode("FIND {" + terms + "} IN PHONE FIELDS RETURNING "
                    + String.join(", ", returning))));
        }
        return composite(requests);
    }

    /** Decides the writes for the actions the routing rules asked for, from the lookup's answer. */
    public SalesforcePlan plan(CallEvent event, Set<String> actions, Object lookupAnswer) throws IOException {
        JsonNode lookup = read(lookupAnswer);
        for (JsonNode answer : lookup.path("compositeResponse")) {
            throwIfFailed(answer, true);
        }
        Map<String, JsonNode> answers = answers(lookup);
        String existing = firstId(answers.get("existingTask").path("records"));
        String whoId = who(event, answers);
        String whoType = whoId == null ? null : whoId.startsWith("00Q") ? "Lead" : "Contact";

        List<Map<String, Object>> writes = new ArrayList<>();
        Map<String, String> actionOf = new LinkedHashMap<>();
        Map<String, ActionResult> settled = new LinkedHashMap<>();
        if (whoId == null && options.noMatch() == NoMatch.SKIP) {
            actions.forEach(action -> settled.put(action, ActionResult.done(NO_MATCH)));
            return new SalesforcePlan(null, actionOf, settled);
        }
        if (existing != null) {
            // the call was logged before, with its follow-up and escalation: only record updates are repeated
            for (String action : List.of(LOG_CALL, LOG_SEQUENCE, FOLLOW_UP, ESCALATE)) {
                if (actions.contains(action)) {
                    settled.put(action, ActionResult.done(existing));
                }
            }
        } else {
            String who = whoId;
            if (who == null && options.noMatch() == NoMatch.CREATE_LEAD) {
                writes.add(post("newLead", "Lead", newLead(event)));
                actionOf.put("newLead", LOG_CALL);
                who = "@{newLead.id}";
            }
            if (actions.contains(LOG_CALL)) {
                writes.add(post("task", "Task", task(event, who, actions.contains(ESCALATE))));
                actionOf.put("task", LOG_CALL);
            } else if (actions.contains(LOG_SEQUENCE)) {
                writes.add(post("task", "Task", sequenceTask(event, who)));
                actionOf.put("task", LOG_SEQUENCE);
            }
            if (actions.contains(FOLLOW_UP)) {
                writes.add(post("followUp", "Task", followUp(event, who)));
                actionOf.put("followUp", FOLLOW_UP);
            }
            if (actions.contains(ESCALATE) && options.escalationCase()) {
                writes.add(post("case", "Case", escalationCase(event, whoId, whoType)));
                actionOf.put("case", ESCALATE);
            } else if (actions.contains(ESCALATE)) {
                settled.put(ESCALATE, ActionResult.done("High-priority call Task"));
            }
        }
        if (actions.contains(DO_NOT_CALL)) {
            if (whoId == null) {
                settled.put(DO_NOT_CALL, ActionResult.done(NO_MATCH));
            } else {
                Map<String, Object> optOut = new LinkedHashMap<>();
                optOut.put("DoNotCall", true);
                if (options.optOutOfEmail()) {
                    optOut.put("HasOptedOutOfEmail", true);
                }
                writes.add(patch("optOut", whoType, whoId, optOut));
                actionOf.put("optOut", DO_NOT_CALL);
            }
        }
        if (actions.contains(LEAD_STATUS)) {
            if ("Lead".equals(whoType) && options.convertedStatus() != null) {
                writes.add(patch("leadStatus", "Lead", whoId, Map.of("Status", options.convertedStatus())));
                actionOf.put("leadStatus", LEAD_STATUS);
            } else {
                settled.put(LEAD_STATUS, ActionResult.done("skipped: no Lead, or no status configured"));
            }
        }
        return new SalesforcePlan(writes.isEmpty() ? null : composite(writes), actionOf, settled);
    }

    /** Each action's result. A transient error anywhere retries the whole call (every write is repeatable). */
    public Map<String, ActionResult> results(SalesforcePlan plan, Object writeAnswer) throws IOException {
        Map<String, ActionResult> results = new LinkedHashMap<>(plan.settled());
        if (plan.writeRequest() == null) {
            return results;
        }
        for (JsonNode answer : read(writeAnswer).path("compositeResponse")) {
            String reference = answer.path("referenceId").asText();
            String action = plan.actionOfReference().get(reference);
            String refusal = throwIfFailed(answer, false);
            if (refusal == null) {
                JsonNode id = answer.path("body").path("id");
                if (!results.containsKey(action) || "task".equals(reference)) {
                    results.put(action, ActionResult.done(id.isTextual() ? id.asText() : "updated"));
                }
            } else {
                results.putIfAbsent(action, ActionResult.refused(refusal));
            }
        }
        return results;
    }

    /** The Lead or Contact: the record id the dialer carried, its external id, then the phone number. */
    private String who(CallEvent event, Map<String, JsonNode> answers) {
        String dialerId = event.getCustomerExternalId();
        if (dialerId != null && WHO_ID.matcher(dialerId).matches()) {
            return dialerId;
        }
        for (String type : List.of("Lead", "Contact")) {
            JsonNode records = answers.getOrDefault(type + "ByExternalId", Json.MAPPER.missingNode()).path("records");
            if (records.size() > 1) {
                throw new SalesforceRefusal("MULTIPLE_RECORDS", "several " + type + " records have "
                        + options.externalIdField() + " = " + dialerId);
            }
            if (firstId(records) != null) {
                return firstId(records);
            }
        }
        return answers.containsKey("byPhone") ? firstId(answers.get("byPhone").path("searchRecords")) : null;
    }

    /** Logs the API allocation Salesforce reports with every answer ({@code Sforce-Limit-Info: api-usage=25/15000}). */
    public void apiUsage(String limitInfo) {
        if (limitInfo != null) {
            LOG.info("Salesforce {}", limitInfo);
        }
    }

    /** The call Task. {@code whoId} may be a composite reference such as {@code @{newLead.id}}. */
    Map<String, Object> task(CallEvent event, String whoId, boolean escalated) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("Subject", "Call (" + event.getVendor() + direction(event) + "): " + words(event));
        task.put("TaskSubtype", "Call");
        task.put("Type", "Call");
        task.put("Status", "Completed");
        task.put("Priority", escalated ? "High" : "Normal");
        if (event.getDirection() != Direction.UNKNOWN) {
            task.put("CallType", event.getDirection() == Direction.INBOUND ? "Inbound" : "Outbound");
        }
        if (event.getDurationSeconds() != null) {
            task.put("CallDurationInSeconds", event.getDurationSeconds());
        }
        task.put("CallDisposition", options.dispositions().getOrDefault(event.getBusinessOutcome().name(), words(event)));
        task.put("CallObject", callObject(event));
        if (event.getEndedAt() != null || event.getStartedAt() != null) {
            task.put("ActivityDate", (event.getEndedAt() != null ? event.getEndedAt() : event.getStartedAt())
                    .atZone(ZoneOffset.UTC).toLocalDate().toString());
        }
        task.put("Description", description(event));
        if (whoId != null) {
            task.put("WhoId", whoId);
        }
        return task;
    }

    /** What the Task is recognised by: the vendor call id, or the sequence id for a sequence summary. */
    static String callObject(CallEvent event) {
        return event.getVendorCallId() != null ? event.getVendor() + ":" + event.getVendorCallId()
                : event.getVendor() + ":sequence:" + event.getSequenceId();
    }

    /** One summary Task for a whole outreach sequence: its outcome and every step. */
    private static Map<String, Object> sequenceTask(CallEvent event, String whoId) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("Subject", "Outreach sequence (" + event.getVendor() + "): " + words(event));
        task.put("Status", "Completed");
        task.put("Priority", event.isEscalation() ? "High" : "Normal");
        task.put("CallObject", callObject(event));
        if (event.getEndedAt() != null) {
            task.put("ActivityDate", event.getEndedAt().atZone(ZoneOffset.UTC).toLocalDate().toString());
        }
        StringBuilder steps = new StringBuilder();
        if (event.getSummary() != null) {
            steps.append(event.getSummary()).append("\n\n");
        }
        event.getSteps().forEach(step -> steps.append(step.step()).append(". ").append(step.type()).append(' ')
                .append(step.vendorStepId()).append(": ").append(step.endedReason() != null ? step.endedReason()
                        : step.status()).append(step.outcome() != null ? " (" + step.outcome() + ")" : "").append('\n'));
        task.put("Description", steps.toString().strip());
        if (whoId != null) {
            task.put("WhoId", whoId);
        }
        return task;
    }

    private Map<String, Object> followUp(CallEvent event, String whoId) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("Subject", "Call back (requested on a " + event.getVendor() + " call)");
        task.put("Status", "Not Started");
        task.put("Priority", "Normal");
        task.put("ActivityDate", LocalDate.now(clock).plusDays(options.followUpDays()).toString());
        task.put("Description", description(event));
        if (whoId != null) {
            task.put("WhoId", whoId);
        }
        return task;
    }

    private Map<String, Object> escalationCase(CallEvent event, String whoId, String whoType) {
        Map<String, Object> escalation = new LinkedHashMap<>();
        escalation.put("Subject", "Escalated " + event.getVendor() + " call");
        escalation.put("Origin", "Phone");
        escalation.put("Priority", "High");
        escalation.put("Description", description(event));
        if ("Contact".equals(whoType)) {
            escalation.put("ContactId", whoId);
        }
        return escalation;
    }

    private static Map<String, Object> newLead(CallEvent event) {
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("LastName", event.getCustomerName() != null ? event.getCustomerName() : "Unknown caller");
        lead.put("Company", "Unknown");
        lead.put("Phone", event.getCustomerNumber());
        lead.put("LeadSource", "Phone");
        return lead;
    }

    /** Summary and links; never the transcript. */
    private static String description(CallEvent event) {
        StringBuilder text = new StringBuilder();
        if (event.getSummary() != null) {
            text.append(event.getSummary()).append("\n\n");
        }
        text.append("Outcome: ").append(event.getBusinessOutcome()).append(" (").append(event.getConnectivity())
                .append(")");
        if (event.getDashboardUrl() != null) {
            text.append("\nCall: ").append(event.getDashboardUrl());
        }
        if (event.getRecordingUrl() != null) {
            text.append("\nRecording: ").append(event.getRecordingUrl());
        }
        return text.toString();
    }

    private static String direction(CallEvent event) {
        return event.getDirection() == Direction.UNKNOWN ? "" : " " + event.getDirection().name().toLowerCase(Locale.ROOT);
    }

    private static String words(CallEvent event) {
        return event.getBusinessOutcome().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private String query(String soql) {
        return base + "/query?q=" + encode(soql);
    }

    private static Map<String, Object> get(String reference, String url) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", "GET");
        request.put("url", url);
        request.put("referenceId", reference);
        return request;
    }

    private Map<String, Object> post(String reference, String type, Map<String, Object> body) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", "POST");
        request.put("url", base + "/sobjects/" + type);
        request.put("referenceId", reference);
        request.put("body", body);
        return request;
    }

    private Map<String, Object> patch(String reference, String type, String id, Map<String, Object> body) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", "PATCH");
        request.put("url", base + "/sobjects/" + type + "/" + id);
        request.put("referenceId", reference);
        request.put("body", body);
        return request;
    }

    private static String composite(List<Map<String, Object>> requests) {
        Map<String, Object> composite = new LinkedHashMap<>();
        composite.put("allOrNone", false);
        composite.put("compositeRequest", requests);
        return Json.write(composite);
    }

    private static Map<String, JsonNode> answers(JsonNode composite) {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        composite.path("compositeResponse").forEach(r -> answers.put(r.path("referenceId").asText(), r.path("body")));
        return answers;
    }

    /**
     * Null for a subrequest that worked (or had been done before); the refusal for one Salesforce refused. Throws for
     * errors that pass, so the call is retried; a lookup throws for refusals too, as nothing can be decided without it.
     */
    private static String throwIfFailed(JsonNode answer, boolean lookup) {
        int status = answer.path("httpStatusCode").asInt(500);
        if (status < 300) {
            return null;
        }
        JsonNode error = answer.path("body").path(0);
        String code = error.path("errorCode").asText("UNKNOWN");
        String message = answer.path("referenceId").asText() + ": " + error.path("message").asText("");
        if (code.equals("DUPLICATE_VALUE")) {
            return null; // written by an earlier attempt
        }
        if (status >= 500 || TRANSIENT.contains(code)) {
            throw new SalesforceBusy(code, message);
        }
        if (lookup) {
            throw new SalesforceRefusal(code, message);
        }
        return code + ": " + message;
    }

    private static String firstId(JsonNode records) {
        return records != null && records.isArray() && !records.isEmpty() ? Json.text(records.get(0), "Id") : null;
    }

    private static String literal(String value) {
        return value.replace("\\", "\\\\").replace("'", "\\'");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode read(Object answer) throws IOException {
        if (answer instanceof InputStream in) {
            return Json.MAPPER.readTree(in);
        }
        if (answer instanceof byte[] bytes) {
            return Json.MAPPER.readTree(bytes);
        }
        return Json.MAPPER.readTree(String.valueOf(answer));
    }
}
