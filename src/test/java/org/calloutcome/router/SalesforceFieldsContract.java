package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.support.FakeOrg;
import org.calloutcome.router.support.FakeSalesforce;
import org.calloutcome.router.support.FakeSalesforce.CustomField;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin's fields, end to end: what Retell's and Vapi's AI found in a call lands in the org's own fields on the
 * call Task and on the Lead, typed as the org's describes say; a value that does not fit is left out, said in the
 * delivery's result, and never costs the call its Task; a person's field keeps its first value where configured and is
 * never overwritten with nothing. Runs on H2 and on PostgreSQL.
 */
abstract class SalesforceFieldsContract extends RouterTest {
    /** The mappings both databases share. */
    static final String NEXT_STEP = "router.salesforce.task.field.Next_Step__c=extracted.next_step";
    static final String NEXT_STEP_VAPI = "router.salesforce.task.field.Next_Step__c.vapi=extracted.nextStep";
    static final String APPOINTMENT = "router.salesforce.task.field.Appointment__c=extracted.appointment_date";
    static final String SLOTS = "router.salesforce.task.field.Findings__c=extracted.slots";
    static final String SENTIMENT = "router.salesforce.task.field.Sentiment__c=extracted.sentiment";
    static final String INTEREST = "router.salesforce.person.field.Interest__c=extracted.interest";
    static final String FIRST_OUTCOME = "router.salesforce.person.field.First_Outcome__c=event.businessOutcome";
    static final String KEEP_FIRST = "router.salesforce.person.field.First_Outcome__c.mode=keep-existing";
    private static final String RETELL_LEAD = "00Q5e00000RetlAAAA";
    private static final String VAPI_LEAD = "00Q5e00000VapiAAAA";
    private static final String RETELL_CALL = "Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6";
    private static final String VAPI_CALL = "6f1c2a9e-3b7d-4c21-9e5a-0d8b4f2c7a13";

    private FakeOrg fake;
    private FakeSalesforce org;

    @BeforeAll
    void startOrg() {
        fake = FakeOrg.start();
        org = fake.org;
    }

    @AfterAll
    void stopOrg() {
        context.stop(); // logs out of the fake while it still answers
        fake.stop();
    }

    /** The org's admin added these fields (the sink reads their describes once, with its first lookup). */
    @BeforeEach
    void orgWithItsFields() {
        fake.reset();
        org.customFields.put("Task.Next_Step__c", CustomField.text(255));
        org.customFields.put("Task.Appointment__c", CustomField.of("date"));
        org.customFields.put("Task.Findings__c", new CustomField("textarea", 32768));
        for (String person : List.of("Lead", "Contact")) {
            org.customFields.put(person + ".Interest__c", CustomField.text(40));
            org.customFields.put(person + ".First_Outcome__c", CustomField.text(40));
        }
        org.person("Lead", RETELL_LEAD, "+12137771235");
        org.person("Lead", VAPI_LEAD, "+33612345678");
    }

    /** Retell's documented call_analyzed, its custom analysis carrying these facts. */
    private static byte[] retell(String callId, Map<String, Object> facts) {
        ObjectNode root = example("retell-call-analyzed.json");
        ObjectNode call = (ObjectNode) root.path("call");
        call.put("call_id", callId);
        ((ObjectNode) call.path("call_analysis")).set("custom_analysis_data", Json.MAPPER.valueToTree(facts));
        return Json.write(root).getBytes(StandardCharsets.UTF_8);
    }

    private static ObjectNode example(String name) {
        try {
            return (ObjectNode) Json.MAPPER.readTree(Webhooks.example(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Map<String, Object> awaitLogged(String callId) {
        String sql = "SELECT status, result FROM delivery WHERE sink = 'salesforce' AND subject_id = ?"
                + " AND rule = 'log-call'";
        await().atMost(Duration.ofSeconds(30)).until(() -> log.rows(sql, callId).stream()
                .anyMatch(row -> "DONE".equals(row.get("status"))));
        return log.rows(sql, callId).get(0);
    }

    private JsonNode callTask(String vendor, String callId) {
        return org.created.stream().filter(FakeSalesforce::isCallTask)
                .filter(t -> t.path("CallObject").asText().equals(vendor + ":" + callId)).findFirst().orElseThrow();
    }

    private Map<String, String> lead(String id) {
        return org.people.stream().filter(p -> id.equals(p.get("Id"))).findFirst().orElseThrow();
    }

    @Test
    void whatRetellAndVapiFoundLandsInTheOrgsOwnFieldsOnTheTaskAndTheLead() {
        webhooks.retell(retell(RETELL_CALL, Map.of("outcome", "callback", "next_step", "Send the renewal quote",
                "appointment_date", "2026-12-10", "interest", "high", "slots", List.of("Mon 10:00", "Tue 14:00"))));
        ObjectNode vapi = example("vapi-end-of-call-report.json");
        ((ObjectNode) vapi.path("message").path("analysis").path("structuredData")).put("nextStep", "Call her manager")
                .put("interest", "low");
        webhooks.vapi(Json.write(vapi).getBytes(StandardCharsets.UTF_8));

        String retellTask = (String) awaitLogged(RETELL_CALL).get("result");
        assertTrue(retellTask.matches("00T\\w+"), "nothing left out: " + retellTask);
        JsonNode task = callTask("retell", RETELL_CALL);
        assertEquals("Send the renewal quote", task.path("Next_Step__c").asText());
        assertEquals("2026-12-10", task.path("Appointment__c").asText());
        assertEquals("[\"Mon 10:00\",\"Tue 14:00\"]", task.path("Findings__c").asText(), "a list, as compact JSON");
        assertFalse(task.has("Sentiment__c"), "a fact the call lacks writes nothing");
        assertEquals("high", lead(RETELL_LEAD).get("Interest__c"));
        assertEquals("CALLBACK_REQUESTED", lead(RETELL_LEAD).get("First_Outcome__c"), "blank before: written");

        awaitLogged(VAPI_CALL);
        assertEquals("Call her manager", callTask("vapi", VAPI_CALL).path("Next_Step__c").asText(),
                "Vapi's tenant names the fact nextStep");
        assertEquals("low", lead(VAPI_LEAD).get("Interest__c"));
        assertTrue(org.refused.isEmpty(), "Salesforce refused nothing: " + org.refused);
    }

    @Test
    void aValueThatDoesNotFitIsLeftOutAndSaidAndTheCallStillGetsItsTask() {
        webhooks.retell(retell("call-bad-date", Map.of("next_step", "Book the visit",
                "appointment_date", "next Tuesday", "sentiment", "positive")));

        String result = (String) awaitLogged("call-bad-date").get("result");
        assertTrue(result.matches("00T\\w+ \\(left out: Appointment__c: 'next Tuesday' is not a date;"
                + " Sentiment__c: Task has no such field\\)"), result);
        JsonNode task = callTask("retell", "call-bad-date");
        assertEquals("Book the visit", task.path("Next_Step__c").asText());
        assertFalse(task.has("Appointment__c"));
        assertTrue(org.refused.isEmpty(), "no JSON_PARSER_ERROR: the batch was never refused: " + org.refused);
    }

    @Test
    void aPersonsFieldKeepsItsFirstValueWhereConfiguredAndIsNeverOverwrittenWithNothing() {
        lead(RETELL_LEAD).putAll(Map.of("First_Outcome__c", "CONVERTED", "Interest__c", "medium"));
        webhooks.retell(retell("call-kept", Map.of("outcome", "not_interested")));

        awaitLogged("call-kept");
        assertEquals("CONVERTED", lead(RETELL_LEAD).get("First_Outcome__c"), "kept: it had a value");
        assertEquals("medium", lead(RETELL_LEAD).get("Interest__c"), "the call said nothing about interest");
        assertTrue(org.updates.stream().noneMatch(u -> u.has("First_Outcome__c") || u.has("Interest__c")),
                "no update carried them: " + org.updates);
    }
}
