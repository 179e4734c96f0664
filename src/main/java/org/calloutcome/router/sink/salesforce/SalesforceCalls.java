package org.calloutcome.router.sink.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.calloutcome.router.delivery.ActionResult;
import org.calloutcome.router.delivery.DeliveryGroup;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.Direction;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.observe.RouterMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch of calls' Salesforce writes in two API calls, whatever the batch size (Salesforce counts a composite
 * request as one call): a composite of queries that looks up the Tasks already logged and the people the calls are
 * about, then a composite of sObject collections that writes what the routing rules asked for. One call is a batch of
 * one; a burst of 200 costs the same two calls.
 * <p>
 * The person is found, in order, by the record id or external id the dialer carried back, then by phone number
 * (unconverted Leads before Contacts, configurable); with no match the Task is logged unattached, a Lead is created,
 * or nothing is written (configurable).
 */
public final class SalesforceCalls {
    private static final Logger LOG = LoggerFactory.getLogger(SalesforceCalls.class);
    // Lead (00Q) and Contact (003) record ids, 15 or 18 characters.
    private static final Pattern WHO_ID = Pattern.compile("(00Q|003)[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?");
    // A composite may hold five queries: one for Tasks, two for external ids, two phone searches.
    private static final int PHONES_PER_SEARCH = 100;
    public static final int MAX_BATCH = 2 * PHONES_PER_SEARCH;

    public enum NoMatch { UNATTACHED_TASK, CREATE_LEAD, SKIP }

    /** Exchange properties of the {@code salesforce-calls} route: the batch, and the writes planned for it. */
    public static final String BATCH = "batch";
    public static final String PLAN = "plan";

    /** The actions routing rules can ask of this sink (see routes/routing.camel.yaml). */
    public static final String LOG_CALL = "log-call";
    public static final String LOG_SEQUENCE = "log-sequence";
    public static final String DO_NOT_CALL = "do-not-call";
    public static final String LEAD_STATUS = "lead-status";
    public static final String FOLLOW_UP = "follow-up";
    public static final String ESCALATE = "escalate";
    public static final String DO_NOT_TEXT = "do-not-text";
    /** Every action this sink knows. */
    public static final Set<String> ACTIONS = Set.of(LOG_CALL, LOG_SEQUENCE, DO_NOT_CALL, LEAD_STATUS, FOLLOW_UP,
            ESCALATE, DO_NOT_TEXT);
    private static final String NO_MATCH = "skipped: no matching Lead or Contact";
    private static final String NO_TEXT_FIELD = "skipped: no do-not-text field configured"
            + " (router.salesforce.do-not-text-field)";

    /**
     * @param externalIdField  Lead/Contact field holding the dialer's id when it is not a record id (null: none)
     * @param phoneOrder       object types searched by phone, in order of preference
     * @param convertedStatus  Lead Status set when a call converts (null: leave it)
     * @param optOutOfEmail    also set HasOptedOutOfEmail on opt-out
     * @param followUpDays     due date of the callback Task, in days after the call
     * @param escalationCase   open a Case on escalation (besides the High-priority Task)
     * @param dispositions     CallDisposition per business outcome; an outcome not listed is written in words
     * @param withTranscript   add the transcript to the call Task's Description (off: summary and links only)
     * @param doNotTextField   Lead/Contact checkbox set on a texting opt-out (null: none; the sequence Task says so)
     */
    public record Options(String apiVersion, String externalIdField, List<String> phoneOrder, NoMatch noMatch,
            String convertedStatus, boolean optOutOfEmail, int followUpDays, boolean escalationCase,
            Map<String, String> dispositions, boolean withTranscript, String doNotTextField) {
    }

    /** The calls of one batch: the actions asked for each, and its event. */
    public record Batch(List<DeliveryGroup> groups, List<CallEvent> events) {
    }

    /** What the person a call is about is: a record id and its type, or a refusal to decide. */
    private record Who(String id, String type, String refusal) {
    }

    private final Options options;
    private final Clock clock;
    private final RouterMetrics metrics;
    private final String base;

    public SalesforceCalls(Options options, Clock clock, RouterMetrics metrics) {
        this.metrics = metrics;
        this.options = options;
        this.clock = clock;
        this.base = "/services/data/v" + options.apiVersion();
    }

    /** The lookup: Tasks already logged for the calls, and the people they are about. */
    public String lookupRequest(@Body Batch batch) {
        List<Map<String, Object>> requests = new ArrayList<>();
        requests.add(get("existingTasks", query("SELECT Id, CallObject FROM Task WHERE CallObject IN ("
                + quoted(batch.events().stream().flatMap(e -> Stream.of(callObject(e), followUpObject(e))).distinct()
                        .toList()) + ")")));
        List<String> dialerIds = batch.events().stream().map(CallEvent::getCustomerExternalId)
                .filter(id -> id != null && !WHO_ID.matcher(id).matches()).distinct().toList();
        if (!dialerIds.isEmpty() && options.externalIdField() != null) {
            for (String type : List.of("Lead", "Contact")) {
                requests.add(get(type + "ByExternalId", query("SELECT Id, " + options.externalIdField() + " FROM "
                        + type + " WHERE " + options.externalIdField() + " IN (" + quoted(dialerIds) + ")"
                        + (type.equals("Lead") ? " AND IsConverted = false" : ""))));
            }
        }
        List<String> terms = batch.events().stream().map(SalesforceCalls::phoneTerms).filter(t -> t != null)
                .distinct().toList();
        List<String> returning = new ArrayList<>();
        for (String type : options.phoneOrder()) {
            returning.add(type + "(Id, Phone, MobilePhone" + (type.equals("Lead") ? " WHERE IsConverted = false" : "")
                    + ")");
        }
        for (int from = 0; from < terms.size(); from += PHONES_PER_SEARCH) {
            List<String> chunk = terms.subList(from, Math.min(terms.size(), from + PHONES_PER_SEARCH));
            requests.add(get("byPhone" + from / PHONES_PER_SEARCH, base + "/search?q=" + encode("FIND {"
                    + String.join(" OR ", chunk) + "} IN PHONE FIELDS RETURNING " + String.join(", ", returning))));
        }
        return composite(requests);
    }

    /** Decides every call's writes from the lookup's answer. */
    public SalesforcePlan plan(@ExchangeProperty(BATCH) Batch batch, @Body Object lookupAnswer) throws IOException {
        JsonNode lookup = read(lookupAnswer);
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (JsonNode answer : lookup.path("compositeResponse")) {
            throwIfFailed(answer);
            answers.put(answer.path("referenceId").asText(), answer.path("body"));
        }
        Map<String, String> existing = new HashMap<>();
        answers.get("existingTasks").path("records")
                .forEach(r -> existing.put(Json.text(r, "CallObject"), Json.text(r, "Id")));
        List<JsonNode> phoneMatches = new ArrayList<>();
        answers.forEach((reference, body) -> {
            if (reference.startsWith("byPhone")) {
                body.path("searchRecords").forEach(phoneMatches::add);
            }
        });
        SalesforcePlan plan = new SalesforcePlan(batch.events().size());
        for (int call = 0; call < batch.events().size(); call++) {
            CallEvent event = batch.events().get(call);
            Set<String> actions = batch.groups().get(call).rules();
            Who who = who(event, answers, phoneMatches);
            if (who.refusal() != null) {
                for (String action : actions) {
                    plan.settle(call, action, ActionResult.refused(who.refusal()));
                }
            } else {
                planCall(plan, call, event, actions, existing, who);
            }
        }
        return plan.seal(base);
    }

    /** Each call's action results, in batch order. */
    public List<Map<String, ActionResult>> results(@ExchangeProperty(PLAN) SalesforcePlan plan, @Body Object writeAnswer)
            throws IOException {
        return plan.results(plan.writeRequest() == null ? null : read(writeAnswer));
    }

    /** Logs the API allocation Salesforce reports with every answer ({@code Sforce-Limit-Info: api-usage=25/15000}). */
    public void apiUsage(@Header("Sforce-Limit-Info") String limitInfo) {
        if (limitInfo != null) {
            LOG.info("Salesforce {}", limitInfo);
            metrics.salesforceApiUsage(limitInfo);
        }
    }

    /**
     * A call's writes. Each action writes for itself, whatever arrived before: the call Task and the follow-up Task
     * each carry a CallObject of their own, so a repeated action finds its record instead of writing it twice.
     */
    private void planCall(SalesforcePlan plan, int call, CallEvent event, Set<String> actions,
            Map<String, String> existing, Who who) {
        if (who.id() == null && options.noMatch() == NoMatch.SKIP) {
            actions.forEach(action -> plan.settle(call, action, ActionResult.done(NO_MATCH)));
            return;
        }
        String callTask = existing.get(callObject(event));
        String followUpTask = existing.get(followUpObject(event));
        boolean createsCallTask = callTask == null
                && (actions.contains(LOG_CALL) || actions.contains(LOG_SEQUENCE) || actions.contains(ESCALATE));
        boolean createsFollowUp = followUpTask == null && actions.contains(FOLLOW_UP);
        String whoId = who.id();
        if (whoId == null && options.noMatch() == NoMatch.CREATE_LEAD && (createsCallTask || createsFollowUp)) {
            whoId = plan.newLead(call, createsCallTask ? callTaskAction(actions) : FOLLOW_UP, newLead(event));
        }
        if (createsCallTask) {
            String action = callTaskAction(actions);
            plan.create(call, action, "Task", action.equals(LOG_SEQUENCE) ? sequenceTask(event, whoId)
                    : task(event, whoId, actions.contains(ESCALATE)), true);
        }
        for (String action : List.of(LOG_CALL, LOG_SEQUENCE)) {
            if (actions.contains(action) && callTask != null) {
                plan.settle(call, action, ActionResult.done(callTask));
            }
        }
        if (actions.contains(FOLLOW_UP)) {
            if (followUpTask != null) {
                plan.settle(call, FOLLOW_UP, ActionResult.done(followUpTask));
            } else {
                plan.create(call, FOLLOW_UP, "Task", followUp(event, whoId), false);
            }
        }
        if (actions.contains(ESCALATE)) {
            if (callTask != null) {
                plan.update(call, ESCALATE, "Task", callTask, Map.of("Priority", "High"));
            }
            if (options.escalationCase()) {
                plan.create(call, ESCALATE, "Case", escalationCase(event, who), false);
            } else if (callTask == null && !callTaskAction(actions).equals(ESCALATE)) {
                plan.settle(call, ESCALATE, ActionResult.done("High-priority call Task"));
            }
        }
        if (actions.contains(DO_NOT_CALL)) {
            if (who.id() == null) {
                plan.settle(call, DO_NOT_CALL, ActionResult.done(NO_MATCH));
            } else {
                Map<String, Object> optOut = new LinkedHashMap<>();
                optOut.put("DoNotCall", true);
                if (options.optOutOfEmail()) {
                    optOut.put("HasOptedOutOfEmail", true);
                }
                plan.update(call, DO_NOT_CALL, who.type(), who.id(), optOut);
            }
        }
        if (actions.contains(DO_NOT_TEXT)) {
            if (options.doNotTextField() == null) {
                plan.settle(call, DO_NOT_TEXT, ActionResult.done(NO_TEXT_FIELD));
            } else if (who.id() == null) {
                plan.settle(call, DO_NOT_TEXT, ActionResult.done(NO_MATCH));
            } else {
                plan.update(call, DO_NOT_TEXT, who.type(), who.id(), Map.of(options.doNotTextField(), true));
            }
        }
        if (actions.contains(LEAD_STATUS)) {
            if ("Lead".equals(who.type()) && options.convertedStatus() != null) {
                plan.update(call, LEAD_STATUS, "Lead", who.id(), Map.of("Status", options.convertedStatus()));
            } else {
                plan.settle(call, LEAD_STATUS, ActionResult.done("skipped: no Lead, or no status configured"));
            }
        }
    }

    /** The action whose record the call (or sequence) Task is: logging it, or else escalating it. */
    private static String callTaskAction(Set<String> actions) {
        return actions.contains(LOG_CALL) ? LOG_CALL : actions.contains(LOG_SEQUENCE) ? LOG_SEQUENCE : ESCALATE;
    }

    /** The Lead or Contact: the record id the dialer carried, its external id, then the phone number. */
    private Who who(CallEvent event, Map<String, JsonNode> answers, List<JsonNode> phoneMatches) {
        String dialerId = event.getCustomerExternalId();
        if (dialerId != null && WHO_ID.matcher(dialerId).matches()) {
            return new Who(dialerId, dialerId.startsWith("00Q") ? "Lead" : "Contact", null);
        }
        if (dialerId != null && options.externalIdField() != null) {
            for (String type : List.of("Lead", "Contact")) {
                List<String> ids = new ArrayList<>();
                answers.getOrDefault(type + "ByExternalId", Json.MAPPER.missingNode()).path("records").forEach(r -> {
                    if (dialerId.equals(Json.text(r, options.externalIdField()))) {
                        ids.add(Json.text(r, "Id"));
                    }
                });
                if (ids.size() > 1) {
                    return new Who(null, null, "MULTIPLE_RECORDS: several " + type + " records have "
                            + options.externalIdField() + " = " + dialerId);
                }
                if (ids.size() == 1) {
                    return new Who(ids.get(0), type, null);
                }
            }
        }
        String terms = phoneTerms(event);
        if (terms != null) {
            String national = terms.substring(terms.lastIndexOf(' ') + 1);
            for (String type : options.phoneOrder()) {
                for (JsonNode match : phoneMatches) {
                    if (type.equals(match.path("attributes").path("type").asText())
                            && (digits(Json.text(match, "Phone")).endsWith(national)
                                    || digits(Json.text(match, "MobilePhone")).endsWith(national))) {
                        return new Who(Json.text(match, "Id"), type, null);
                    }
                }
            }
        }
        return new Who(null, null, null);
    }

    /** The call Task. {@code whoId} may be a reference to a Lead created in the same request. */
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
        String description = description(event);
        if (options.withTranscript() && event.getTranscriptText() != null) {
            description += "\n\nTranscript:\n" + event.getTranscriptText();
        }
        // Salesforce keeps at most 32,000 characters of a Task's Description
        task.put("Description", description.length() > 32000 ? description.substring(0, 32000) : description);
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

    /** The follow-up Task's own key, so that it is written once whether or not the call Task exists. */
    static String followUpObject(CallEvent event) {
        return callObject(event) + ":follow-up";
    }

    /** One summary Task for a whole outreach sequence: its outcome and every step. */
    private Map<String, Object> sequenceTask(CallEvent event, String whoId) {
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
        if (event.isTextOptOut()) {
            steps.append('\n').append(options.doNotTextField() != null
                    ? "Opted out of text messages: " + options.doNotTextField() + " is set on the Lead/Contact."
                    : "Opted out of text messages. Not recorded on the Lead/Contact: no do-not-text field is"
                            + " configured (router.salesforce.do-not-text-field).");
        }
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
        task.put("CallObject", followUpObject(event));
        task.put("Priority", "Normal");
        task.put("ActivityDate", LocalDate.now(clock).plusDays(options.followUpDays()).toString());
        task.put("Description", description(event));
        if (whoId != null) {
            task.put("WhoId", whoId);
        }
        return task;
    }

    private static Map<String, Object> escalationCase(CallEvent event, Who who) {
        Map<String, Object> escalation = new LinkedHashMap<>();
        escalation.put("Subject", "Escalated " + event.getVendor() + " call");
        escalation.put("Origin", "Phone");
        escalation.put("Priority", "High");
        escalation.put("Description", description(event));
        if ("Contact".equals(who.type())) {
            escalation.put("ContactId", who.id());
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

    /** Summary and links. */
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

    /** Search terms for a number: all its digits, and its last ten (how a national number is often stored). */
    private static String phoneTerms(CallEvent event) {
        String digits = digits(event.getCustomerNumber());
        if (digits.length() < 7) {
            return null;
        }
        return digits.length() > 10 ? digits + " OR " + digits.substring(digits.length() - 10) : digits;
    }

    private static String digits(String number) {
        return number == null ? "" : number.replaceAll("\\D", "");
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

    private static String composite(List<Map<String, Object>> requests) {
        Map<String, Object> composite = new LinkedHashMap<>();
        composite.put("allOrNone", false);
        composite.put("compositeRequest", requests);
        return Json.write(composite);
    }

    /** A lookup cannot be half right: any failed query fails the batch, to be retried or, if refused, dead. */
    private static void throwIfFailed(JsonNode answer) {
        int status = answer.path("httpStatusCode").asInt(500);
        if (status < 300) {
            return;
        }
        JsonNode error = answer.path("body").path(0);
        String code = error.path("errorCode").asText("UNKNOWN");
        String message = answer.path("referenceId").asText() + ": " + error.path("message").asText("");
        if (status >= 500 || SalesforcePlan.TRANSIENT.contains(code)) {
            throw new SalesforceBusy(code, message);
        }
        throw new SalesforceRefusal(code, message);
    }

    private static String quoted(List<String> values) {
        return String.join(", ", values.stream().map(v -> "'" + literal(v) + "'").toList());
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
