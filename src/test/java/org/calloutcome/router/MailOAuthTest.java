package org.calloutcome.router;

import java.nio.file.Path;
import java.time.Duration;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.FakeExchangeOnline;
import org.calloutcome.router.support.FakeMicrosoftIdentity;
import org.calloutcome.router.support.TestKeystore;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Alerts through a Microsoft 365 tenant that has turned Basic authentication off: the router fetches a token from the
 * identity platform (HTTPS) and logs in with SASL XOAUTH2 after STARTTLS, as {@code SMTP_AUTH=oauth2} configures it.
 */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:h2:mem:mail-oauth;DB_CLOSE_DELAY=-1",
        "router.callkaro.token=" + Webhooks.CALLKARO_TOKEN,
        "router.mail.smtp-host=localhost",
        "router.mail.smtp-security=starttls",
        "router.mail.smtp-auth=oauth2",
        "router.mail.smtp-username=" + MailOAuthTest.MAILBOX,
        "router.mail.from=" + MailOAuthTest.MAILBOX,
        "router.mail.to=compliance@contoso.example",
        "router.mail.first-retry-seconds=1" })
class MailOAuthTest extends RouterTest {
    static final String MAILBOX = "alerts@contoso.example";
    private static final String[] SET = {"router.mail.smtp-port", "router.mail.trust-store",
        "router.mail.trust-store-password", "router.mail.oauth.authority", "router.mail.oauth.tenant",
        "router.mail.oauth.client-id", "router.mail.oauth.client-secret"};
    private static FakeMicrosoftIdentity identity;
    private static FakeExchangeOnline exchange;

    @BeforeAll
    void startMicrosoft365() throws Exception {
        TestKeystore tls = TestKeystore.server(Path.of("target", "mail-oauth-tls", "server.p12"));
        identity = new FakeMicrosoftIdentity(tls);
        exchange = new FakeExchangeOnline(tls.serverContext(), identity.issued::contains, MAILBOX);
        // read when the router starts
        String[] values = {String.valueOf(exchange.port()), "file:" + tls.trustStore(), tls.password(),
            identity.authority(), identity.tenant, identity.clientId, identity.clientSecret};
        for (int i = 0; i < SET.length; i++) {
            System.setProperty(SET[i], values[i]);
        }
    }

    @AfterAll
    void stopMicrosoft365() throws Exception {
        for (String key : SET) {
            System.clearProperty(key);
        }
        exchange.close();
        identity.stop();
    }

    @Test
    void anOptOutAlertIsSentWithAnOAuthTokenAfterStartTlsAsAMachinesMail() {
        webhooks.callkaro(Webhooks.callkaroOptOut("oauth-1"));

        await().atMost(Duration.ofSeconds(30)).until(() -> !exchange.received.isEmpty());
        FakeExchangeOnline.Received mail = exchange.received.get(0);
        assertEquals(MAILBOX, mail.user(), "logged in as the mailbox, with a token");
        assertTrue(exchange.mechanisms.stream().allMatch("XOAUTH2"::equals), "never a password: " + exchange.mechanisms);
        assertTrue(mail.data().contains("\r\nAuto-Submitted: auto-generated\r\n"), mail.data());
        assertTrue(mail.data().lines().anyMatch(l -> l.startsWith("Message-ID: <") && l.endsWith("@contoso.example>")),
                "the Message-ID is in the sender's domain: " + mail.data().lines().filter(l -> l.startsWith("Message"))
                        .toList());
        assertTrue(mail.data().contains("Subject: =?UTF-8?Q?[Opt-out]_CallKaro_outbound_c?="), mail.data());
        // the server has the mail before the router hears its answer and records the delivery
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertEquals("sent to compliance@contoso.example",
                log.rows("SELECT result FROM delivery WHERE sink = 'mail'").get(0).get("result")));
    }
}
