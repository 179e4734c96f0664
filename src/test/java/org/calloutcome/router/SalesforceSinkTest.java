package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.Webhooks.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real camel-salesforce component against a fake Salesforce that answers in Salesforce's own formats: the OAuth
 * token response, composite request answers (query, search, create and update results, error arrays), and a
 * {@code 401 INVALID_SESSION_ID} followed by a new login.
 */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        "router.db.url=jdbc:h2:mem:salesforce-sink;DB_CLOSE_DELAY=-1",
        "camel.server.port=0",
        "router.altur.secret=" + Webhooks.ALTUR_SECRET,
        "router.callkaro.token=" + Webhooks.CALLKARO_TOKEN,
        "router.salesforce.poll-interval-ms=100",
        "router.salesforce.first-retry-seconds=1",
        "router.salesforce.limit-pause-seconds=2",
        "router.clarion.token=" + Webhooks.CLARION_TOKEN })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SalesforceSinkTest {
    private static final String API = "/services/data/v60.0";
    private static final String LEAD_ID = "00Q5e00000AbCdEFGH";
    static final WireMockServer SALESFORCE = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        SALESFORCE.start();
        // JVM system properties override application.properties: the router logs in to the fake.
        System.setProperty("router.salesforce.login-url", SALESFORCE.baseUrl());
        System.setProperty("router.salesforce.client-id", "fake-client-id");
        System.setProperty("router.salesforce.client-secret", "fake-client-secret");
        System.setProperty("router.salesforce.username", "router@example.com");
        System.setProperty("router.salesforce.password", "fake-password");
    }

    @AfterAll
    void stopFake() {
        context.stop(); // logs out of the fake while it still answers
        for (String key : List.of("login-url", "client-id", "client-secret", "username", "password")) {
            System.clearProperty("router.salesforce." + key);
        }
        SALESFORCE.stop();
    }

    @BeanInject
    CamelContext context;

    @BeanInject("dataSource")
    DataSource dataSource;

    CallLog log;
    Webhooks webhooks;

    @BeforeEach
    void clear() {
        log = new CallLog(dataSource);
        log.clear();
        webhooks = new Webhooks(context);
        healthySalesforce();
    }

    private void healthySalesforce() {
        SALESFORCE.resetAll();
        SALESFORCE.stubFor(post("/services/oauth2/token").willReturn(okJson("{"
                + "\"access_token\":\"00D000000000001!AQ0AQFakeAccessToken\","
                + "\"instance_url\":\"" + SALESFORCE.baseUrl() + "\","
                + "\"id\":\"" + SALESFORCE.baseUrl() + "/id/00D000000000001AAA/005000000000001AAA\","
                + "\"token_type\":\"Bearer\",\"issued_at\":\"1732300000000\","
                + "\"signature\":\"dGhpcyBpcyBhIGZha2Ugc2lnbmF0dXJl\"}")));
        SALESFORCE.stubFor(get(urlPathMatching("/services/oauth2/revoke.*")).willReturn(aResponse().withStatus(200)));
        lookupAnswers(null, null);
        writeAnswers(created("task", TASK_ID), created("followUp", "00T5e00000NextAAA"), noContent("optOut"),
                noContent("leadStatus"));
    }

    // ---------------------------------------------------------------- Salesforce's composite answers

    private static final String COMPOSITE = API + "/composite";
    private static final String TASK_ID = "00T5e00000TaskAAA";

    /** Answers the lookup request: the Task already logged for the call, and who matched the phone number. */
    private static void lookupAnswers(String existingTaskId, String phoneMatchId) {
        String records = existingTaskId == null ? "[]"
                : "[{\"attributes\":{\"type\":\"Task\",\"url\":\"" + API + "/sobjects/Task/" + existingTaskId
                        + "\"},\"Id\":\"" + existingTaskId + "\"}]";
        String search = phoneMatchId == null ? "[]"
                : "[{\"attributes\":{\"type\":\"" + (phoneMatchId.startsWith("00Q") ? "Lead" : "Contact")
                        + "\",\"url\":\"" + API + "/sobjects/x/" + phoneMatchId + "\"},\"Id\":\"" + phoneMatchId + "\"}]";
        SALESFORCE.stubFor(post(urlPathEqualTo(COMPOSITE)).withRequestBody(containing("\"existingTask\""))
                .willReturn(okJson("{\"compositeResponse\":["
                        + answer("existingTask", 200, "{\"totalSize\":" + (existingTaskId == null ? 0 : 1)
                                + ",\"done\":true,\"records\":" + records + "}") + ","
                        + answer("byPhone", 200, "{\"searchRecords\":" + search + "}") + "]}")
                        .withHeader("Sforce-Limit-Info", "api-usage=25/15000")));
    }

    private static void writeAnswers(String... answers) {
        SALESFORCE.stubFor(post(urlPathEqualTo(COMPOSITE)).withRequestBody(notContaining("\"existingTask\""))
                .willReturn(okJson("{\"compositeResponse\":[" + String.join(",", answers) + "]}")));
    }

    private static String answer(String reference, int status, String body) {
        return "{\"body\":" + body + ",\"httpHeaders\":{},\"httpStatusCode\":" + status + ",\"referenceId\":\""
                + reference + "\"}";
    }

    private static String created(String reference, String id) {
        return answer(reference, 201, "{\"id\":\"" + id + "\",\"success\":true,\"errors\":[]}");
    }

    private static String noContent(String reference) {
        return answer(reference, 204, "null");
    }

    private static String error(String reference, int status, String code, String message) {
        return answer(reference, status, "[{\"message\":\"" + message + "\",\"errorCode\":\"" + code + "\"}]");
    }

    private static RequestPatternBuilder writeRequest() {
        return postRequestedFor(urlPathEqualTo(COMPOSITE)).withRequestBody(notContaining("\"existingTask\""));
    }

    /** Waits until the call's log-call action has the status; returns that delivery. */
    private Map<String, Object> awaitDelivery(String status) {
        return awaitAction("log-call", status);
    }

    private Map<String, Object> awaitAction(String action, String status) {
        String sql = "SELECT status, result, attempts, last_error FROM delivery WHERE sink = 'salesforce' AND rule = ?";
        await().atMost(Duration.ofSeconds(20)).until(() -> log.rows(sql, action).stream()
                .anyMatch(row -> status.equals(row.get("status"))));
        return log.rows(sql, action).get(0);
    }

    @Test
    void anAlturCallIsLoggedOnTheLeadTheDialerCarriedWithWhatItsOutcomeAsks() {
        String body = new String(Webhooks.example("altur-on-call-end.json"), StandardCharsets.UTF_8)
                .replace("\"f_id\": \"user_12345\"", "\"f_id\": \"" + LEAD_ID + "\"");
        assertEquals(202, webhooks.altur(body.getBytes(StandardCharsets.UTF_8)).status());

        assertEquals(TASK_ID, awaitDelivery("DONE").get("result"));
        SALESFORCE.verify(1, postRequestedFor(urlPathEqualTo(COMPOSITE)).withRequestBody(equalToJson("{"
                + "\"allOrNone\":false,\"compositeRequest\":[{\"method\":\"GET\",\"url\":\"" + API + "/query?q="
                + "SELECT%20Id%20FROM%20Task%20WHERE%20CallObject%20%3D%20%27altur%3Acll_gBoLtd02pUI50QwXkFjB%27%20LIMIT%201\","
                + "\"referenceId\":\"existingTask\"},"
                + "{\"method\":\"GET\",\"url\":\"" + API + "/search?q=FIND%20%7B521234567890%20OR%201234567890%7D"
                + "%20IN%20PHONE%20FIELDS%20RETURNING%20Lead%28Id%20WHERE%20IsConverted%20%3D%20false%29%2C%20Contact%28Id%29\","
                + "\"referenceId\":\"byPhone\"}]}")));
        SALESFORCE.verify(1, writeRequest().withRequestBody(equalToJson("{\"allOrNone\":false,\"compositeRequest\":["
                + "{\"method\":\"POST\",\"url\":\"" + API + "/sobjects/Task\",\"referenceId\":\"task\",\"body\":{"
                + "\"Subject\":\"Call (altur outbound): converted\","
                + "\"TaskSubtype\":\"Call\",\"Type\":\"Call\",\"Status\":\"Completed\",\"Priority\":\"Normal\","
                + "\"CallType\":\"Outbound\",\"CallDurationInSeconds\":45,\"CallDisposition\":\"Converted\","
                + "\"CallObject\":\"altur:cll_gBoLtd02pUI50QwXkFjB\",\"ActivityDate\":\"2024-12-19\","
                + "\"Description\":\"Outcome: CONVERTED (CONNECTED)\\nRecording: "
                + "https://api.altur.io/api/v1.0/call/cll_gBoLtd02pUI50QwXkFjB/recording\","
                + "\"WhoId\":\"" + LEAD_ID + "\"}},"
                + "{\"method\":\"POST\",\"url\":\"" + API + "/sobjects/Task\",\"referenceId\":\"followUp\",\"body\":{"
                + "\"Subject\":\"Call back (requested on a altur call)\",\"Status\":\"Not Started\","
                + "\"Priority\":\"Normal\",\"ActivityDate\":\"${json-unit.any-string}\","
                + "\"Description\":\"${json-unit.any-string}\",\"WhoId\":\"" + LEAD_ID + "\"}},"
                + "{\"method\":\"PATCH\",\"url\":\"" + API + "/sobjects/Lead/" + LEAD_ID + "\","
                + "\"referenceId\":\"leadStatus\",\"body\":{\"Status\":\"Closed - Converted\"}}]}")));
        assertEquals("00T5e00000NextAAA", awaitAction("follow-up", "DONE").get("result"));
        assertEquals("updated", awaitAction("lead-status", "DONE").get("result"));
    }

    @Test
    void aCallAlreadyLoggedInSalesforceIsNotLoggedAgain() {
        lookupAnswers("00T5e00000OldAAA", null);
        webhooks.callkaro(Webhooks.example("callkaro-call-ended.json"));

        assertEquals("00T5e00000OldAAA", awaitDelivery("DONE").get("result"));
        SALESFORCE.verify(0, writeRequest());
    }

    @Test
    void anOptOutSetsDoNotCallOnTheContactFoundByPhone() {
        lookupAnswers(null, "0035e00000CntAAA");
        String optOut = new String(Webhooks.example("clarion-end-of-call.json"), StandardCharsets.UTF_8)
                .replace("\"outcome\": \"resolved\"", "\"outcome\": \"unresolved\"")
                .replace("\"failure_reason\": null", "\"failure_reason\": \"opt-out\"");
        webhooks.clarion(optOut.getBytes(StandardCharsets.UTF_8));

        assertEquals(TASK_ID, awaitDelivery("DONE").get("result"));
        assertEquals("updated", awaitAction("do-not-call", "DONE").get("result"));
        SALESFORCE.verify(1, writeRequest()
                .withRequestBody(matchingJsonPath("$.compositeRequest[0].body.WhoId", equalTo("0035e00000CntAAA")))
                .withRequestBody(matchingJsonPath("$.compositeRequest[0].body.CallDisposition", equalTo("Do not call")))
                .withRequestBody(matchingJsonPath("$.compositeRequest[1].method", equalTo("PATCH")))
                .withRequestBody(matchingJsonPath("$.compositeRequest[1].url", equalTo(API + "/sobjects/Contact/0035e00000CntAAA")))
                .withRequestBody(matchingJsonPath("$.compositeRequest[1].body.DoNotCall", equalTo("true"))));
    }

    @Test
    void aClarionSequenceLogsEachCallOnceAndOneSummary() {
        log.awaitProcessed(webhooks.clarion(Webhooks.example("clarion-end-of-call.json")).eventId());
        log.awaitProcessed(webhooks.clarion(Webhooks.example("clarion-end-of-sequence-report.json")).eventId());
        assertEquals(List.of(Map.of("subject_id", "48210"), Map.of("subject_id", "48213")),
                log.rows("SELECT subject_id FROM delivery WHERE sink = 'salesforce' AND rule = 'log-call'"
                        + " ORDER BY subject_id"), "call 48213 is in both webhooks, and logged once");

        assertEquals(TASK_ID, awaitAction("log-sequence", "DONE").get("result"));
        SALESFORCE.verify(1, writeRequest()
                .withRequestBody(matchingJsonPath("$.compositeRequest[0].body.CallObject",
                        equalTo("clarion:sequence:9031")))
                .withRequestBody(matchingJsonPath("$.compositeRequest[0].body.Subject",
                        equalTo("Outreach sequence (clarion): opted out")))
                .withRequestBody(matchingJsonPath("$.compositeRequest[0].body.Description", equalTo(
                        "Appointment confirmed by phone; patient then opted out of text messages.\n\n"
                                + "1. call 48210: customer-did-not-answer (unresolved)\n"
                                + "2. call 48213: customer-ended-call (resolved)\n"
                                + "3. sms 7702: contact-opt-out"))));
    }

    @Test
    void anExpiredSessionIsRenewedAndTheCallReplayed() {
        SALESFORCE.stubFor(post(urlPathEqualTo(COMPOSITE)).inScenario("session").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]"))
                .willSetStateTo("renewed"));
        lookupAnswers(null, null);
        SALESFORCE.stubFor(post(urlPathEqualTo(COMPOSITE)).inScenario("session").whenScenarioStateIs("renewed")
                .withRequestBody(containing("\"existingTask\"")).willReturn(okJson("{\"compositeResponse\":["
                        + answer("existingTask", 200, "{\"totalSize\":0,\"done\":true,\"records\":[]}") + "]}")));
        webhooks.callkaro(Webhooks.example("callkaro-call-ended.json"));

        Map<String, Object> delivery = awaitDelivery("DONE");
        assertEquals(TASK_ID, delivery.get("result"));
        assertEquals("1", delivery.get("attempts"), "the component logged in again and replayed the call itself");
        assertTrue(SALESFORCE.findAll(postRequestedFor(urlPathEqualTo("/services/oauth2/token"))).size() >= 1);
        assertEquals(3, SALESFORCE.findAll(postRequestedFor(urlPathEqualTo(COMPOSITE))).size(),
                "refused lookup, replayed lookup, write");
    }

    @Test
    void aSalesforceOutageDelaysOnlySalesforce() {
        SALESFORCE.stubFor(post(urlPathEqualTo(COMPOSITE)).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"Service unavailable\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]")));
        Answer answer = webhooks.callkaro(Webhooks.example("callkaro-call-ended.json"));
        log.awaitProcessed(answer.eventId()); // the call log does not wait for Salesforce
        awaitDelivery("FAILED");

        healthySalesforce(); // Salesforce is back
        assertEquals(TASK_ID, awaitDelivery("DONE").get("result"));
        SALESFORCE.verify(1, writeRequest());
    }

    @Test
    void dataSalesforceRefusesGoesToTheDeadLetterWithItsErrorCode() {
        writeAnswers(error("task", 400, "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST",
                "bad value for restricted picklist field: Converted"));
        webhooks.callkaro(Webhooks.example("callkaro-call-ended.json"));

        Map<String, Object> delivery = awaitDelivery("DEAD");
        assertTrue(((String) delivery.get("last_error")).startsWith(
                "INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: task: bad value for restricted picklist field"));
        assertEquals("1", delivery.get("attempts"), "not retried");
    }

    @Test
    void aSpentApiAllocationPausesTheSinkInsteadOfFailingTheEvent() {
        SALESFORCE.stubFor(post(urlPathEqualTo(COMPOSITE)).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]")));
        webhooks.callkaro(Webhooks.example("callkaro-call-ended.json"));

        Map<String, Object> paused = awaitDelivery("FAILED");
        assertEquals("paused: API allocation spent", paused.get("last_error"));
        assertEquals("0", paused.get("attempts"), "waiting for the allocation is not a failed attempt");
        healthySalesforce();
        assertEquals(TASK_ID, awaitDelivery("DONE").get("result"));
    }
}
