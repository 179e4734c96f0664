package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.calloutcome.router.support.RouterProcess;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a router's log shows of an opt-out whose call id disguises itself (a right-to-left override): the call, its id
 * made harmless, and never the customer's name, numbers or transcript. An id that would forge a log line (a line
 * break) is refused at intake, and leaves nothing of itself in the log either.
 */
class LogLinesTest {

    @Test
    void aPayloadsValuesReachTheLogHarmlessAndNeverTheCustomersNameOrNumbers() throws Exception {
        Files.deleteIfExists(Path.of("target/log-lines.log")); // the router's output of an earlier run
        Path outbox = Files.createDirectories(Path.of("target/log-lines-outbox"));
        try (var old = Files.list(outbox)) {
            for (Path mail : old.toList()) {
                Files.delete(mail);
            }
        }
        RouterProcess router = new RouterProcess("log-lines", Map.of(
                "router.db.url", "jdbc:h2:mem:log-lines",
                "router.callkaro.token", Webhooks.CALLKARO_TOKEN,
                "router.mail.outbox", outbox.toString(),
                "router.inbox.scan-interval-ms", "200")).start();
        try {
            Webhooks webhooks = new Webhooks(router.url());
            assertEquals(422, webhooks.callkaro(optOut("call-6\\n12:00:00.000 [main] INFO Admin - forged")).status());
            assertEquals(202, webhooks.callkaro(optOut("call-7\u202Etxt.exe")).status());
            await().atMost(Duration.ofSeconds(60)).until(() -> router.output().contains(" for callkaro:"));
        } finally {
            router.stop();
        }
        String log = router.output();
        assertTrue(log.contains("call-7?txt.exe"), log);
        assertFalse(log.contains("forged"), "nothing of the refused id: " + log);
        assertFalse(log.contains("\u202E"), "no right-to-left override");
        for (String secret : new String[] {"Zoë", "Quillfeather", "stop calling", "9876543210", "8765432109",
                Webhooks.CALLKARO_TOKEN}) {
            assertFalse(log.contains(secret), secret + " is in the log:\n" + log);
        }
    }

    /** CallKaro's example as an opt-out of a named customer, with the call id given as it appears in JSON. */
    private static byte[] optOut(String callSidInJson) {
        return new String(Webhooks.callkaroOptOut("placeholder-sid"), StandardCharsets.UTF_8)
                .replace("placeholder-sid", callSidInJson)
                .replace("\"Jatin\"", "\"Zoë Quillfeather\"")
                .replace("Full call transcript...", "I said stop calling me at home")
                .getBytes(StandardCharsets.UTF_8);
    }
}
