package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;


import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.RouterProcess;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alert mails through a real SMTP server (GreenMail, in-process). */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:h2:mem:mail-alerts;DB_CLOSE_DELAY=-1",
        "router.callkaro.token=" + Webhooks.CALLKARO_TOKEN,
        "router.clarion.token=" + Webhooks.CLARION_TOKEN,
        "router.mail.smtp-host=localhost",
        "router.mail.smtp-security=none",
        "router.mail.smtp-username=router",
        "router.mail.smtp-password=" + MailAlertsTest.PASSWORD,
        "router.mail.from=router@example.com",
        "router.mail.to=compliance@example.com",
        "router.mail.to.escalation=support@example.com",
        "router.mail.time-zone=Asia/Kolkata",
        "router.mail.first-retry-seconds=1",
        "router.mail.digest-threshold=3" })
class MailAlertsTest extends RouterTest {
    private static final int SMTP_PORT = RouterProcess.freePort();
    /** Characters that an endpoint URI would need escaped. */
    static final String PASSWORD = "pa)ss&wo%rd(+ ?";

    @BeforeAll
    void smtpPort() {
        System.setProperty("router.mail.smtp-port", String.valueOf(SMTP_PORT)); // read when the router starts
    }

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, null, ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("router@example.com", "router", PASSWORD));

    @AfterAll
    void forgetPort() {
        System.clearProperty("router.mail.smtp-port");
    }

    private static byte[] optOutCall(String callSid) {
        return Webhooks.callkaroOptOut(callSid);
    }

    private MimeMessage[] awaitMails(int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> smtp.getReceivedMessages().length >= count);
        return smtp.getReceivedMessages();
    }

    /**
     * The login (SMTP_USERNAME, SMTP_PASSWORD) is given to the component of the security in use, never written into
     * an endpoint URI, so a password with characters a URI would need escaped works as it is.
     */
    @Test
    void theLoginIsGivenToTheMailComponentOfTheSecurityInUse() {
        MailConfiguration smtp = context.getComponent("smtp", MailComponent.class).getConfiguration();
        assertEquals("router", smtp.getUsername());
        assertEquals(PASSWORD, smtp.getPassword());
        assertNull(context.getComponent("smtps", MailComponent.class).getConfiguration().getUsername(),
                "SMTP_SECURITY=none: smtps is not used");
    }

    @Test
    void anOptOutAlertSaysWhatHappenedWithTheNumberMasked() throws Exception {
        webhooks.callkaro(optOutCall("optout-1"));

        MimeMessage mail = awaitMails(1)[0];
        assertEquals("[Opt-out] CallKaro outbound call · Jatin · +91 ••• ••• 2109", mail.getSubject());
        assertEquals("compliance@example.com", mail.getAllRecipients()[0].toString());
        assertEquals("router@example.com", mail.getFrom()[0].toString());
        Multipart parts = (Multipart) mail.getContent();
        assertTrue(parts.getContentType().startsWith("multipart/alternative"), parts.getContentType());
        String text = (String) parts.getBodyPart(0).getContent();
        String html = (String) parts.getBodyPart(1).getContent();
        assertTrue(parts.getBodyPart(0).getContentType().startsWith("text/plain"));
        assertTrue(parts.getBodyPart(1).getContentType().startsWith("text/html"));
        assertTrue(text.contains("Call in CallKaro: https://callkaro.ai/dashboard/call-history?call_id=abc123"), text);
        assertTrue(html.contains("<a href=\"https://callkaro.ai/dashboard/call-history?call_id=abc123\">Call in CallKaro</a>"),
                html);
        assertTrue(text.contains("Reason given:    Customer said: do not call me again"), text);
        for (String body : List.of(text, html)) {
            assertTrue(body.contains("19 Dec 2025, 16:03 IST"), "call end in the recipients' zone:\n" + body);
            assertTrue(body.contains("Jatin (+91 ••• ••• 2109)"), body);
            assertFalse(body.contains("918765432109"), "never the full number");
            assertFalse(body.contains("Full call transcript"), "no transcript by default");
            assertTrue(body.contains("https://example.com/recording.mp3"), body);
        }
    }

    @Test
    void oneMailPerCallAndRuleWhateverTheDeliveries() throws Exception {
        byte[] call = optOutCall("optout-2");
        String eventId = webhooks.callkaro(call).eventId();
        awaitMails(1);
        webhooks.callkaro(call); // the vendor's retry
        log.reprocess(); // processed again, as after a crash
        log.awaitProcessed(eventId);
        // the mail worker runs twice more: a duplicate alert, had one been queued, would be sent by then
        NotifyBuilder twoMoreRuns = new NotifyBuilder(context).fromRoute("deliver-mail").whenCompleted(2).create();
        assertTrue(twoMoreRuns.matches(10, TimeUnit.SECONDS));
        assertEquals(List.of(Map.of("status", "DONE")), log.rows("SELECT status FROM delivery WHERE sink = 'mail'"));
        assertEquals(1, smtp.getReceivedMessages().length);
    }

    @Test
    void manyAlertsToOneRecipientAtOnceBecomeOneDigest() throws Exception {
        context.getRouteController().stopRoute("deliver-mail"); // five opt-outs arrive together
        try {
            for (int i = 1; i <= 5; i++) {
                webhooks.callkaro(optOutCall("burst-" + i));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> log.rows("SELECT COUNT(*) AS n FROM inbox"
                    + " WHERE status = 'PROCESSED'").get(0).get("n").equals("5"));
        } finally {
            context.getRouteController().startRoute("deliver-mail");
        }

        MimeMessage digest = awaitMails(1)[0];
        assertEquals("[Digest] 5 alerts: 5 opt-out", digest.getSubject());
        assertEquals("compliance@example.com", digest.getAllRecipients()[0].toString());
        String text = (String) ((Multipart) digest.getContent()).getBodyPart(0).getContent();
        assertEquals(5, text.lines().filter(line -> line.startsWith("- [Opt-out] CallKaro outbound call · Jatin ·"))
                .count(), text);
        await().atMost(Duration.ofSeconds(10)).until(() -> log.rows(
                "SELECT COUNT(*) AS n FROM delivery WHERE sink = 'mail' AND status = 'DONE'").get(0).get("n").equals("5"));
        assertEquals(1, smtp.getReceivedMessages().length, "one mail, not five");
    }

    @Test
    void anSmtpOutageDelaysTheAlertUntilTheServerIsBack() throws Exception {
        smtp.stop();
        String clarionEscalation = new String(Webhooks.example("clarion-end-of-call.json"), StandardCharsets.UTF_8)
                .replace("\"failure_reason\": null", "\"failure_reason\": \"escalated\"");
        webhooks.clarion(clarionEscalation.getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(20)).until(() -> log.rows(
                "SELECT status FROM delivery WHERE sink = 'mail'").equals(List.of(Map.of("status", "FAILED"))));

        smtp.start();
        MimeMessage mail = awaitMails(1)[0];
        assertEquals("[Escalation] Clarion outbound call · +14 ••• ••• 0123", mail.getSubject());
        assertEquals("support@example.com", mail.getAllRecipients()[0].toString());
    }
}
