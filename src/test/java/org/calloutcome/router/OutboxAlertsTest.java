package org.calloutcome.router;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With no SMTP server configured, alerts are written as .eml files to the outbox folder. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:h2:mem:outbox-alerts;DB_CLOSE_DELAY=-1",
        "router.mail.outbox=" + OutboxAlertsTest.OUTBOX,
        "router.clarion.token=" + Webhooks.CLARION_TOKEN,
        "router.vapi.secret=" + Webhooks.VAPI_SECRET })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboxAlertsTest {
    static final String OUTBOX = "target/outbox-alerts";

    @BeanInject
    CamelContext context;

    private static List<Path> mails() throws Exception {
        if (!Files.isDirectory(Path.of(OUTBOX))) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Path.of(OUTBOX))) {
            return files.filter(f -> f.toString().endsWith(".eml")).toList();
        }
    }

    /** Without an SMTP server the mail components have no login (camel-mail would log in with an empty one). */
    @Test
    void withoutAnSmtpServerThereIsNoLogin() {
        for (String scheme : new String[] {"smtp", "smtps"}) {
            assertNull(context.getComponent(scheme, MailComponent.class).getConfiguration().getUsername(), scheme);
            assertNull(context.getComponent(scheme, MailComponent.class).getConfiguration().getPassword(), scheme);
        }
    }

    @Test
    void anOptOutAlertIsWrittenAsAnEmlFile() throws Exception {
        for (Path old : mails()) {
            Files.delete(old);
        }
        String optOut = new String(Webhooks.example("clarion-end-of-call.json"), StandardCharsets.UTF_8)
                .replace("\"failure_reason\": null", "\"failure_reason\": \"opt-out\"");
        new Webhooks(context).clarion(optOut.getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(20)).until(() -> mails().size() == 1);
        try (InputStream in = Files.newInputStream(mails().get(0))) {
            MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()), in);
            assertEquals("[Opt-out] Clarion outbound call · +14 ••• ••• 0123", mail.getSubject());
            assertEquals("alerts@localhost", mail.getAllRecipients()[0].toString());
            Multipart parts = (Multipart) mail.getContent();
            assertEquals(2, parts.getCount(), "text and HTML");
            String text = ((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n");
            assertFalse(text.contains("Patient confirmed"), "no Clarion summary (health details) by default:\n" + text);
            assertTrue(text.contains("Outcome:         opted out\nCall:            connected\nReason given:    opt out"),
                    text);
            assertFalse(text.contains("In Salesforce"), "no empty link:\n" + text);
            assertFalse(text.contains("\n\n\n"), "no run of empty lines:\n" + text);
        }
    }

    @Test
    void anOptOutByTextMessageInASequenceAlertsToo() throws Exception {
        for (Path old : mails()) {
            Files.delete(old);
        }
        new Webhooks(context).clarion(Webhooks.example("clarion-end-of-sequence-report.json"));

        await().atMost(Duration.ofSeconds(20)).until(() -> mails().size() == 1);
        try (InputStream in = Files.newInputStream(mails().get(0))) {
            MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()), in);
            assertEquals("[Opt-out] Clarion outbound outreach sequence (opted out of text messages) · +14 ••• ••• 0123",
                    mail.getSubject());
        }
    }

    @Test
    void aVapiEscalationAlertsThroughTheSameRulesUnderTheVendorsDisplayName() throws Exception {
        for (Path old : mails()) {
            Files.delete(old);
        }
        assertEquals(202, new Webhooks(context).vapi(Webhooks.example("vapi-end-of-call-report.json")).status());

        await().atMost(Duration.ofSeconds(20)).until(() -> mails().size() == 1);
        try (InputStream in = Files.newInputStream(mails().get(0))) {
            MimeMessage mail = new MimeMessage(Session.getInstance(new Properties()), in);
            assertEquals("[Escalation] Vapi outbound call · Frédérique Ø. · +33 ••• ••• 5678", mail.getSubject());
            String text = ((String) ((Multipart) mail.getContent()).getBodyPart(0).getContent()).replace("\r\n", "\n");
            assertTrue(text.contains("Frédérique Ødegård"), text);
            assertTrue(text.contains("asked for a manager to call her"), "Vapi's summary is on by default:\n" + text);
            assertFalse(text.contains("+33612345678"), "the number is masked:\n" + text);
        }
    }
}
