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

    /** Decides the writes from the lookup's answer. */
    public SalesforcePlan plan(CallEvent event, Object lookupAnswer) throws IOException {
        JsonNode lookup = read(lookupAnswer);
        check(lookup);
        Map<String, JsonNode> answers = answers(lookup);
        String existing = firstId(answers.get("existingTask").path("records"));
        String whoId = null;
        String dialerId = event.getCustomerExternalId();
        if (dialerId != null && WHO_ID.matcher(dialerId).matches()) {
            whoId = dialerId;
        }
        for (String type : List.of("Lead", "Contact")) {
            JsonNode records = answers.getOrDefault(type + "ByExternalId", Json.MAPPER.missingNode()).path("records");
            if (whoId == null && records.size() > 1) {
                throw new SalesforceRefusal("MULTIPLE_RECORDS", "several " + type + " records have "
                        + options.externalIdField() + " = " + dialerId);
            }
            whoId = whoId == null ? firstId(records) : whoId;
        }
        if (whoId == null && answers.containsKey("byPhone")) {
            whoId = firstId(answers.get("byPhone").path("searchRecords"));
        }
        String whoType = whoId == null ? null : whoId.startsWith("00Q") ? "Lead" : "Contact";

        List<Map<String, Object>> writes = new ArrayList<>();
        String who = whoId;
        if (who == null && options.noMatch() == NoMatch.SKIP) {
            return new SalesforcePlan(existing, null, null, null, "skipped: no matching Lead or Contact");
        }
        if (who == null && options.noMatch() == NoMatch.CREATE_LEAD && existing == null) {
            writes.add(post("newLead", "Lead", newLead(event)));
            who = "@{newLead.id}";
            whoType = "Lead";
        }
        if (existing == null) {
            writes.add(post("task", "Task", task(event, who)));
            if (event.isCallbackRequested()) {
                writes.add(post("followUp", "Task", followUp(event, who)));
            }
            if (event.isEscalation() && options.escalationCase()) {
                writes.add(post("case", "Case", escalationCase(event, who, whoType)));
            }
        }
        if (whoId != null && event.isOptOut()) {
            Map<String, Object> optOut = new LinkedHashMap<>();
            optOut.put("DoNotCall", true);
            if (options.optOutOfEmail()) {
                optOut.put("HasOptedOutOfEmail", true);
            }
            writes.add(patch("optOut", whoType, whoId, optOut));
        }
        if (whoId != null && "Lead".equals(whoType) && event.isConverted() && options.convertedStatus() != null) {
            writes.add(patch("converted", "Lead", whoId, Map.of("Status", options.convertedStatus())));
        }
        return new SalesforcePlan(existing, whoId, whoType, writes.isEmpty() ? null : composite(writes), null);
    }

    /** What the delivery records as done: the call Task's id (new or found). */
    public String result(SalesforcePlan plan, Object writeAnswer) throws IOException {
        if (plan.writeRequest() == null) {
            return plan.existingTaskId() != null ? plan.existingTaskId() : plan.skipped();
        }
        JsonNode written = read(writeAnswer);
        check(written);
        JsonNode task = answers(written).get("task");
        return task != null && task.hasNonNull("id") ? task.get("id").asText() : plan.existingTaskId();
    }

    /** Logs the API allocation Salesforce reports with every answer ({@code Sforce-Limit-Info: api-usage=25/15000}). */
    public void apiUsage(String limitInfo) {
        if (limitInfo != null) {
            LOG.info("Salesforce {}", limitInfo);
        }
    }

    /** The call Task. {@code whoId} may be a composite reference such as {@code @{newLead.id}}. */
    Map<String, Object> task(CallEvent event, String whoId) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("Subject", "Call (" + event.getVendor() + direction(event) + "): " + words(event));
        task.put("TaskSubtype", "Call");
        task.put("Type", "Call");
        task.put("Status", "Completed");
        task.put("Priority", event.isEscalation() ? "High" : "Normal");
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

    static String callObject(CallEvent event) {
        return event.getVendor() + ":" + event.getVendorCallId();
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

    /** Throws for the first subrequest that failed, as retryable or not. */
    private static void check(JsonNode composite) {
        for (JsonNode answer : composite.path("compositeResponse")) {
            int status = answer.path("httpStatusCode").asInt(500);
            if (status < 300) {
                continue;
            }
            JsonNode error = answer.path("body").path(0);
            String code = error.path("errorCode").asText("UNKNOWN");
            String message = answer.path("referenceId").asText() + ": " + error.path("message").asText("");
            if (code.equals("DUPLICATE_VALUE") || code.equals("PROCESSING_HALTED")) {
                continue; // written before; or not attempted because of another subrequest's error, reported there
            }
            if (status >= 500 || TRANSIENT.contains(code)) {
                throw new SalesforceBusy(code, message);
            }
            throw new SalesforceRefusal(code, message);
        }
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
