package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.CallLog;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The routing rules in {@code routes/} as they are, whatever an integration engineer has made of them (the other tests
 * run on a copy of their own): they start, and they keep the promises no edit may break in the router's zero-setup
 * configuration (no Salesforce): every event is in the call log, and an opt-out tells a person by mail.
 */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        "router.db.url=jdbc:h2:mem:shipped-rules;DB_CLOSE_DELAY=-1",
        "router.mail.outbox=target/shipped-rules-outbox",
        "router.clarion.token=" + Webhooks.CLARION_TOKEN })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShippedRulesTest {
    @BeanInject
    CamelContext context;

    @BeanInject("dataSource")
    DataSource dataSource;

    @Test
    void everyEventIsInTheCallLogAndAnOptOutAlertsAPerson() throws Exception {
        CallLog log = new CallLog(dataSource);
        Webhooks webhooks = new Webhooks(context);
        String example = new String(Webhooks.example("clarion-end-of-call.json"), StandardCharsets.UTF_8);

        Webhooks.Answer resolved = webhooks.clarion(example.getBytes(StandardCharsets.UTF_8));
        Webhooks.Answer optOut = webhooks.clarion(example.replace("\"id\": 48213", "\"id\": 48299")
                .replace("\"failure_reason\": null", "\"failure_reason\": \"opt-out\"")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(202, resolved.status());
        assertEquals(202, optOut.status());
        log.awaitProcessed(resolved.eventId());
        log.awaitProcessed(optOut.eventId());

        assertEquals("RESOLVED", log.call("clarion", "48213").get("business_outcome"));
        assertEquals("OPTED_OUT", log.call("clarion", "48299").get("business_outcome"));
        List<Map<String, Object>> mails = log.rows(
                "SELECT rule FROM delivery WHERE sink = 'mail' AND vendor = 'clarion' AND subject_id = '48299'");
        assertFalse(mails.isEmpty(), "an opt-out without Salesforce alerts a person: " + log.rows(
                "SELECT sink, rule, status FROM delivery WHERE subject_id = '48299'"));
    }
}
