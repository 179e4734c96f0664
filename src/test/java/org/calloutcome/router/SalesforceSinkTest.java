package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;


import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.support.FakeOrg;
import org.calloutcome.router.support.FakeSalesforce;
import org.calloutcome.router.support.Outbox;
import org.calloutcome.router.support.Webhooks.Answer;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real camel-salesforce component against a fake Salesforce that answers in Salesforce's own formats: the OAuth
 * token response, composite answers (query and search results, sObject collection save results with per-record
 * errors), error arrays, and a {@code 401 INVALID_SESSION_ID} followed by a new login.
 */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:h2:mem:salesforce-sink;DB_CLOSE_DELAY=-1",
        "router.mail.outbox=" + SalesforceSinkTest.OUTBOX,
        "router.altur.secret=" + Webhooks.ALTUR_SECRET,
        "router.callkaro.token=" + Webhooks.CALLKARO_TOKEN,
        "router.clarion.token=" + Webhooks.CLARION_TOKEN,
        "router.hms-sovereign.secret=" + Webhooks.HMS_SECRET,
        "router.salesforce.first-retry-seconds=1",
        "router.salesforce.limit-pause-seconds=2" })
class SalesforceSinkTest extends RouterTest {
    private static final String API = "/services/data/v60.0";
    private static final String COMPOSITE = API + "/composite";
    private static final String LEAD_ID = "00Q5e00000AbCdEFGH";
    static final String OUTBOX = "target/outbox-salesforce";
    private FakeOrg fake;
    private FakeSalesforce org;
    private WireMockServer salesforce;

    @BeforeAll
    void startOrg() {
        fake = FakeOrg.start();
        org = fake.org;
        salesforce = fake.server;
    }

    @AfterAll
    void stopFake() {
        context.stop(); // logs out of the fake while it still answers
        fake.stop();
    }

    @BeforeEach
    void emptyOrg() {
        fake.reset();
    }

    private void healthySalesforce() {
        FakeSalesforce.answer(salesforce);
    }

    /** Waits until the call's action has the status; returns that delivery. */
    private Map<String, Object> awaitAction(String action, String status) {
        String sql = "SELECT status, result, attempts, last_error FROM delivery WHERE sink = 'salesforce' AND rule = ?";
        await().atMost(Duration.ofSeconds(20)).until(() -> log.rows(sql, action).stream()
                .anyMatch(row -> status.equals(row.get("status"))));
        return log.rows(sql, action).get(0);
    }

    private static RequestPatternBuilder writeRequest() {
        return postRequestedFor(urlPathEqualTo(COMPOSITE)).withRequestBody(containing("/composite/sobjects"));
    }

    @Test
    void anAlturCallIsLoggedOnTheLeadTheDialerCarriedWithWhatItsOutcomeAsks() {
        String body = new String(Webhooks.example("altur-on-call-end.json"), StandardCharsets.UTF_8)
                .replace("\"f_id\": \"user_12345\"", "\"f_id\": \"" + LEAD_ID + "\"");
        org.person("Lead", LEAD_ID, "+52 1234 567890");
        assertEquals(202, webhooks.altur(body.getBytes(StandardCharsets.UTF_8)).status());

        String taskId = (String) awaitAction("log-call", "DONE").get("result");
        assertEquals(taskId, org.tasks.get("altur:cll_gBoLtd02pUI50QwXkFjB"));
        String existingTasks = API + "/query?q=SELECT%20Id%2C%20CallObject%2C%20WhoId%2C%20WhatId%20FROM%20Task%20WHERE%20"
                + "CallObject%20IN%20%28%27altur%3Acll_gBoLtd02pUI50QwXkFjB%27%2C%20%27altur%3Acll_gBoLtd02pUI50QwXkFjB"
                + "%3Afollow-up%27%29";
        String dialersLead = API + "/query?q=SELECT%20Id%2C%20OwnerId%2C%20IsConverted%2C%20ConvertedContactId%2C%20"
                + "Phone%20FROM%20Lead%20WHERE%20Id%20IN%20%28%27" + LEAD_ID + "%27%29";
        salesforce.verify(1, postRequestedFor(urlPathEqualTo(COMPOSITE)).withRequestBody(equalToJson("""
                {"allOrNone": false, "compositeRequest": [
                  {"method": "GET", "url": "%s", "referenceId": "existingTasks"},
                  {"method": "GET", "url": "%s", "referenceId": "leads"}]}
                """.formatted(existingTasks, dialersLead))));
        assertTrue(org.searches.isEmpty(), "the dialer named the Lead: no phone search");
        salesforce.verify(1, writeRequest().withRequestBody(equalToJson("""
                {"allOrNone": false, "compositeRequest": [
                  {"method": "POST", "url": "%1$s/composite/sobjects", "referenceId": "creates",
                   "body": {"allOrNone": false, "records": [
                     {"attributes": {"type": "Task"}, "Subject": "Call (altur outbound): converted",
                      "TaskSubtype": "Call", "Type": "Call", "Status": "Completed", "Priority": "Normal",
                      "CallType": "Outbound", "CallDurationInSeconds": 45, "CallDisposition": "Converted",
                      "CallObject": "altur:cll_gBoLtd02pUI50QwXkFjB", "ActivityDate": "2024-12-19",
                      "Description": "Outcome: CONVERTED (CONNECTED)\\nRecording: \
                https://api.altur.io/api/v1.0/call/cll_gBoLtd02pUI50QwXkFjB/recording",
                      "WhoId": "%2$s"},
                     {"attributes": {"type": "Task"}, "Subject": "Call back (requested on a altur call)",
                      "Status": "Not Started", "CallObject": "altur:cll_gBoLtd02pUI50QwXkFjB:follow-up",
                      "Priority": "Normal", "ActivityDate": "${json-unit.any-string}",
                      "Description": "${json-unit.any-string}", "WhoId": "%2$s",
                      "OwnerId": "%3$s"}]}},
                  {"method": "PATCH", "url": "%1$s/composite/sobjects", "referenceId": "updates",
                   "httpHeaders": {"Sforce-Duplicate-Rule-Header": "allowSave=true"},
                   "body": {"allOrNone": false, "records": [
                     {"attributes": {"type": "Lead"}, "id": "%2$s", "Status": "Working - Contacted"}]}}]}
                """.formatted(API, LEAD_ID, FakeSalesforce.OWNER))));
        assertTrue(((String) awaitAction("follow-up", "DONE").get("result")).startsWith("00T"));
        assertEquals(LEAD_ID, awaitAction("lead-status", "DONE").get("result"), "the record updated");
    }

    @Test
    void eachVendorExampleBecomesItsCallTask() throws Exception {
        org.person("Lead", "00Q5e00000KaroAAA", "+91 87654 32109");
        log.awaitProcessed(webhooks.callkaro(Webhooks.example("callkaro-call-ended.json")).eventId());
        awaitAction("log-call", "DONE");
        log.clear();
        log.awaitProcessed(webhooks.hms(Webhooks.example("hms-sovereign-end-of-call-report.json")).eventId());
        awaitAction("log-call", "DONE");
        log.clear();
        log.awaitProcessed(webhooks.clarion(Webhooks.example("clarion-end-of-call.json")).eventId());
        awaitAction("log-call", "DONE");

        ArrayNode tasks = JsonNodeFactory.instance.arrayNode()
                .addAll(org.created.stream().filter(FakeSalesforce::isCallTask).toList());
        assertEquals(Json.MAPPER.readTree("""
                [{"attributes": {"type": "Task"}, "Subject": "Call (callkaro outbound): converted",
                  "TaskSubtype": "Call", "Type": "Call", "Status": "Completed", "Priority": "Normal",
                  "CallType": "Outbound", "CallDurationInSeconds": 120, "CallDisposition": "Converted",
                  "CallObject": "callkaro:2303fa770b666a64ab1694c1e", "ActivityDate": "2025-12-19",
                  "Description": "Outcome: CONVERTED (CONNECTED)\\n\
                Call: https://callkaro.ai/dashboard/call-history?call_id=abc123\\n\
                Recording: https://example.com/recording.mp3",
                  "WhoId": "00Q5e00000KaroAAA"},
                 {"attributes": {"type": "Task"}, "Subject": "Call (hms-sovereign inbound): unknown",
                  "TaskSubtype": "Call", "Type": "Call", "Status": "Completed", "Priority": "Normal",
                  "CallType": "Inbound", "CallDurationInSeconds": 84, "CallDisposition": "unknown",
                  "CallObject": "hms-sovereign:5c4d030f-43e3-4e65-899e-8148521e660f", "ActivityDate": "2025-12-13",
                  "Description": "Customer asked about opening hours and wanted to schedule an appointment for \
                next week.\\n\\nOutcome: UNKNOWN (CONNECTED)\\nRecording: \
                https://example.supabase.co/storage/v1/object/sign/recordings/\
                5c4d030f-43e3-4e65-899e-8148521e660f/recording.ogg?token=eyJ..."},
                 {"attributes": {"type": "Task"}, "Subject": "Call (clarion outbound): resolved",
                  "TaskSubtype": "Call", "Type": "Call", "Status": "Completed", "Priority": "Normal",
                  "CallType": "Outbound", "CallDurationInSeconds": 210, "CallDisposition": "resolved",
                  "CallObject": "clarion:48213", "ActivityDate": "2025-11-03",
                  "Description": "Patient confirmed the appointment on November 5 at 10 am.\\n\\n\
                Outcome: RESOLVED (CONNECTED)"}]
                """), tasks);
        assertEquals("{\"attributes\":{\"type\":\"Lead\"},\"id\":\"00Q5e00000KaroAAA\",\"Status\":\"Working - Contacted\"}",
                org.updates.get(0).toString(), "CallKaro's conversion sets the Lead found by phone");
    }

    @Test
    void threeDeliveriesOfOneCallGiveOneTask() {
        byte[] call = Webhooks.example("callkaro-call-ended.json");
        String eventId = webhooks.callkaro(call).eventId();
        String taskId = (String) awaitAction("log-call", "DONE").get("result");
        assertTrue(webhooks.callkaro(call).body().path("duplicate").asBoolean(), "the vendor's retry");
        // processed again with the router's own records of it gone (a restored backup): Salesforce still knows it
        log.execute("DELETE FROM delivery");
        log.reprocess();
        log.awaitProcessed(eventId);

        assertEquals(taskId, awaitAction("log-call", "DONE").get("result"));
        assertEquals(1, org.created.stream().filter(FakeSalesforce::isCallTask).count(), "one call Task");
    }

    @Test
    void aCallAlreadyLoggedInSalesforceIsNotLoggedAgainButItsFollowUpIsWritten() {
        org.tasks.put("callkaro:2303fa770b666a64ab1694c1e", "00T5e00000OldAAA");
        webhooks.callkaro(Webhooks.example("callkaro-call-ended.json"));

        assertEquals("00T5e00000OldAAA", awaitAction("log-call", "DONE").get("result"));
        String followUp = (String) awaitAction("follow-up", "DONE").get("result");
        assertEquals(followUp, org.tasks.get("callkaro:2303fa770b666a64ab1694c1e:follow-up"));
        salesforce.verify(1, writeRequest());
        salesforce.verify(0, writeRequest().withRequestBody(containing("\"CallObject\":\"callkaro:2303fa770b666a64ab1694c1e\"")));
    }

    @Test
    void anOptOutSetsDoNotCallOnTheContactFoundByPhone() throws Exception {
        Path outbox = Path.of(OUTBOX);
        Files.createDirectories(outbox);
        try (Stream<Path> old = Files.list(outbox)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        context.getRouteController().stopRoute("deliver-mail"); // the alert waits until Salesforce has the call
        try {
            org.person("Contact", "0035e00000CntAAA", "(415) 555-0123");
            String optOut = new String(Webhooks.example("clarion-end-of-call.json"), StandardCharsets.UTF_8)
                    .replace("\"outcome\": \"resolved\"", "\"outcome\": \"unresolved\"")
                    .replace("\"failure_reason\": null", "\"failure_reason\": \"opt-out\"");
            webhooks.clarion(optOut.getBytes(StandardCharsets.UTF_8));

            assertEquals("0035e00000CntAAA", awaitAction("do-not-call", "DONE").get("result"),
                    "the record whose DoNotCall is set");
            awaitAction("log-call", "DONE");
            assertEquals("{\"attributes\":{\"type\":\"Contact\"},\"id\":\"0035e00000CntAAA\",\"DoNotCall\":true}",
                    org.updates.get(0).toString());
        } finally {
            context.getRouteController().startRoute("deliver-mail");
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> alerts(outbox).size() == 1);
        String alert = Files.readString(alerts(outbox).get(0));
        assertTrue(alert.contains("In Salesforce:   " + salesforce.baseUrl() + "/"
                + org.tasks.get("clarion:48213")), "the opt-out alert links the call's Task");
    }

    private static List<Path> alerts(Path outbox) throws Exception {
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.toString().endsWith(".eml")).toList();
        }
    }

    @Test
    void aClarionSequenceLogsEachCallOnceAndOneSummary() {
        log.awaitProcessed(webhooks.clarion(Webhooks.example("clarion-end-of-call.json")).eventId());
        log.awaitProcessed(webhooks.clarion(Webhooks.example("clarion-end-of-sequence-report.json")).eventId());
        assertEquals(List.of(Map.of("subject_id", "48210"), Map.of("subject_id", "48213")),
                log.rows("SELECT subject_id FROM delivery WHERE sink = 'salesforce' AND rule = 'log-call'"
                        + " ORDER BY subject_id"), "call 48213 is in both webhooks, and logged once");

        awaitAction("log-sequence", "DONE");
        await().atMost(Duration.ofSeconds(20)).until(() -> org.tasks.size() == 3);
        assertTrue(org.tasks.containsKey("clarion:sequence:9031"));
        salesforce.verify(1, writeRequest().withRequestBody(containing(
                "\"Description\":\"Appointment confirmed by phone; patient then opted out of text messages.\\n\\n"
                        + "1. call 48210: customer-did-not-answer (unresolved)\\n"
                        + "2. call 48213: customer-ended-call (resolved)\\n"
                        + "3. sms 7702: contact-opt-out\\n\\n"
                        + "Opted out of text messages. Not recorded on the Lead/Contact: no do-not-text field is"
                        + " configured (router.salesforce.do-not-text-field).\"")));
        assertEquals("skipped: no do-not-text field configured (router.salesforce.do-not-text-field)",
                awaitAction("do-not-text", "DONE").get("result"));
    }

    @Test
    void anExpiredSessionIsRenewedAndTheCallReplayed() {
        salesforce.stubFor(post(urlPathEqualTo(COMPOSITE)).atPriority(1).inScenario("session")
                .whenScenarioStateIs(STARTED).willReturn(aResponse().withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]"))
                .willSetStateTo("renewed"));
        webhooks.callkaro(Webhooks.example("callkaro-call-ended.json"));

        Map<String, Object> delivery = awaitAction("log-call", "DONE");
        assertEquals("1", delivery.get("attempts"), "the component logged in again and replayed the call itself");
        List<ServeEvent> served = new ArrayList<>(salesforce.getAllServeEvents());
        served.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        int refused = IntStream.range(0, served.size())
                .filter(i -> served.get(i).getResponse().getStatus() == 401).findFirst().orElseThrow();
        assertTrue(served.subList(refused, served.size()).stream()
                .anyMatch(e -> e.getRequest().getUrl().startsWith("/services/oauth2/token")),
                "a new login after the expired session");
        assertEquals(3, salesforce.findAll(postRequestedFor(urlPathEqualTo(COMPOSITE))).size(),
                "refused lookup, replayed lookup, write");
    }

    @Test
    void aSalesforceOutageDelaysOnlySalesforce() {
        salesforce.stubFor(post(urlPathEqualTo(COMPOSITE)).atPriority(1).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"Service unavailable\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]")));
        Answer answer = webhooks.callkaro(Webhooks.example("callkaro-call-ended.json"));
        log.awaitProcessed(answer.eventId()); // the call log does not wait for Salesforce
        awaitAction("log-call", "FAILED");

        healthySalesforce(); // Salesforce is back
        Object taskId = awaitAction("log-call", "DONE").get("result");
        assertEquals(org.tasks.get("callkaro:2303fa770b666a64ab1694c1e"), taskId);
    }

    @Test
    void aSalesforceOutageNeverHoldsBackAnAlert() throws Exception {
        salesforce.stubFor(post(urlPathEqualTo(COMPOSITE)).atPriority(1).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"Service unavailable\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]")));
        String optOut = new String(Webhooks.example("clarion-end-of-call.json"), StandardCharsets.UTF_8)
                .replace("\"failure_reason\": null", "\"failure_reason\": \"opt-out\"");
        webhooks.clarion(optOut.getBytes(StandardCharsets.UTF_8));

        Map<String, Object> alert = await().atMost(Duration.ofSeconds(20)).until(() -> log.rows(
                "SELECT status, result FROM delivery WHERE sink = 'mail'").stream().findFirst().orElse(Map.of()),
                row -> "DONE".equals(row.get("status")));
        assertTrue(((String) alert.get("result")).startsWith("written to " + OUTBOX));
        assertNotEquals("DONE", log.rows("SELECT status FROM delivery WHERE sink = 'salesforce' AND rule = 'log-call'")
                .get(0).get("status"), "Salesforce is still down");
        assertTrue(org.created.isEmpty(), "nothing reached Salesforce");
    }

    @Test
    void dataSalesforceRefusesGoesToTheDeadLetterWithItsErrorCode() {
        org.refusals.add(FakeSalesforce.Refusal.always("CallDisposition", "Converted",
                "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "bad value for restricted picklist field: Converted"));
        webhooks.callkaro(Webhooks.example("callkaro-call-ended.json"));

        Map<String, Object> refused = awaitAction("log-call", "DEAD");
        assertEquals("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: bad value for restricted picklist field: Converted",
                refused.get("last_error"));
        assertEquals("1", refused.get("attempts"), "not retried");
        assertTrue(((String) awaitAction("follow-up", "DONE").get("result")).startsWith("00T"),
                "the call's other actions are not held back");
    }

    @Test
    void aSpentApiAllocationPausesTheSinkInsteadOfFailingTheEvent() {
        salesforce.stubFor(post(urlPathEqualTo(COMPOSITE)).atPriority(1).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]")));
        webhooks.callkaro(Webhooks.example("callkaro-call-ended.json"));

        Map<String, Object> paused = awaitAction("log-call", "FAILED");
        assertEquals("paused: API allocation spent", paused.get("last_error"));
        assertEquals("0", paused.get("attempts"), "waiting for the allocation is not a failed attempt");
        healthySalesforce();
        assertEquals("DONE", awaitAction("log-call", "DONE").get("status"));
    }

    @Test
    void aBurstOf500CallsIsWrittenInBatchesOfFewApiCalls() throws Exception {
        context.getRouteController().stopRoute("deliver-salesforce"); // the burst arrives while the sink is busy
        try {
            String template = new String(Webhooks.example("callkaro-call-ended.json"), StandardCharsets.UTF_8);
            for (int i = 0; i < 500; i++) {
                String call = template.replace("2303fa770b666a64ab1694c1e", String.format("burst%05d", i))
                        .replace("\"to\": \"918765432109\"", String.format("\"to\": \"9187654%05d\"", i));
                webhooks.callkaro(call.getBytes(StandardCharsets.UTF_8));
            }
            org.person("Lead", "00Q5e00000BurstAA", "87654 00042");
            await().atMost(Duration.ofSeconds(60)).until(() -> log.rows("SELECT COUNT(*) AS n FROM inbox"
                    + " WHERE status = 'PROCESSED'").get(0).get("n").equals("500"));
            assertEquals(1500, log.count("delivery"), "a call Task, a Lead Status and a follow-up for each call");
        } finally {
            context.getRouteController().startRoute("deliver-salesforce");
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertEquals("1500", log.rows(
                "SELECT COUNT(*) AS n FROM delivery WHERE status = 'DONE'").get(0).get("n")));
        assertEquals(500, org.callTasks.size(), "one call Task per call");
        double perEvent = org.apiCalls.get() / 500.0;
        assertTrue(perEvent <= 0.05, org.apiCalls.get() + " API calls for 500 events");
        assertEquals(1, org.updates.size(), "the one Lead found by phone gets its Status");
    }

    @Test
    void anOptOutWithNobodyToRecordItOnIsAnAlertThatSaysSo() throws Exception {
        Outbox outbox = new Outbox(OUTBOX);
        outbox.empty();
        String optOut = new String(Webhooks.example("clarion-end-of-call.json"), StandardCharsets.UTF_8)
                .replace("\"failure_reason\": null", "\"failure_reason\": \"opt-out\"");
        webhooks.clarion(optOut.getBytes(StandardCharsets.UTF_8));

        assertEquals("skipped: no matching Lead or Contact", awaitAction("do-not-call", "DONE").get("result"));
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.mails("[Opt-out NOT recorded").size() == 1);
        Outbox.Mail alert = outbox.mails("[Opt-out NOT recorded").get(0);
        assertEquals("[Opt-out NOT recorded in Salesforce] Clarion outbound call · +14 ••• ••• 0123", alert.subject());
        assertTrue(alert.text().contains("Salesforce said: no matching Lead or Contact\n"), alert.text());
        assertTrue(alert.text().contains("No Lead or Contact matched the call"), alert.text());
        assertEquals(1, outbox.mails("[Opt-out]").size(), "and the opt-out alert itself");
    }

    @Test
    void aTextingOptOutWithNoFieldToRecordItInIsAnAlertThatSaysSo() throws Exception {
        Outbox outbox = new Outbox(OUTBOX);
        outbox.empty();
        webhooks.clarion(Webhooks.example("clarion-end-of-sequence-report.json"));

        awaitAction("do-not-text", "DONE");
        await().atMost(Duration.ofSeconds(20)).until(() -> outbox.mails("[Opt-out NOT recorded").size() == 1);
        Outbox.Mail alert = outbox.mails("[Opt-out NOT recorded").get(0);
        assertEquals("[Opt-out NOT recorded in Salesforce] Clarion outbound outreach sequence (opted out of text"
                + " messages) · +14 ••• ••• 0123", alert.subject());
        assertTrue(alert.text().startsWith("Opt-out NOT recorded in Salesforce: Clarion outbound outreach sequence"
                + " (opted out of text messages). The texting opt-out is NOT on the person: record it by hand.\n"),
                alert.text());
        assertTrue(alert.text().contains("router.salesforce.do-not-text-field"), alert.text());
    }
}
