package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The call log contract on PostgreSQL (127.0.0.1:5432, database test), in a schema of its own. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:postgresql://127.0.0.1:5432/test",
        "router.db.user=postgres",
        "router.db.schema=call_router_test",
        "camel.server.port=0",
        "router.mail.outbox=target/test-outbox",
        "router.altur.secret=" + Webhooks.ALTUR_SECRET,
        "router.hms-sovereign.secret=" + Webhooks.HMS_SECRET,
        "router.clarion.token=" + Webhooks.CLARION_TOKEN,
        "router.callkaro.token=" + Webhooks.CALLKARO_TOKEN,
        "router.max-body-bytes=65536",
        "router.inbox.scan-interval-ms=200",
        "router.inbox.first-retry-seconds=1" })
class PostgresCallLogTest extends CallLogContract {

    @Test
    void aRowThatCannotBeWrittenIsSetApartAndTheRestOfItsBatchIsProcessed() throws Exception {
        String template = new String(Webhooks.example("callkaro-call-ended.json"), StandardCharsets.UTF_8);
        context.getRouteController().stopRoute("inbox-process"); // the six arrive together and are claimed together
        List<String> good = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            good.add(webhooks.callkaro(template.replace("2303fa770b666a64ab1694c1e", "batch-" + i)
                    .getBytes(StandardCharsets.UTF_8)).eventId());
        }
        // valid JSON, but PostgreSQL stores no NUL character in text: this call's row cannot be written
        String poisoned = webhooks.callkaro(template.replace("2303fa770b666a64ab1694c1e", "batch-poisoned")
                .replace("Customer requested callback", "Customer requested\\u0000callback")
                .getBytes(StandardCharsets.UTF_8)).eventId();
        context.getRouteController().startRoute("inbox-process");

        good.forEach(log::awaitProcessed);
        await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(log.inboxStatus(poisoned)));
        assertEquals(5, log.count("call_event"), "the rest of the batch is in the call log");
        assertTrue(String.valueOf(log.rows("SELECT last_error FROM inbox WHERE status = 'FAILED'").get(0)
                .get("last_error")).contains("0x00"), "the failure is kept with the event");
    }
}
