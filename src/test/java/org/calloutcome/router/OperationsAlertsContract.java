package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.calloutcome.router.support.FakeOrg;
import org.calloutcome.router.support.FakeSalesforce;
import org.calloutcome.router.support.Outbox;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Operators are told when the pipeline itself fails: a sink failing for longer than its limit, webhooks waiting too
 * long, dead work. One mail when an incident starts and one when it is over, never one per event. The limits are
 * seconds here (fractions of a minute) and the conditions are checked every 200 ms. Runs on H2 and PostgreSQL.
 */
abstract class OperationsAlertsContract extends RouterTest {
    static final String FAST = "router.alerts.check-interval-ms=200";
    static final String SINK_LIMIT = "router.alerts.sink-failing-minutes=0.02";
    static final String BACKLOG_LIMIT = "router.alerts.backlog-age-minutes=0.02";
    static final String OPERATIONS = "router.mail.to.operations=ops@example.com";
    static final String ONE_TRY = "router.inbox.max-attempts=1";
    static final String ADMIN = "router.admin.token=" + SalesforceOrgContract.ADMIN_TOKEN;
    private static final String FAILING = "[Call Outcome Router] Failing: ";
    private static final String RESOLVED = "[Call Outcome Router] Resolved: ";

    private FakeOrg fake;
    private Outbox outbox;

    @BeforeAll
    void startOrg() {
        fake = FakeOrg.start();
    }

    @AfterAll
    void stopOrg() {
        context.stop();
        fake.stop();
    }

    @BeforeEach
    void emptyOutbox() throws Exception {
        fake.reset();
        outbox = new Outbox(context.resolvePropertyPlaceholders("{{router.mail.outbox}}"));
        outbox.empty();
    }

    private byte[] callkaro(String callId) {
        return new String(Webhooks.example("callkaro-call-ended.json"), StandardCharsets.UTF_8)
                .replace("2303fa770b666a64ab1694c1e", callId).getBytes(StandardCharsets.UTF_8);
    }

    private List<Outbox.Mail> operations(String prefix) {
        return outbox.mails(prefix).stream().filter(m -> m.to().equals("ops@example.com")).toList();
    }

    @Test
    void aSalesforceOutageLongerThanItsLimitIsOneMailAndItsEndAnother() {
        fake.server.stubFor(post(urlPathEqualTo("/services/data/v60.0/composite")).atPriority(1)
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/json")
                        .withBody("[{\"message\":\"Service unavailable\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]")));
        webhooks.callkaro(callkaro("outage-1"));
        await().atMost(Duration.ofSeconds(30)).until(() -> operations(FAILING).size() == 1);
        Outbox.Mail failing = operations(FAILING).get(0);
        assertEquals(FAILING + "the salesforce sink is failing", failing.subject());
        assertTrue(failing.text().contains("action(s) waiting for a retry; the last error's kind:"), failing.text());
        for (int i = 2; i <= 4; i++) {
            webhooks.callkaro(callkaro("outage-" + i)); // more calls in the same outage: no more mails
        }

        FakeSalesforce.answer(fake.server); // Salesforce is back
        await().atMost(Duration.ofSeconds(60)).until(() -> operations(RESOLVED).size() == 1);
        assertEquals(RESOLVED + "the salesforce sink is failing", operations(RESOLVED).get(0).subject());
        assertEquals(1, operations(FAILING).size(), "one mail for the incident, not one per call");
    }

    @Test
    void webhooksWaitingLongerThanTheLimitAreOneMailUntilProcessed() throws Exception {
        context.getRouteController().stopRoute("inbox-process");
        try {
            for (int i = 1; i <= 3; i++) {
                webhooks.callkaro(callkaro("waiting-" + i));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> operations(FAILING).size() == 1);
            Outbox.Mail failing = operations(FAILING).get(0);
            assertEquals(FAILING + "webhooks wait to be processed", failing.subject());
            assertTrue(failing.text().contains("3 accepted webhook(s) not processed yet"), failing.text());
        } finally {
            context.getRouteController().startRoute("inbox-process");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> operations(RESOLVED).size() == 1);
        assertEquals(1, operations(FAILING).size());
    }

    @Test
    void deadWorkIsOneMailUntilAPersonHasDealtWithIt() {
        // a constraint of the database's own (a DBA's check) refuses these calls' rows; one try, then DEAD
        log.execute("ALTER TABLE call_event ADD CONSTRAINT no_poison CHECK (vendor_call_id NOT LIKE 'poisoned%')");
        try {
            String first = webhooks.callkaro(callkaro("poisoned-1")).eventId();
            log.awaitStatus(first, "DEAD");
            await().atMost(Duration.ofSeconds(30)).until(() -> operations(FAILING).size() == 1);
            assertEquals(FAILING + "dead work waits for a person", operations(FAILING).get(0).subject());
            log.awaitStatus(webhooks.callkaro(callkaro("poisoned-2")).eventId(), "DEAD");
        } finally {
            log.execute("ALTER TABLE call_event DROP CONSTRAINT no_poison");
        }
        Webhooks.Answer resolved = webhooks.admin().post("/admin/inbox/resolve", "{}".getBytes(StandardCharsets.UTF_8),
                "application/json", "Authorization", "Bearer " + SalesforceOrgContract.ADMIN_TOKEN);
        assertEquals(200, resolved.status(), resolved.toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> operations(RESOLVED).size() == 1);
        assertEquals(1, operations(FAILING).size(), "the second dead event joined the open incident");
    }
}
