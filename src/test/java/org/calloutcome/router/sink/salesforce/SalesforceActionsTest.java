package org.calloutcome.router.sink.salesforce;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.calloutcome.router.SalesforceConfiguration;
import org.calloutcome.router.Settings;
import org.calloutcome.router.delivery.ActionResult;
import org.calloutcome.router.delivery.Delivery;
import org.calloutcome.router.delivery.DeliveryGroup;
import org.calloutcome.router.event.BusinessOutcome;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.Direction;
import org.calloutcome.router.event.EventKind;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.observe.RouterMetrics;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a batch's Salesforce writes are decided from the lookup, and how Salesforce's answers are read back. */
class SalesforceActionsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-05T10:00:00Z"), ZoneOffset.UTC);
    private static final RouterMetrics METRICS = new RouterMetrics(new SimpleMeterRegistry(), null);

    /** The sink with the shipped settings (application.properties), these {@code router.salesforce.*} over them. */
    private static SalesforceActions salesforce(String... settings) {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        Properties overrides = new Properties();
        for (int i = 0; i < settings.length; i += 2) {
            overrides.setProperty("router.salesforce." + settings[i], settings[i + 1]);
        }
        context.getPropertiesComponent().setOverrideProperties(overrides);
        return new SalesforceActions(SalesforceConfiguration.salesforceOptions(new Settings(context)), CLOCK, METRICS);
    }

    /** An org where opt-outs also stop email and callbacks are due in two days. */
    private static SalesforceActions org(String noMatch, String... more) {
        List<String> settings = new ArrayList<>(List.of("no-match", noMatch, "opt-out-of-email", "true",
                "follow-up-days", "2"));
        settings.addAll(List.of(more));
        return salesforce(settings.toArray(new String[0]));
    }

    /** The plan for the batch from the lookup's answer (no phone search answered). */
    private static SalesforcePlan plan(SalesforceActions salesforce, SalesforceActions.Batch batch, String lookup)
            throws Exception {
        return salesforce.plan(batch, salesforce.lookup(batch, lookup));
    }

    /** Salesforce's answer to the plan's write: each call's results, and the next pass (nothing to write, or more). */
    private static List<Map<String, ActionResult>> answer(SalesforceActions salesforce, SalesforceActions.Batch batch,
            SalesforcePlan plan, String writeAnswer) throws Exception {
        assertNull(salesforce.next(batch, plan, writeAnswer).writeRequest(), "nothing more to write");
        return plan.results();
    }

    private static CallEvent call(String id, String crmId, String number) {
        return new CallEvent().setVendor("hms-sovereign").setEventKind(EventKind.CALL_ENDED).setVendorCallId(id)
                .setCustomerExternalId(crmId).setCustomerNumber(number).setDirection(Direction.INBOUND)
                .setBusinessOutcome(BusinessOutcome.ESCALATED).setEndedAt(Instant.parse("2025-12-13T12:05:30Z"));
    }

    private static DeliveryGroup actions(String... rules) {
        List<Delivery> deliveries = new ArrayList<>();
        for (String rule : rules) {
            deliveries.add(new Delivery(deliveries.size(), "salesforce", rule, UUID.randomUUID(), "hms-sovereign",
                    EventKind.CALL_ENDED, "x", 1, null));
        }
        return new DeliveryGroup(deliveries);
    }

    /** Salesforce's answer to a composite request: one answer per sub-request. */
    private static String composite(String... answers) {
        return "{\"compositeResponse\": [" + String.join(", ", answers) + "]}";
    }

    /** One sub-request's answer in a composite answer: its reference, HTTP status and body. */
    private static String subAnswer(String referenceId, int status, String body) {
        return """
                {"body": %s, "httpHeaders": {}, "httpStatusCode": %d, "referenceId": "%s"}\
                """.formatted(body, status, referenceId);
    }

    /** A query's answer (SOQL): these records. */
    private static String records(String... records) {
        return """
                {"totalSize": %d, "done": true, "records": [%s]}\
                """.formatted(records.length, String.join(", ", records));
    }

    /** The look-up's answer: no call Task exists yet, and these other answers (the dialer's Lead, say). */
    private static String lookup(String... otherAnswers) {
        List<String> answers = new ArrayList<>(List.of(subAnswer("existingTasks", 200, records())));
        answers.addAll(List.of(otherAnswers));
        return composite(answers.toArray(String[]::new));
    }

    /** The look-up's answer about the dialer's Lead: there, converted to a Contact or not. */
    private static String dialersLead(String convertedContactId) {
        return subAnswer("leads", 200, records("""
                {"attributes": {"type": "Lead"}, "Id": "00Q5e00000AbCdEFGH", "IsConverted": %s,
                 "ConvertedContactId": %s, "Phone": null}""".formatted(convertedContactId != null,
                convertedContactId == null ? "null" : "\"" + convertedContactId + "\"")));
    }

    /** The look-up's answer about the dialer's Contact: there, owned by a rep. */
    private static String dialersContact() {
        return subAnswer("contacts", 200, records("""
                {"attributes": {"type": "Contact"}, "Id": "0035e00000CntAAAQ2", "OwnerId": "0055e00000RepAAAA"}"""));
    }

    /** A look-up answer in which these Tasks (CallObject, Id) already exist. */
    private static String lookupWithTasks(String... callObjectsAndIds) {
        List<String> tasks = new ArrayList<>();
        for (int i = 0; i < callObjectsAndIds.length; i += 2) {
            tasks.add("""
                    {"attributes": {"type": "Task"}, "Id": "%s", "CallObject": "%s"}\
                    """.formatted(callObjectsAndIds[i + 1], callObjectsAndIds[i]));
        }
        return composite(subAnswer("existingTasks", 200, records(tasks.toArray(String[]::new))));
    }

    /** The answer to one collection write: each record's save result, in the order of the records. */
    private static String saved(String referenceId, String... results) {
        return composite(subAnswer(referenceId, 200, "[" + String.join(", ", results) + "]"));
    }

    private static String created(String id) {
        return """
                {"id": "%s", "success": true, "errors": []}""".formatted(id);
    }

    private static String failed(String statusCode, String message) {
        return """
                {"success": false, "errors": [{"statusCode": "%s", "message": "%s", "fields": []}]}\
                """.formatted(statusCode, message);
    }

    @Test
    void aFollowUpAndAnEscalationAfterTheCallTaskExistsEachWriteTheirOwn() throws Exception {
        SalesforceActions salesforce = org("unattached-task");
        SalesforceActions.Batch batch = new SalesforceActions.Batch(List.of(actions("follow-up", "escalate")),
                List.of(call("c-1", "00Q5e00000AbCdEFGH", null)));
        JsonNode lookup = Json.MAPPER.readTree(salesforce.lookupRequest(batch));
        assertTrue(lookup.at("/compositeRequest/0/url").asText().contains(
                "%27hms-sovereign%3Ac-1%27%2C%20%27hms-sovereign%3Ac-1%3Afollow-up%27"), "both Tasks are looked up");

        SalesforcePlan plan = plan(salesforce, batch, lookupWithTasks("hms-sovereign:c-1", "00T5e00000OldAAA"));
        JsonNode write = Json.MAPPER.readTree(plan.writeRequest());
        assertEquals("creates", write.at("/compositeRequest/0/referenceId").asText());
        assertEquals("hms-sovereign:c-1:follow-up", write.at("/compositeRequest/0/body/records/0/CallObject").asText());
        assertEquals("Not Started", write.at("/compositeRequest/0/body/records/0/Status").asText());
        assertEquals("{\"attributes\":{\"type\":\"Task\"},\"id\":\"00T5e00000OldAAA\",\"Priority\":\"High\"}",
                write.at("/compositeRequest/1/body/records/0").toString(), "the existing call Task is escalated");

        SalesforcePlan again = plan(salesforce, batch, lookupWithTasks("hms-sovereign:c-1", "00T5e00000OldAAA",
                "hms-sovereign:c-1:follow-up", "00T5e00000FupAAA"));
        assertEquals(1, Json.MAPPER.readTree(again.writeRequest()).at("/compositeRequest").size(),
                "a follow-up written before is not written again");
        assertEquals(ActionResult.done("00T5e00000FupAAA"), answer(salesforce, batch, again,
                saved("updates", created("00T5e00000OldAAA"))).get(0).get("follow-up"));
    }

    @Test
    void anEscalationAloneLogsTheCallWithHighPriority() throws Exception {
        SalesforceActions salesforce = org("unattached-task");
        SalesforceActions.Batch batch = new SalesforceActions.Batch(List.of(actions("escalate")),
                List.of(call("c-1", "00Q5e00000AbCdEFGH", null)));
        SalesforcePlan plan = plan(salesforce, batch, lookup());
        JsonNode task = Json.MAPPER.readTree(plan.writeRequest()).at("/compositeRequest/0/body/records/0");
        assertEquals("hms-sovereign:c-1", task.path("CallObject").asText());
        assertEquals("High", task.path("Priority").asText());
    }

    private static CallEvent textOptOutSequence() {
        return new CallEvent().setVendor("clarion").setEventKind(EventKind.SEQUENCE_ENDED).setSequenceId("9031")
                .setCustomerExternalId("0035e00000CntAAAQ2").setBusinessOutcome(BusinessOutcome.OPTED_OUT)
                .setOptOut(true).setTextOptOut(true).setEndedAt(Instant.parse("2025-12-13T12:05:30Z"));
    }

    @Test
    void aTextingOptOutSetsTheConfiguredFieldOnThePerson() throws Exception {
        SalesforceActions salesforce = org("unattached-task", "do-not-text-field", "Do_Not_Text__c");
        SalesforceActions.Batch batch = new SalesforceActions.Batch(List.of(actions("log-sequence", "do-not-text")),
                List.of(textOptOutSequence()));
        JsonNode write = Json.MAPPER.readTree(plan(salesforce, batch, lookup(dialersContact())).writeRequest());
        assertTrue(write.at("/compositeRequest/0/body/records/0/Description").asText()
                .endsWith("Opted out of text messages: Do_Not_Text__c is set on the Lead/Contact."));
        assertEquals("{\"attributes\":{\"type\":\"Contact\"},\"id\":\"0035e00000CntAAAQ2\",\"Do_Not_Text__c\":true}",
                write.at("/compositeRequest/1/body/records/0").toString());
    }

    @Test
    void withoutADoNotTextFieldTheSequenceTaskSaysTheOptOutWasNotRecorded() throws Exception {
        SalesforceActions salesforce = org("unattached-task");
        SalesforceActions.Batch batch = new SalesforceActions.Batch(List.of(actions("log-sequence", "do-not-text")),
                List.of(textOptOutSequence()));
        SalesforcePlan plan = plan(salesforce, batch, lookup());
        JsonNode write = Json.MAPPER.readTree(plan.writeRequest());
        assertEquals(1, write.at("/compositeRequest").size(), "only the sequence Task is written");
        assertTrue(write.at("/compositeRequest/0/body/records/0/Description").asText().endsWith("Not recorded on the"
                + " Lead/Contact: no do-not-text field is configured (router.salesforce.do-not-text-field)."));
        assertEquals(ActionResult.notDone("skipped: no do-not-text field configured (router.salesforce.do-not-text-field)"),
                plan.results().get(0).get("do-not-text"));
    }

    @Test
    void theDialersExternalIdIsLookedUpAndSeveralMatchesRefuseOnlyThatCall() throws Exception {
        SalesforceActions salesforce = org("unattached-task", "external-id-field", "CRM_Id__c");
        SalesforceActions.Batch batch = new SalesforceActions.Batch(
                List.of(actions("log-call"), actions("log-call")),
                List.of(call("c-1", "12345", null), call("c-2", "67890", null)));

        JsonNode lookup = Json.MAPPER.readTree(salesforce.lookupRequest(batch));
        assertEquals("/services/data/v60.0/query?q=SELECT%20Id%2C%20OwnerId%2C%20IsConverted%2C%20ConvertedContactId%2C%20Phone%2C%20"
                + "CRM_Id__c%20FROM%20Lead%20WHERE%20CRM_Id__c%20IN%20%28%2712345%27%2C%20%2767890%27%29",
                lookup.at("/compositeRequest/1/url").asText());

        SalesforcePlan plan = plan(salesforce, batch, lookup(subAnswer("leads", 200, records(
                """
                {"Id": "00Q000000000001AAA", "CRM_Id__c": "12345"}""", """
                {"Id": "00Q000000000002AAA", "CRM_Id__c": "12345"}""", """
                {"Id": "00Q000000000003AAA", "CRM_Id__c": "67890"}"""))));
        String write = plan.writeRequest();
        List<Map<String, ActionResult>> results = answer(salesforce, batch, plan,
                saved("creates", created("00T000000000009AAA")));
        assertTrue(results.get(0).get("log-call").refusal().startsWith("MULTIPLE_RECORDS: several Lead records"));
        assertEquals("00T000000000009AAA", results.get(1).get("log-call").result());
        assertEquals("00Q000000000003AAA", Json.MAPPER.readTree(write)
                .at("/compositeRequest/0/body/records/0/WhoId").asText());
    }

    @Test
    void withNoMatchALeadIsCreatedAndTheTaskNamesItInTheNextRequest() throws Exception {
        SalesforceActions salesforce = org("create-lead");
        SalesforceActions.Batch batch = new SalesforceActions.Batch(List.of(actions("log-call", "do-not-call")),
                List.of(call("c-1", null, "+31612345678")));
        JsonNode lookup = Json.MAPPER.readTree(salesforce.lookupRequest(batch));
        assertTrue(lookup.at("/compositeRequest/1/url").asText().endsWith("FROM%20Lead%20WHERE%20Phone%20IN%20"
                + "%28%27%2B31612345678%27%29"), "a Lead an earlier attempt created is looked for by its number");
        SalesforcePlan plan = plan(salesforce, batch, lookup());
        JsonNode write = Json.MAPPER.readTree(plan.writeRequest());
        assertEquals(1, write.at("/compositeRequest").size(), "only the Lead, first");
        assertEquals("newLeads", write.at("/compositeRequest/0/referenceId").asText());
        assertEquals("+31612345678", write.at("/compositeRequest/0/body/records/0/Phone").asText());

        SalesforcePlan next = salesforce.next(batch, plan,
                composite(subAnswer("newLeads", 201, "[" + created("00Q000000000777AAA") + "]")));
        JsonNode second = Json.MAPPER.readTree(next.writeRequest());
        assertEquals("00Q000000000777AAA", second.at("/compositeRequest/0/body/records/0/WhoId").asText());
        assertEquals("{\"attributes\":{\"type\":\"Lead\"},\"id\":\"00Q000000000777AAA\",\"DoNotCall\":true,"
                + "\"HasOptedOutOfEmail\":true}", second.at("/compositeRequest/1/body/records/0").toString());
    }

    @Test
    void withNoMatchAndSkipNothingIsWritten() throws Exception {
        SalesforceActions salesforce = org("skip");
        SalesforceActions.Batch batch = new SalesforceActions.Batch(List.of(actions("log-call", "do-not-call")),
                List.of(call("c-1", null, "+31612345678")));
        SalesforcePlan plan = plan(salesforce, batch, lookup());
        assertNull(plan.writeRequest());
        assertEquals(Map.of("log-call", ActionResult.notDone("skipped: no matching Lead or Contact"),
                "do-not-call", ActionResult.notDone("skipped: no matching Lead or Contact")), plan.results().get(0));
    }

    @Test
    void anEscalationMakesAHighPriorityTaskAndACaseWhenConfigured() throws Exception {
        SalesforceActions salesforce = org("unattached-task", "escalation-case", "true");
        SalesforceActions.Batch batch = new SalesforceActions.Batch(List.of(actions("log-call", "escalate", "do-not-call",
                "lead-status")), List.of(call("c-1", "00Q5e00000AbCdEFGH", null)));
        JsonNode write = Json.MAPPER.readTree(plan(salesforce, batch, lookup(dialersLead(null))).writeRequest());
        assertEquals("High", write.at("/compositeRequest/0/body/records/0/Priority").asText());
        assertEquals("Case", write.at("/compositeRequest/0/body/records/1/attributes/type").asText());
        assertEquals("High", write.at("/compositeRequest/0/body/records/1/Priority").asText());
        assertEquals("{\"attributes\":{\"type\":\"Lead\"},\"id\":\"00Q5e00000AbCdEFGH\",\"DoNotCall\":true,"
                + "\"HasOptedOutOfEmail\":true,\"Status\":\"Working - Contacted\"}",
                write.at("/compositeRequest/1/body/records/0").toString(), "two actions on one Lead, one record");
    }

    @Test
    void theTranscriptReachesSalesforceOnlyWhenAsked() {
        CallEvent event = call("c-1", null, null).setTranscriptText("assistant: Hello\nuser: Hi");
        for (boolean withTranscript : new boolean[] {false, true}) {
            SalesforceActions salesforce = salesforce("include-transcript", String.valueOf(withTranscript));
            String description = (String) salesforce.task(event, null, false).get("Description");
            assertEquals(withTranscript, description.contains("user: Hi"), description);
        }
    }

    @Test
    void salesforcesPerRecordAnswersSettleEachAction() throws Exception {
        SalesforceActions salesforce = org("unattached-task");
        SalesforceActions.Batch batch = new SalesforceActions.Batch(List.of(actions("log-call", "follow-up")),
                List.of(call("c-1", null, null)));
        SalesforcePlan plan = plan(salesforce, batch, lookup());
        Map<String, ActionResult> results = answer(salesforce, batch, plan, saved("creates",
                failed("DUPLICATE_VALUE", "duplicate"),
                failed("FIELD_CUSTOM_VALIDATION_EXCEPTION", "Due date too far"))).get(0);
        assertEquals(ActionResult.done("already done"), results.get("log-call"));
        assertEquals(ActionResult.refused("FIELD_CUSTOM_VALIDATION_EXCEPTION: Due date too far"), results.get("follow-up"));

        SalesforcePlan again = plan(salesforce, batch, lookup());
        Map<String, ActionResult> locked = answer(salesforce, batch, again, saved("creates",
                failed("UNABLE_TO_LOCK_ROW", "locked"), created("00T000000000001AAA"))).get(0);
        assertEquals(ActionResult.retry("UNABLE_TO_LOCK_ROW: locked"), locked.get("log-call"), "the locked row is retried");
        assertEquals(ActionResult.done("00T000000000001AAA"), locked.get("follow-up"), "the rest is done once");

        SalesforcePlan third = plan(salesforce, batch, lookup());
        Map<String, ActionResult> refusedWhole = answer(salesforce, batch, third, composite(subAnswer("creates", 400, """
                [{"errorCode": "INVALID_FIELD", "message": "No such column 'CallObject'"}]"""))).get(0);
        assertEquals(ActionResult.refused("INVALID_FIELD: No such column 'CallObject'"), refusedWhole.get("log-call"));
        assertEquals(ActionResult.refused("INVALID_FIELD: No such column 'CallObject'"), refusedWhole.get("follow-up"));

        SalesforcePlan fourth = plan(salesforce, batch, lookup());
        Map<String, ActionResult> unreadable = answer(salesforce, batch, fourth, saved("creates",
                created("00T000000000002AAA"), "{\"weird\":1}")).get(0);
        assertEquals(ActionResult.done("00T000000000002AAA"), unreadable.get("log-call"));
        assertEquals(ActionResult.refused("UNKNOWN: Salesforce answered {\"weird\":1}"), unreadable.get("follow-up"),
                "an answer the router cannot read refuses only its record, with what Salesforce said");
    }

    /** Salesforce's refusal of the new Lead. */
    private static String leadRefused(String statusCode, String message) {
        return saved("newLeads", failed(statusCode, message));
    }

    @Test
    void aNewLeadSalesforceRefusesLeavesTheCallUnattachedAndItsOptOutNotRecordedSayingWhy() throws Exception {
        SalesforceActions salesforce = org("create-lead");
        SalesforceActions.Batch batch = new SalesforceActions.Batch(List.of(actions("log-call", "do-not-call")),
                List.of(call("c-1", null, "+31612345678")));
        SalesforcePlan plan = plan(salesforce, batch, lookup());
        // a blocking duplicate rule that names no record (the user cannot see it)
        SalesforcePlan next = salesforce.next(batch, plan, leadRefused("DUPLICATES_DETECTED",
                "Use one of these records?"));
        JsonNode task = Json.MAPPER.readTree(next.writeRequest()).at("/compositeRequest/0/body/records/0");
        assertTrue(task.path("WhoId").isMissingNode(), "the call is still logged, unattached");
        assertEquals(ActionResult.notDone("skipped: no matching Lead or Contact (Salesforce refused a new Lead:"
                + " DUPLICATES_DETECTED: Use one of these records?)"), plan.results().get(0).get("do-not-call"));

        SalesforcePlan busy = plan(salesforce, batch, lookup());
        assertNull(salesforce.next(batch, busy, leadRefused("UNABLE_TO_LOCK_ROW", "locked"))
                .writeRequest(), "nothing more is written for the call this time");
        assertEquals(Map.of("log-call", ActionResult.retry("UNABLE_TO_LOCK_ROW: locked"),
                "do-not-call", ActionResult.retry("UNABLE_TO_LOCK_ROW: locked")), busy.results().get(0));
    }

    @Test
    void newLeadsAreSavedDespiteADuplicateRuleOnlyWhenConfigured() throws Exception {
        SalesforceActions.Batch batch = new SalesforceActions.Batch(List.of(actions("log-call")),
                List.of(call("c-1", null, "+31612345678")));
        for (boolean save : new boolean[] {false, true}) {
            SalesforceActions salesforce = salesforce("no-match", "create-lead", "duplicate-leads", save ? "save" : "attach");
            JsonNode leads = Json.MAPPER.readTree(plan(salesforce, batch, lookup()).writeRequest())
                    .at("/compositeRequest/0");
            assertEquals(save ? "allowSave=true" : "", leads.at("/httpHeaders/Sforce-Duplicate-Rule-Header").asText());
        }
    }

    @Test
    void textIsCutToSalesforcesFieldLengthsWithAnEllipsis() {
        String disposition = "Spoke with the customer, who ".repeat(20);
        SalesforceActions salesforce = salesforce("disposition.ESCALATED", disposition);
        String written = (String) salesforce.task(call("c-1", null, null), null, true).get("CallDisposition");
        assertEquals(255, written.length());
        assertTrue(written.endsWith("…") && disposition.startsWith(written.substring(0, 254)), written);
        assertEquals("ab…", SalesforceRecords.fit("abcd", 3));
        assertEquals("a…", SalesforceRecords.fit("a\uD83D\uDE00bc", 3), "never half an emoji");
        assertEquals(80, ((String) SalesforceRecords.newLead(call("c-1", null, "+1").setCustomerName("Ö".repeat(300)))
                .get("LastName")).length());
    }

    @Test
    void aTextingOptOutOnAConvertedLeadSetsTheFieldOnItsContact() throws Exception {
        SalesforceActions salesforce = org("unattached-task", "do-not-text-field", "Do_Not_Text__c");
        CallEvent sequence = textOptOutSequence().setCustomerExternalId("00Q5e00000AbCdEFGH");
        SalesforceActions.Batch batch = new SalesforceActions.Batch(List.of(actions("log-sequence", "do-not-text")),
                List.of(sequence));
        JsonNode write = Json.MAPPER.readTree(plan(salesforce, batch, lookup(dialersLead("0035e00000CntAAAQ2")))
                .writeRequest());
        assertEquals("0035e00000CntAAAQ2", write.at("/compositeRequest/0/body/records/0/WhoId").asText());
        assertEquals("{\"attributes\":{\"type\":\"Contact\"},\"id\":\"0035e00000CntAAAQ2\",\"Do_Not_Text__c\":true}",
                write.at("/compositeRequest/1/body/records/0").toString());
    }

    @Test
    void aLookupAnswerOfUnknownShapeRefusesOnlyTheCallsThatNeededIt() throws Exception {
        SalesforceActions salesforce = org("unattached-task");
        SalesforceActions.Batch batch = new SalesforceActions.Batch(List.of(actions("log-call"), actions("log-call")),
                List.of(call("c-1", "00Q5e00000AbCdEFGH", null), call("c-2", null, null)));
        SalesforcePlan plan = plan(salesforce, batch, lookup(subAnswer("leads", 200, "{\"surprise\": true}")));

        assertTrue(plan.results().get(0).get("log-call").refusal().startsWith("UNKNOWN: Salesforce's answer to the"
                + " leads lookup could not be read: {\"surprise\":true}"), plan.results().toString());
        assertNull(plan.results().get(1).get("log-call"), "the other call is written");
        assertEquals("hms-sovereign:c-2", Json.MAPPER.readTree(plan.writeRequest())
                .at("/compositeRequest/0/body/records/0/CallObject").asText());
    }

    @Test
    void aRefusedLookupNamesTheFieldAndTheSettingThatAskedForIt() throws Exception {
        SalesforceActions salesforce = org("unattached-task", "external-id-field", "CRM_Id__c");
        SalesforceActions.Batch batch = new SalesforceActions.Batch(List.of(actions("log-call")),
                List.of(call("c-1", "12345", null)));
        String refused = lookup(subAnswer("leads", 400, """
                [{"message": "\\nSELECT Id, CRM_Id__c FROM Lead\\n           ^\\nERROR at Row:1:Column:12\\nNo such column \
                'CRM_Id__c' on entity 'Lead'. If you are attempting to use a custom field, be sure to append the \
                '__c' after the custom field name.", "errorCode": "INVALID_FIELD"}]"""));

        SalesforceRefusal refusal = org.junit.jupiter.api.Assertions.assertThrows(SalesforceRefusal.class,
                () -> salesforce.lookup(batch, refused));
        assertEquals("INVALID_FIELD: the leads lookup: No such column 'CRM_Id__c' on entity 'Lead'"
                + " (router.salesforce.external-id-field)", refusal.getMessage());
    }

    @Test
    void aBatchOf200CallsStaysWithinCompositesLimits() throws Exception {
        SalesforceActions salesforce = org("unattached-task", "escalation-case", "true");
        List<DeliveryGroup> groups = new ArrayList<>();
        List<CallEvent> events = new ArrayList<>();
        for (int i = 0; i < SalesforceActions.MAX_BATCH; i++) {
            groups.add(actions("log-call", "follow-up", "escalate", "do-not-call"));
            events.add(call("c-" + i, String.format("0035e00000%05dAAA", i), null));
        }
        SalesforceActions.Batch batch = new SalesforceActions.Batch(groups, events);
        JsonNode lookup = Json.MAPPER.readTree(salesforce.lookupRequest(batch));
        assertTrue(lookup.path("compositeRequest").size() <= 5, "at most 5 queries: " + lookup);

        List<String> contacts = new ArrayList<>();
        events.forEach(e -> contacts.add("""
                {"attributes": {"type": "Contact"}, "Id": "%s"}""".formatted(e.getCustomerExternalId())));
        SalesforcePlan plan = plan(salesforce, batch, lookup(subAnswer("contacts", 200,
                records(contacts.toArray(String[]::new)))));
        int records = 0;
        int composites = 0;
        while (plan.writeRequest() != null) {
            JsonNode write = Json.MAPPER.readTree(plan.writeRequest());
            composites++;
            assertTrue(write.path("compositeRequest").size() <= 5, "at most 5 collections a composite");
            List<String> answers = new ArrayList<>();
            for (JsonNode collection : write.path("compositeRequest")) {
                int size = collection.path("body").path("records").size();
                assertTrue(size <= 200, "at most 200 records a collection: " + size);
                records += size;
                String[] saved = new String[size];
                java.util.Arrays.fill(saved, created("00T000000000001AAA"));
                answers.add(subAnswer(collection.path("referenceId").asText(), 200, "[" + String.join(", ", saved)
                        + "]"));
            }
            plan = salesforce.next(batch, plan, composite(answers.toArray(String[]::new)));
        }
        assertEquals(800, records, "a call Task, a follow-up, a Case and a DoNotCall for each of 200 calls");
        assertEquals(1, composites, "four collections of 200 records in one composite request");
        assertTrue(plan.results().stream().allMatch(r -> r.values().stream().allMatch(a -> a.refusal() == null)));
    }

    @Test
    void aPersonAccountsOptOutIsWrittenThroughTheAccountInItsPersonFields() throws Exception {
        SalesforceActions salesforce = org("unattached-task", "do-not-text-field", "Do_Not_Text__c",
                "phone-lookup-order", "Lead,Contact,PersonAccount");
        CallEvent sequence = textOptOutSequence().setCustomerExternalId("0015e00000PersAAAA")
                .setBusinessOutcome(BusinessOutcome.OPTED_OUT);
        SalesforceActions.Batch batch = new SalesforceActions.Batch(List.of(actions("log-sequence", "do-not-call",
                "do-not-text")), List.of(sequence));
        JsonNode write = Json.MAPPER.readTree(plan(salesforce, batch, lookup(subAnswer("personAccounts", 200, records("""
                {"attributes": {"type": "Account"}, "Id": "0015e00000PersAAAA", "IsPersonAccount": true,
                 "PersonContactId": "0035e00000PersAAAA", "OwnerId": "0055e00000RepAAAA"}""")))).writeRequest());

        assertEquals("0035e00000PersAAAA", write.at("/compositeRequest/0/body/records/0/WhoId").asText());
        assertEquals("0015e00000PersAAAA", write.at("/compositeRequest/0/body/records/0/WhatId").asText());
        assertEquals("""
                {"attributes":{"type":"Account"},"id":"0015e00000PersAAAA","PersonDoNotCall":true,\
                "PersonHasOptedOutOfEmail":true,"Do_Not_Text__pc":true}""",
                write.at("/compositeRequest/1/body/records/0").toString());
    }

    @Test
    void aFollowUpGoesToTheRecordsOwnerOrToTheConfiguredUser() throws Exception {
        SalesforceActions.Batch batch = new SalesforceActions.Batch(List.of(actions("follow-up")),
                List.of(call("c-1", "0035e00000CntAAAQ2", null)));
        JsonNode toOwner = Json.MAPPER.readTree(plan(org("unattached-task"), batch, lookup(dialersContact()))
                .writeRequest());
        assertEquals("0055e00000RepAAAA", toOwner.at("/compositeRequest/0/body/records/0/OwnerId").asText());
        JsonNode toUser = Json.MAPPER.readTree(plan(org("unattached-task", "follow-up-owner", "0055e00000DeskAAAA"),
                batch, lookup(dialersContact())).writeRequest());
        assertEquals("0055e00000DeskAAAA", toUser.at("/compositeRequest/0/body/records/0/OwnerId").asText());
    }

    @Test
    void anOrgTimeZoneTheIntegrationUserMayNotReadIsUtcButAnOutageIsRetried() throws Exception {
        SalesforceActions salesforce = org("unattached-task");
        Exception outage = new org.apache.camel.component.salesforce.api.SalesforceException(
                "[{\"errorCode\":\"SERVER_UNAVAILABLE\",\"message\":\"down\"}]", 503);
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> salesforce.orgTimeZoneUnread(outage));
        assertTrue(salesforce.timeZoneUnknown(), "asked again with the next batch");

        salesforce.orgTimeZoneUnread(new org.apache.camel.component.salesforce.api.SalesforceException(
                "[{\"errorCode\":\"INVALID_TYPE\",\"message\":\"sObject type 'Organization' is not supported.\"}]",
                400));
        assertTrue(!salesforce.timeZoneUnknown(), "UTC from now on");
        CallEvent late = call("c-1", null, null).setEndedAt(Instant.parse("2025-12-13T03:30:00Z"));
        assertEquals("2025-12-13", salesforce.task(late, null, false).get("ActivityDate"));
    }
}
