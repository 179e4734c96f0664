package org.calloutcome.router.sink;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.calloutcome.router.AdminChecks;
import org.calloutcome.router.support.FakeExchangeOnline;
import org.calloutcome.router.support.FakeMicrosoftIdentity;
import org.calloutcome.router.support.FakeSlack;
import org.calloutcome.router.support.TestKeystore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The check of every alert channel an admin runs ({@code scripts/check-alerts.sh}): a line per channel, in plain words. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertChannelsCheckTest {
    private static final String MAILBOX = "alerts@contoso.example";
    private TestKeystore tls;
    private FakeMicrosoftIdentity identity;
    private FakeExchangeOnline exchange;
    private FakeSlack slack;

    @BeforeAll
    void start() throws Exception {
        tls = TestKeystore.server(Path.of("target", "alert-check-tls", "server.p12"));
        identity = new FakeMicrosoftIdentity(tls);
        exchange = new FakeExchangeOnline(tls.serverContext(), identity.issued::contains, MAILBOX);
        slack = new FakeSlack();
    }

    @AfterAll
    void stop() throws Exception {
        exchange.close();
        identity.stop();
        slack.stop();
    }

    @BeforeEach
    void reset() {
        slack.reset();
    }

    private record Run(int status, List<String> lines) {
    }

    private Run check(String... settings) throws Exception {
        List<String> all = new ArrayList<>(List.of("router.mail.smtp-host=localhost",
                "router.mail.smtp-port=" + exchange.port(), "router.mail.smtp-security=starttls",
                "router.mail.from=" + MAILBOX, "router.mail.to.operations=ops@contoso.example",
                "router.mail.trust-store=file:" + tls.trustStore(), "router.mail.trust-store-password=" + tls.password(),
                "router.slack.webhook-url=" + slack.webhookUrl()));
        all.addAll(List.of(settings));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = AdminChecks.alerts(new PrintStream(out, true, StandardCharsets.UTF_8),
                all.toArray(String[]::new));
        return new Run(status, out.toString(StandardCharsets.UTF_8).lines().toList());
    }

    private String[] oauth(String secret) {
        return new String[] {"router.mail.smtp-auth=oauth2", "router.mail.smtp-username=" + MAILBOX,
            "router.mail.oauth.authority=" + identity.authority(), "router.mail.oauth.tenant=" + identity.tenant,
            "router.mail.oauth.client-id=" + identity.clientId, "router.mail.oauth.client-secret=" + secret};
    }

    @Test
    void everyChannelDeliversATestAlert() throws Exception {
        int before = exchange.received.size();
        Run run = check(oauth(identity.clientSecret));

        assertEquals(List.of("OK    Mail: a test alert was sent to ops@contoso.example (oauth2 login)",
                "OK    Slack: a test alert was posted", "Every configured alert channel delivered."), run.lines());
        assertEquals(0, run.status());
        assertTrue(exchange.received.get(before).data().contains("Subject: [Call Outcome Router] Test alert"));
        assertEquals(1, slack.posted.size());
    }

    @Test
    void eachChannelsFailureIsSaidInItsOwnWords() throws Exception {
        slack.revoked = true;
        Run run = check("router.mail.smtp-username=" + MAILBOX, "router.mail.smtp-password=an-old-password");

        assertEquals(1, run.status());
        assertTrue(run.lines().get(0).startsWith("FAIL  Mail: login refused: 535 5.7.139 Authentication unsuccessful,"
                + " basic authentication is disabled."), run.lines().toString());
        assertEquals("FAIL  Slack: the webhook is revoked or its channel is gone (404 no_service)", run.lines().get(1));
        assertFalse(String.join("\n", run.lines()).contains("an-old-password"));
        assertFalse(String.join("\n", run.lines()).contains("fakeWebhookSecret"), "the hook is a secret");
    }

    @Test
    void aRefusedTokenIsSaidWithTheIdentityPlatformsCodeNeverTheSecret() throws Exception {
        Run run = check(oauth("a-secret-that-expired"));

        assertTrue(run.lines().get(0).startsWith("FAIL  Mail: token refused: AADSTS7000215: Invalid client secret"),
                run.lines().toString());
        assertFalse(String.join("\n", run.lines()).contains("a-secret-that-expired"));
        assertEquals("OK    Slack: a test alert was posted", run.lines().get(1), "one channel never holds the other");
    }
}
