package org.calloutcome.router;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.calloutcome.router.support.FakeExchangeOnline;
import org.calloutcome.router.support.FakeSlack;
import org.calloutcome.router.support.TestKeystore;
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
 * Slack as the second channel for alerts, independent of mail: the mail server here refuses every login (Microsoft
 * 365 with Basic authentication off, and the router still configured with a password), and the compliance alert still
 * reaches Slack, as does the operations alert that mail is failing. A revoked hook is DEAD at once; a rate limit is
 * retried. Runs on H2 and on PostgreSQL.
 */
abstract class SlackAlertsContract extends RouterTest {
    /** The configuration both databases share, besides their own database. */
    static final String MAIL = "router.mail.smtp-host=localhost";
    static final String STARTTLS = "router.mail.smtp-security=starttls";
    static final String MAILBOX = "router.mail.smtp-username=alerts@contoso.example";
    static final String REFUSED_PASSWORD = "router.mail.smtp-password=a-password-microsoft-365-refuses";
    static final String TO = "router.mail.to=compliance@contoso.example";
    static final String MAIL_RETRY = "router.mail.first-retry-seconds=60";
    static final String SLACK_RETRY = "router.slack.first-retry-seconds=1";
    static final String FAILING_AT_ONCE = "router.alerts.sink-failing-minutes=0";
    static final String CHECK_OFTEN = "router.alerts.check-interval-ms=500";

    private static final String[] SET = {"router.mail.smtp-port", "router.mail.trust-store",
        "router.mail.trust-store-password", "router.slack.webhook-url"};
    private static FakeExchangeOnline exchange;
    private static FakeSlack slack;

    @BeforeAll
    void startMailAndSlack() throws Exception {
        TestKeystore tls = TestKeystore.server(Path.of("target", "slack-alerts-tls", "server.p12"));
        exchange = new FakeExchangeOnline(tls.serverContext(), token -> false, "alerts@contoso.example");
        slack = new FakeSlack();
        String[] values = {String.valueOf(exchange.port()), "file:" + tls.trustStore(), tls.password(),
            slack.webhookUrl()};
        for (int i = 0; i < SET.length; i++) {
            System.setProperty(SET[i], values[i]); // read when the router starts
        }
    }

    @AfterAll
    void stopMailAndSlack() throws Exception {
        for (String key : SET) {
            System.clearProperty(key);
        }
        exchange.close();
        slack.stop();
    }

    @BeforeEach
    void emptySlack() {
        slack.reset();
    }

    private Map<String, Object> awaitDelivery(String sink, String callSid, String status) {
        String sql = "SELECT status, result, attempts, last_error FROM delivery WHERE sink = ? AND subject_id = ?";
        await().atMost(Duration.ofSeconds(30)).until(() -> log.rows(sql, sink, callSid).stream()
                .anyMatch(row -> status.equals(row.get("status"))));
        return log.rows(sql, sink, callSid).get(0);
    }

    @Test
    void whenTheMailServerRefusesEveryLoginTheComplianceAlertStillReachesSlack() {
        webhooks.callkaro(Webhooks.callkaroOptOut("slack-1"));

        Map<String, Object> posted = awaitDelivery("slack", "slack-1", "DONE");
        assertEquals("posted to Slack", posted.get("result"));
        String text = slack.posted.get(0).path("text").asText();
        assertTrue(text.startsWith("*[Opt-out] CallKaro outbound call · Jatin · +91 ••• ••• 2109*\n"), text);
        assertTrue(text.contains("Reason given:    Customer said: do not call me again"), text);
        assertTrue(text.contains("<https://example.com/recording.mp3|Recording>"), text);
        assertFalse(text.contains("918765432109"), "never the full number");

        Map<String, Object> mail = awaitDelivery("mail", "slack-1", "FAILED");
        assertTrue(String.valueOf(mail.get("last_error")).contains("535 5.7.139"), String.valueOf(mail.get("last_error")));
        assertTrue(exchange.received.isEmpty());
    }

    @Test
    void theOperationsAlertThatMailIsFailingGoesToSlack() {
        webhooks.callkaro(Webhooks.callkaroOptOut("slack-ops"));
        awaitDelivery("mail", "slack-ops", "FAILED");

        await().atMost(Duration.ofSeconds(30)).until(() -> slack.posted.stream().anyMatch(m -> m.path("text").asText()
                .startsWith("*[Call Outcome Router] Failing: the mail sink is failing*")));
    }

    @Test
    void aRevokedHookIsDeadAtOnceAndARateLimitIsRetried() {
        slack.revoked = true;
        webhooks.callkaro(Webhooks.callkaroOptOut("slack-2"));
        Map<String, Object> dead = awaitDelivery("slack", "slack-2", "DEAD");
        assertEquals("1", dead.get("attempts"));
        assertTrue(String.valueOf(dead.get("last_error")).startsWith("Slack refused the webhook: 404 no_service"),
                String.valueOf(dead.get("last_error")));
        assertFalse(String.valueOf(dead.get("last_error")).contains("fakeWebhookSecret"), "the hook is a secret");

        slack.revoked = false;
        slack.rateLimited.set(1);
        webhooks.callkaro(Webhooks.callkaroOptOut("slack-3"));
        assertEquals("2", awaitDelivery("slack", "slack-3", "DONE").get("attempts"), "retried after the 429");
    }
}
