package org.calloutcome.router.sink.salesforce;

import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.calloutcome.router.delivery.ActionResult;
import org.calloutcome.router.delivery.DeliveryGroup;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.observe.RouterMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch of calls' Salesforce writes in few API requests, whatever the batch size: a composite of queries (one API
 * request, however many subrequests) that looks up the Tasks (and Cases) already written for the calls and the records
 * the dialer named; a phone search (Parameterized Search, one request per 100 numbers) for the calls still without a
 * person; then a composite of sObject collections that writes what the routing rules asked for. A batch of 200 calls
 * costs three or four requests; a batch that creates Leads costs one more: its calls' Tasks are written once their
 * Leads exist.
 * <p>
 * The person is found as {@link PersonLookup} says; with no match the Task is logged unattached, a Lead is created, or
 * nothing is written (configurable).
 */
public final class SalesforceActions {
    private static final Logger LOG = LoggerFactory.getLogger(SalesforceActions.class);
    public static final int MAX_BATCH = 2 * PersonLookup.PHONES_PER_SEARCH;

    public enum NoMatch { UNATTACHED_TASK, CREATE_LEAD, SKIP }

    /** Exchange properties of the {@code salesforce-batch} route: the batch, and the writes planned for it. */
    public static final String BATCH = "batch";
    public static final String LOOKUP = "lookup";
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
    /** The actions that record an opt-out: when one cannot, a person is told (see {@link UnrecordedOptOuts}). */
    public static final Set<String> OPT_OUTS = Set.of(DO_NOT_CALL, DO_NOT_TEXT);
    static final String NO_MATCH = "skipped: no matching Lead or Contact";
    static final String NO_TEXT_FIELD = "skipped: no do-not-text field configured"
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
     * @param saveDuplicates   a new Lead that a duplicate rule flags is saved anyway (the rule must allow it)
     * @param timeZone         the zone Task dates are in (null: the org's, read from Salesforce once)
     * @param followUpOwner    the user a callback's Task is assigned to (null: the owner of the person's record)
     * @param apiReservePercent the share of the org's daily API allocation left to its other integrations
     * @param fields           the admin's fields: what else lands on the call Task and the person
     */
    public record Options(String apiVersion, String externalIdField, List<String> phoneOrder, NoMatch noMatch,
            String convertedStatus, boolean optOutOfEmail, int followUpDays, boolean escalationCase,
            Map<String, String> dispositions, boolean withTranscript, String doNotTextField, boolean saveDuplicates,
            ZoneId timeZone, String followUpOwner, int apiReservePercent, FieldMappings fields) {

        public Options {
            for (String type : phoneOrder) {
                if (!PersonLookup.TYPES.contains(type)) {
                    throw new IllegalStateException("router.salesforce.phone-lookup-order: '" + type + "' is not one of "
                            + new java.util.TreeSet<>(PersonLookup.TYPES));
                }
            }
        }
    }

    /** The calls of one batch: the actions asked for each, and its event. */
    public record Batch(List<DeliveryGroup> groups, List<CallEvent> events) {
    }

    /**
     * What the lookup found: the records written before, the people (phone searches still to come), and the current
     * values of the person fields that keep their first value, by record id (read only when a call carries one).
     */
    public record Lookup(SalesforcePlan.Written written, PersonLookup.Found found, Map<String, JsonNode> current) {
        /** The next phone search's request body; null when there is none left. */
        public String pendingSearch() {
            return found.pendingSearch();
        }
    }

    private final Options options;
    private final RouterMetrics metrics;
    private final Clock clock;
    private final SalesforceApi api;
    private final SalesforceRecords records;
    private final PersonLookup people;
    private final MappedFields fields;
    /** The zone of Task dates: the configured one, else the org's once read. */
    private volatile ZoneId timeZone;
    private volatile boolean reserveReached;

    /** The org's name in metrics ({@code default}, or one of {@code router.salesforce.orgs}). */
    private final String org;

    public SalesforceActions(Options options, Clock clock, RouterMetrics metrics) {
        this("default", options, clock, metrics);
    }

    public SalesforceActions(String org, Options options, Clock clock, RouterMetrics metrics) {
        this.org = org;
        this.metrics = metrics;
        this.clock = clock;
        this.options = options;
        this.timeZone = options.timeZone();
        this.api = new SalesforceApi(options.apiVersion());
        this.records = new SalesforceRecords(options, clock, () -> timeZone);
        this.people = new PersonLookup(options, api);
        this.fields = new MappedFields(options.fields(), new OrgFields());
    }

    /** The API version the org's requests name ({@code 60.0}). */
    public String apiVersion() {
        return options.apiVersion();
    }

    /** True until the org's time zone is known (configured, or read once from the org). */
    public boolean timeZoneUnknown() {
        return timeZone == null;
    }

    /** The query that reads the org's time zone (Organization.TimeZoneSidKey, a time zone id). */
    public String timeZoneQuery() {
        return "SELECT TimeZoneSidKey FROM Organization";
    }

    /**
     * Keeps the org's time zone from the query's answer. One the integration user may not read (Organization wants
     * "View Setup and Configuration") is UTC, said once in the log: a Task's date is never a reason to hold calls back.
     */
    public void orgTimeZone(@Body Object answer) throws IOException {
        String zone = Json.text(SalesforceApi.read(answer).path("records").path(0), "TimeZoneSidKey");
        if (zone == null) {
            utc("the query found no Organization");
            return;
        }
        timeZone = ZoneId.of(zone);
        LOG.info("Salesforce org time zone: {}", zone);
    }

    /**
     * The org's time zone query failed: refused for the integration user ({@code INVALID_TYPE}, no access), Task
     * dates are in UTC until the next start; anything else (an outage, a login refused) fails the batch as usual.
     */
    public void orgTimeZoneUnread(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) throws Exception {
        String said = String.valueOf(failure.getMessage());
        if (!(said.contains("INVALID_TYPE") || said.contains("INSUFFICIENT_ACCESS"))) {
            throw failure;
        }
        utc(said);
    }

    private void utc(String why) {
        timeZone = ZoneOffset.UTC;
        LOG.warn("The Salesforce org's time zone could not be read ({}): Task dates are in UTC; set"
                + " router.salesforce.time-zone", why);
    }

    /** The lookup: Tasks (and escalation Cases) already written for the calls, and the people they are about. */
    public String lookupRequest(@Body Batch batch) {
        List<Map<String, Object>> requests = new ArrayList<>();
        requests.add(SalesforceApi.get("existingTasks", api.query("SELECT Id, CallObject, WhoId, WhatId FROM Task WHERE"
                + " CallObject IN (" + SalesforceApi.quoted(batch.events().stream().flatMap(e -> Stream.of(
                        SalesforceRecords.callObject(e), SalesforceRecords.followUpObject(e))).distinct().toList())
                + ")")));
        requests.addAll(people.requests(batch.events()));
        // the admin's fields' types, read once with the first lookup (composite takes sObject Describe)
        fields.undescribed(options.phoneOrder())
                .forEach(sObject -> requests.add(SalesforceApi.get("describe" + sObject, api.describe(sObject))));
        if (options.escalationCase()) {
            List<String> subjects = new ArrayList<>();
            for (int call = 0; call < batch.events().size(); call++) {
                if (batch.groups().get(call).rules().contains(ESCALATE)) {
                    subjects.add(SalesforceRecords.caseSubject(batch.events().get(call)));
                }
            }
            if (!subjects.isEmpty()) {
                requests.add(SalesforceApi.get("existingCases", api.query("SELECT Id, Subject FROM Case WHERE"
                        + " Subject IN (" + SalesforceApi.quoted(subjects) + ")")));
            }
        }
        return SalesforceApi.composite(requests);
    }

    /** Reads the lookup's answer: a query Salesforce refused fails the batch, saying which query and why. */
    public Lookup lookup(@ExchangeProperty(BATCH) Batch batch, @Body Object lookupAnswer) throws IOException {
        JsonNode lookup = SalesforceApi.read(lookupAnswer);
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (JsonNode answer : lookup.path("compositeResponse")) {
            throwIfFailed(answer);
            answers.put(answer.path("referenceId").asText(), answer.path("body"));
        }
        SalesforcePlan.Written written = new SalesforcePlan.Written(new HashMap<>(), new HashMap<>(), new HashMap<>());
        answers.getOrDefault("existingTasks", Json.MAPPER.missingNode()).path("records").forEach(r -> {
            written.tasks().put(Json.text(r, "CallObject"), Json.text(r, "Id"));
            written.taskRecords().put(Json.text(r, "CallObject"), r);
        });
        answers.getOrDefault("existingCases", Json.MAPPER.missingNode()).path("records")
                .forEach(r -> written.cases().put(Json.text(r, "Subject"), Json.text(r, "Id")));
        answers.forEach((reference, body) -> {
            if (reference.startsWith("describe")) {
                fields.described(reference.substring("describe".length()), body);
            }
        });
        return new Lookup(written, people.new Found(answers, batch.events(),
                event -> written.taskRecords().get(SalesforceRecords.callObject(event))), new HashMap<>());
    }

    /**
     * The query of the current values of the person fields that keep their first value, for the people of the calls
     * that carry one (a composite of one query per object); null when there is nothing to read.
     */
    public String currentValuesRequest(@ExchangeProperty(BATCH) Batch batch, @ExchangeProperty(LOOKUP) Lookup lookup) {
        Map<Person.Type, Set<String>> ids = new LinkedHashMap<>();
        for (int call = 0; call < batch.events().size(); call++) {
            CallEvent event = batch.events().get(call);
            Person person = lookup.found().person(event,
                    lookup.written().taskRecords().get(SalesforceRecords.callObject(event)));
            if (person.found() && fields.of(event).hasKept()) {
                ids.computeIfAbsent(person.type(), t -> new java.util.TreeSet<>()).add(person.id());
            }
        }
        if (ids.isEmpty()) {
            return null;
        }
        List<Map<String, Object>> requests = new ArrayList<>();
        ids.forEach((type, of) -> requests.add(SalesforceApi.get("current" + type.sObject, api.query("SELECT Id, "
                + String.join(", ", fields.kept(type)) + " FROM " + type.sObject + " WHERE Id IN ("
                + SalesforceApi.quoted(of) + ")"))));
        return SalesforceApi.composite(requests);
    }

    /** Keeps the current values read; a query Salesforce refused fails the batch, as a lookup does. */
    public void currentValues(@ExchangeProperty(LOOKUP) Lookup lookup, @Body Object answer) throws IOException {
        for (JsonNode each : SalesforceApi.read(answer).path("compositeResponse")) {
            throwIfFailed(each);
            each.path("body").path("records").forEach(r -> lookup.current().put(Json.text(r, "Id"), r));
        }
    }

    /**
     * A phone search Salesforce refused: a request it cannot run (400, 404) refuses the batch, naming the field and the
     * setting; anything else (a limit, an outage) goes on as it is, to be waited for or retried.
     */
    public void searchFailed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) throws Exception {
        if (failure instanceof SalesforceException refused
                && (refused.getStatusCode() == 400 || refused.getStatusCode() == 404)) {
            String code = "HTTP_" + refused.getStatusCode();
            String said = String.valueOf(refused.getMessage());
            if (refused.getErrors() != null && !refused.getErrors().isEmpty()) {
                code = refused.getErrors().get(0).getErrorCode();
                said = refused.getErrors().get(0).getMessage();
            } else if (said.contains("errorCode") && said.contains("[")) {
                // the raw operation keeps Salesforce's error array as the message
                try {
                    JsonNode error = Json.MAPPER.readTree(said.substring(said.indexOf('['))).path(0);
                    code = error.path("errorCode").asText(code);
                    said = error.path("message").asText(said);
                } catch (IOException unreadable) {
                    // said as it came
                }
            }
            said = columnRefused(said);
            throw new SalesforceRefusal(code, "the phone search: " + said + setting(said));
        }
        throw failure;
    }

    /** Reads a phone search's answer into the lookup. */
    public void searched(@ExchangeProperty(LOOKUP) Lookup lookup, @Body Object searchAnswer) throws IOException {
        lookup.found().searched(SalesforceApi.read(searchAnswer));
    }

    /** Decides every call's writes from what the lookup found. */
    public SalesforcePlan plan(@ExchangeProperty(BATCH) Batch batch, @ExchangeProperty(LOOKUP) Lookup lookup) {
        SalesforcePlan.Written written = lookup.written();
        SalesforcePlan plan = new SalesforcePlan(batch.events().size(), written)
                .collections(options.saveDuplicates());
        for (int call = 0; call < batch.events().size(); call++) {
            CallEvent event = batch.events().get(call);
            Set<String> actions = batch.groups().get(call).rules();
            Person person = lookup.found().person(event,
                    written.taskRecords().get(SalesforceRecords.callObject(event)));
            if (person.refusal() != null) {
                for (String action : actions) {
                    plan.settle(call, action, ActionResult.refused(person.refusal()));
                }
            } else {
                planCall(PlannedCall.of(plan, call, event, actions, person, null), written, true,
                        lookup.current());
            }
        }
        return plan.seal(api);
    }

    /**
     * Reads a write's answer; returns the next pass: the calls that waited for a new Lead, written on it (or on the
     * record a duplicate rule named), or nothing to write.
     */
    public SalesforcePlan next(@ExchangeProperty(BATCH) Batch batch, @ExchangeProperty(PLAN) SalesforcePlan plan,
            @Body Object writeAnswer) throws IOException {
        plan.record(SalesforceApi.read(writeAnswer));
        if (plan.writeRequest() != null) {
            return plan; // more of this pass: a pass over 5 collections of 200 records takes several composites
        }
        SalesforcePlan next = plan.next().collections(false);
        plan.resolved().forEach((call, person) -> planCall(PlannedCall.of(next, call, batch.events().get(call),
                plan.actionsOf(call), person, plan.leadRefusal(call)), plan.written(), false, Map.of()));
        return next.seal(api);
    }

    /** Each call's action results, in batch order; how long each opt-out recorded took since its call ended. */
    public List<Map<String, ActionResult>> results(@ExchangeProperty(BATCH) Batch batch,
            @ExchangeProperty(PLAN) SalesforcePlan plan) {
        List<Map<String, ActionResult>> results = plan.results();
        for (int call = 0; call < results.size(); call++) {
            CallEvent event = batch.events().get(call);
            java.time.Instant heard = event.getEndedAt() != null ? event.getEndedAt() : event.getReceivedAt();
            for (String optOut : OPT_OUTS) {
                ActionResult result = results.get(call).get(optOut);
                if (heard != null && result != null && result.kind() == ActionResult.Kind.DONE
                        && result.result() != null && Person.isRecord(result.result())) {
                    metrics.optOutRecorded(java.time.Duration.between(heard, clock.instant()));
                }
            }
        }
        return results;
    }

    /** Reads the API allocation Salesforce reports with every answer ({@code Sforce-Limit-Info: api-usage=25/15000}). */
    public void apiUsage(@Header("Sforce-Limit-Info") String limitInfo) {
        if (limitInfo != null) {
            LOG.debug("Salesforce {}", limitInfo);
            reserveReached = metrics.salesforceApiUsage(org, limitInfo, options.apiReservePercent());
        }
    }

    /** True once the last answer said the router's share of the daily allocation is used up. */
    public boolean reserveReached() {
        return reserveReached;
    }

    /** One call of a batch as a pass plans it: its place, its event, the actions asked, who it is about. */
    private record PlannedCall(SalesforcePlan plan, int call, CallEvent event, Set<String> actions, Person person,
            String noMatch) {

        /**
         * @param leadRefusal why a Lead could not be created for the call, said where its opt-out is not recorded
         */
        static PlannedCall of(SalesforcePlan plan, int call, CallEvent event, Set<String> actions, Person person,
                String leadRefusal) {
            return new PlannedCall(plan, call, event, actions, person, leadRefusal == null ? NO_MATCH
                    : NO_MATCH + " (Salesforce refused a new Lead: " + leadRefusal + ")");
        }

        boolean asks(String action) {
            return actions.contains(action);
        }

        void settle(String action, ActionResult result) {
            plan.settle(call, action, result);
        }

        void update(String action, String sObject, String id, Map<String, Object> fields) {
            plan.update(call, action, sObject, id, fields);
        }
    }

    /**
     * A call's writes. Each action writes for itself, whatever arrived before: the call Task and the follow-up Task
     * each carry a CallObject of their own, and the Case a Subject, so a repeated action finds its record instead of
     * writing it twice.
     *
     * @param mayCreateLead false in the pass after Leads were created: a call never gets a second Lead
     * @param current       the current values of the person fields kept, by record id
     */
    private void planCall(PlannedCall c, SalesforcePlan.Written written, boolean mayCreateLead,
            Map<String, JsonNode> current) {
        if (!c.person().found() && options.noMatch() == NoMatch.SKIP) {
            c.actions().forEach(action -> c.settle(action, ActionResult.notDone(c.noMatch())));
            return;
        }
        String callTask = written.tasks().get(SalesforceRecords.callObject(c.event()));
        String followUpTask = written.tasks().get(SalesforceRecords.followUpObject(c.event()));
        boolean createsCallTask = callTask == null && (c.asks(LOG_CALL) || c.asks(LOG_SEQUENCE) || c.asks(ESCALATE));
        boolean createsFollowUp = followUpTask == null && c.asks(FOLLOW_UP);
        boolean recordsOptOut = c.asks(DO_NOT_CALL) || (c.asks(DO_NOT_TEXT) && options.doNotTextField() != null);
        if (!c.person().found() && mayCreateLead && options.noMatch() == NoMatch.CREATE_LEAD
                && c.event().getCustomerNumber() != null && (createsCallTask || createsFollowUp || recordsOptOut)) {
            Map<String, Object> lead = SalesforceRecords.newLead(c.event());
            MappedFields.Call mapped = fields.of(c.event());
            mapped.addToNewLead(lead);
            c.plan().note(c.call(), mapped.leftOut);
            c.plan().newLead(c.call(), c.actions(), lead);
            return;
        }
        planTasks(c, callTask, followUpTask);
        planPersonFields(c, c.person().found() ? current.get(c.person().id()) : null);
        planEscalation(c, callTask, written.cases().get(SalesforceRecords.caseSubject(c.event())));
        planOptOuts(c);
        planLeadStatus(c);
    }

    /** The call (or sequence) Task and the follow-up Task: written, or found from an earlier attempt. */
    private void planTasks(PlannedCall c, String callTask, String followUpTask) {
        if (callTask == null && (c.asks(LOG_CALL) || c.asks(LOG_SEQUENCE) || c.asks(ESCALATE))) {
            String action = callTaskAction(c.actions());
            Map<String, Object> task = action.equals(LOG_SEQUENCE) ? records.sequenceTask(c.event(), c.person())
                    : records.task(c.event(), c.person(), c.asks(ESCALATE));
            MappedFields.Call mapped = fields.of(c.event());
            mapped.addToTask(task);
            c.plan().note(c.call(), mapped.leftOut);
            c.plan().create(c.call(), action, "Task", task, true);
        }
        for (String action : List.of(LOG_CALL, LOG_SEQUENCE)) {
            if (c.asks(action) && callTask != null) {
                c.settle(action, ActionResult.done(callTask));
            }
        }
        if (c.asks(FOLLOW_UP)) {
            if (followUpTask != null) {
                c.settle(FOLLOW_UP, ActionResult.done(followUpTask));
            } else {
                c.plan().create(c.call(), FOLLOW_UP, "Task", records.followUp(c.event(), c.person()), false);
            }
        }
    }

    /**
     * The admin's fields on the person a logged call was about, apart from the opt-out: written with the call's
     * Task (the first time, and again on a later attempt that finds it), said in its result when left out.
     */
    private void planPersonFields(PlannedCall c, JsonNode current) {
        String action = c.asks(LOG_CALL) ? LOG_CALL : c.asks(LOG_SEQUENCE) ? LOG_SEQUENCE : null;
        if (action == null || !c.person().found()) {
            return;
        }
        MappedFields.Call mapped = fields.of(c.event());
        Map<String, Object> values = mapped.forPerson(c.person(), current);
        c.plan().note(c.call(), mapped.leftOut);
        if (!values.isEmpty()) {
            c.plan().personFields(c.call(), action, c.person().type().sObject, c.person().id(), values);
        }
    }

    /** An escalation: the call Task High priority, and a Case when configured. */
    private void planEscalation(PlannedCall c, String callTask, String existingCase) {
        if (!c.asks(ESCALATE)) {
            return;
        }
        if (callTask != null) {
            c.update(ESCALATE, "Task", callTask, Map.of("Priority", "High"));
        }
        if (options.escalationCase() && existingCase == null) {
            c.plan().create(c.call(), ESCALATE, "Case", records.escalationCase(c.event(), c.person()), false);
        } else if (options.escalationCase()) {
            c.settle(ESCALATE, ActionResult.done(existingCase)); // opened by an earlier attempt
        } else if (callTask == null && !callTaskAction(c.actions()).equals(ESCALATE)) {
            c.settle(ESCALATE, ActionResult.done("High-priority call Task"));
        }
    }

    /** Do not call (and, when configured, no email), and do not text, on the person. */
    private void planOptOuts(PlannedCall c) {
        if (c.asks(DO_NOT_CALL)) {
            if (!c.person().found()) {
                c.settle(DO_NOT_CALL, ActionResult.notDone(c.noMatch()));
            } else {
                Map<String, Object> optOut = new LinkedHashMap<>();
                optOut.put(c.person().type().doNotCall, true);
                if (options.optOutOfEmail()) {
                    optOut.put(c.person().type().optedOutOfEmail, true);
                }
                c.update(DO_NOT_CALL, c.person().type().sObject, c.person().id(), optOut);
            }
        }
        if (c.asks(DO_NOT_TEXT)) {
            if (options.doNotTextField() == null) {
                c.settle(DO_NOT_TEXT, ActionResult.notDone(NO_TEXT_FIELD));
            } else if (!c.person().found()) {
                c.settle(DO_NOT_TEXT, ActionResult.notDone(c.noMatch()));
            } else {
                c.update(DO_NOT_TEXT, c.person().type().sObject, c.person().id(),
                        Map.of(c.person().type().field(options.doNotTextField()), true));
            }
        }
    }

    /** A conversion: the Lead's Status, unless the Lead is converted already or no status is configured. */
    private void planLeadStatus(PlannedCall c) {
        if (!c.asks(LEAD_STATUS)) {
            return;
        }
        Person person = c.person();
        if (person.convertedLead() != null) {
            c.settle(LEAD_STATUS, ActionResult.done("skipped: Lead " + person.convertedLead() + " is converted"
                    + (person.found() ? " (Contact " + person.id() + ")" : "")));
        } else if (person.type() == Person.Type.LEAD && options.convertedStatus() != null) {
            c.update(LEAD_STATUS, "Lead", person.id(), Map.of("Status", options.convertedStatus()));
        } else {
            c.settle(LEAD_STATUS, ActionResult.done("skipped: no Lead, or no status configured"));
        }
    }

    /** The action whose record the call (or sequence) Task is: logging it, or else escalating it. */
    private static String callTaskAction(Set<String> actions) {
        return actions.contains(LOG_CALL) ? LOG_CALL : actions.contains(LOG_SEQUENCE) ? LOG_SEQUENCE : ESCALATE;
    }

    /** The call Task (for tests of its shape). */
    Map<String, Object> task(CallEvent event, String whoId, boolean escalated) {
        return records.task(event, whoId == null ? Person.NOBODY : Person.of(whoId), escalated);
    }

    /** A lookup cannot be half right: any failed query fails the batch, to be retried or, if refused, dead. */
    private void throwIfFailed(JsonNode answer) {
        int status = answer.path("httpStatusCode").asInt(500);
        if (status < 300) {
            return;
        }
        JsonNode error = answer.path("body").path(0);
        String code = error.path("errorCode").asText("UNKNOWN");
        String said = columnRefused(error.path("message").asText(""));
        String message = "the " + answer.path("referenceId").asText() + " lookup: " + said + setting(said);
        if (status >= 500 || SalesforcePlan.TRANSIENT.contains(code)) {
            throw new SalesforceBusy(code, message);
        }
        throw new SalesforceRefusal(code, message);
    }

    /** INVALID_FIELD's words without the query and caret before them: "No such column 'X' on entity 'Y'". */
    private static String columnRefused(String said) {
        if (!said.contains("No such column")) {
            return said.strip();
        }
        return said.substring(said.indexOf("No such column")).replaceFirst("\\. If you are attempting.*", "").strip();
    }

    /** The setting that made the router ask for what Salesforce refused, when one did. */
    private String setting(String said) {
        String external = options.externalIdField();
        if (external != null && (said.contains("'" + external + "'")
                || said.contains("'" + Person.Type.PERSON_ACCOUNT.field(external) + "'"))) {
            return " (router.salesforce.external-id-field)";
        }
        if (said.contains("IsPersonAccount") || said.contains("PersonContactId")) {
            return " (PersonAccount in router.salesforce.phone-lookup-order: the org has no person accounts)";
        }
        return "";
    }
}
