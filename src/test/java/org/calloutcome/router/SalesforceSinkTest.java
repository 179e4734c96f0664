package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.Webhooks.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The real camel-salesforce component against a fake Salesforce that answers in Salesforce's own formats: the OAuth
 * token response, SOQL query results and sObject create results.
 */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        "router.db.url=jdbc:h2:mem:salesforce-sink;DB_CLOSE_DELAY=-1",
        "camel.server.port=0",
        "router.altur.secret=" + Webhooks.ALTUR_SECRET,
        "router.callkaro.token=" + Webhooks.CALLKARO_TOKEN,
        "router.salesforce.poll-interval-ms=100",
        "router.salesforce.first-retry-seconds=1" })
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
        SALESFORCE.stubFor(get(urlPathMatching(API + "/query/?"))
                .willReturn(okJson("{\"totalSize\":0,\"done\":true,\"records\":[]}")));
        SALESFORCE.stubFor(post(urlPathEqualTo(API + "/sobjects/Task")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":\"00T5e00000TaskAAA\",\"success\":true,\"errors\":[]}")));
    }

    private Map<String, Object> awaitDelivery(String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> log.rows(
                "SELECT status FROM delivery WHERE sink = 'salesforce'").equals(List.of(Map.of("status", status))));
        return log.rows("SELECT status, result, attempts FROM delivery WHERE sink = 'salesforce'").get(0);
    }

    @Test
    void anAlturCallBecomesOneCompletedCallTaskOnTheLeadTheDialerCarried() {
        String body = new String(Webhooks.example("altur-on-call-end.json"), StandardCharsets.UTF_8)
                .replace("\"f_id\": \"user_12345\"", "\"f_id\": \"" + LEAD_ID + "\"");
        Answer answer = webhooks.altur(body.getBytes(StandardCharsets.UTF_8));
        assertEquals(202, answer.status());

        assertEquals("00T5e00000TaskAAA", awaitDelivery("DONE").get("result"));
        SALESFORCE.verify(1, postRequestedFor(urlPathEqualTo(API + "/sobjects/Task")).withRequestBody(equalToJson("{"
                + "\"Subject\":\"Call (altur outbound): converted\","
                + "\"TaskSubtype\":\"Call\",\"Type\":\"Call\",\"Status\":\"Completed\",\"Priority\":\"Normal\","
                + "\"CallType\":\"Outbound\",\"CallDurationInSeconds\":45,\"CallDisposition\":\"Converted\","
                + "\"CallObject\":\"altur:cll_gBoLtd02pUI50QwXkFjB\",\"ActivityDate\":\"2024-12-19\","
                + "\"Description\":\"Outcome: CONVERTED (CONNECTED)\\nRecording: "
                + "https://api.altur.io/api/v1.0/call/cll_gBoLtd02pUI50QwXkFjB/recording\","
                + "\"WhoId\":\"" + LEAD_ID + "\"}")));
        SALESFORCE.verify(1, com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathMatching(API + "/query/?")).withQueryParam("q",
                        matching("SELECT Id FROM Task WHERE CallObject = 'altur:cll_gBoLtd02pUI50QwXkFjB' LIMIT 1")));
    }

    @Test
    void aCallAlreadyLoggedInSalesforceIsNotLoggedAgain() {
        SALESFORCE.stubFor(get(urlPathMatching(API + "/query/?")).willReturn(okJson("{\"totalSize\":1,\"done\":true,"
                + "\"records\":[{\"attributes\":{\"type\":\"Task\",\"url\":\"" + API + "/sobjects/Task/00T5e00000OldAAA\"},"
                + "\"Id\":\"00T5e00000OldAAA\"}]}")));
        webhooks.callkaro(Webhooks.example("callkaro-call-ended.json"));

        assertEquals("00T5e00000OldAAA", awaitDelivery("DONE").get("result"));
        SALESFORCE.verify(0, postRequestedFor(urlPathEqualTo(API + "/sobjects/Task")));
    }

    @Test
    void aSalesforceOutageDelaysOnlySalesforce() {
        SALESFORCE.stubFor(post(urlPathEqualTo(API + "/sobjects/Task")).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"Service unavailable\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]")));
        Answer answer = webhooks.callkaro(Webhooks.example("callkaro-call-ended.json"));
        log.awaitProcessed(answer.eventId()); // the call log does not wait for Salesforce
        awaitDelivery("FAILED");

        healthySalesforce(); // Salesforce is back
        assertEquals("00T5e00000TaskAAA", awaitDelivery("DONE").get("result"));
        SALESFORCE.verify(1, postRequestedFor(urlPathEqualTo(API + "/sobjects/Task")));
    }
}
