package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.CallLog;
import org.calloutcome.router.support.RouterProcess;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An alert the SMTP server never takes ends in the dead letter, with what the server (or its absence) said. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:h2:mem:mail-dead-letter;DB_CLOSE_DELAY=-1",
        "router.clarion.token=" + Webhooks.CLARION_TOKEN,
        "router.mail.smtp-host=localhost",
        "router.mail.smtp-security=none",
        "router.mail.first-retry-seconds=1",
        "router.mail.max-attempts=2" })
class MailDeadLetterTest {
    @BeforeAll
    static void smtpServerDown() {
        // a port nothing listens on: the SMTP server is down for good
        System.setProperty("router.mail.smtp-port", String.valueOf(RouterProcess.freePort()));
    }

    @AfterAll
    static void forgetPort() {
        System.clearProperty("router.mail.smtp-port");
    }
    @BeanInject
    CamelContext context;

    @BeanInject("dataSource")
    DataSource dataSource;

    @Test
    void anUndeliverableAlertIsKeptWithTheReason() {
        String escalation = new String(Webhooks.example("clarion-end-of-call.json"), StandardCharsets.UTF_8)
                .replace("\"failure_reason\": null", "\"failure_reason\": \"escalated\"");
        new Webhooks(context).clarion(escalation.getBytes(StandardCharsets.UTF_8));

        CallLog log = new CallLog(dataSource);
        Map<String, Object> dead = await().atMost(Duration.ofSeconds(20)).until(() -> log.rows(
                "SELECT status, attempts, last_error FROM delivery WHERE sink = 'mail'").stream().findFirst()
                .orElse(Map.of()), row -> "DEAD".equals(row.get("status")));
        assertEquals("2", dead.get("attempts"));
        assertTrue(((String) dead.get("last_error")).contains("Connection refused"),
                (String) dead.get("last_error"));
    }
}
