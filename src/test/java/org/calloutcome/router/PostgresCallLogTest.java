package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.platforms.PayloadMutants;
import org.calloutcome.router.support.Webhooks;
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
        "router.mail.outbox=target/test-outbox",
        "router.altur.secret=" + Webhooks.ALTUR_SECRET,
        "router.altur.reserialized-signatures=true",
        "router.hms-sovereign.secret=" + Webhooks.HMS_SECRET,
        "router.clarion.token=" + Webhooks.CLARION_TOKEN,
        "router.callkaro.token=" + Webhooks.CALLKARO_TOKEN,
        "router.bland.secret=" + Webhooks.BLAND_SECRET,
        "router.retell.api-key=" + Webhooks.RETELL_API_KEY,
        "router.retell.reconcile=false",
        "router.elevenlabs.secret=" + Webhooks.ELEVENLABS_SECRET,
        "router.vapi.secret=" + Webhooks.VAPI_SECRET,
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
        // a constraint of the database's own (a DBA's check, a trigger) refuses this call's row
        log.execute("ALTER TABLE call_event ADD CONSTRAINT no_poison CHECK (vendor_call_id <> 'batch-poisoned')");
        try {
            String poisoned = webhooks.callkaro(template.replace("2303fa770b666a64ab1694c1e", "batch-poisoned")
                    .getBytes(StandardCharsets.UTF_8)).eventId();
            context.getRouteController().startRoute("inbox-process");

            good.forEach(log::awaitProcessed);
            await().atMost(Duration.ofSeconds(20)).until(() -> "FAILED".equals(log.inboxStatus(poisoned)));
            assertEquals(5, log.count("call_event"), "the rest of the batch is in the call log");
            assertTrue(String.valueOf(log.rows("SELECT last_error FROM inbox WHERE status = 'FAILED'").get(0)
                    .get("last_error")).contains("no_poison"), "the failure is kept with the event");
        } finally {
            log.execute("ALTER TABLE call_event DROP CONSTRAINT no_poison");
        }
    }

    @Test
    void deliveriesSkippedWhileASinkWasNotConfiguredAreSentByTheDocumentedCommand() throws Exception {
        log.awaitProcessed(webhooks.callkaro(Webhooks.example("callkaro-call-ended.json")).eventId());
        assertEquals(List.of(Map.of("status", "SKIPPED")), log.rows(
                "SELECT DISTINCT status FROM delivery WHERE sink = 'salesforce'"), "Salesforce is not configured here");
        java.time.Instant now = java.time.Instant.now();
        sendSkipped(now.minusSeconds(7200), now.minusSeconds(3600));
        assertEquals(List.of(Map.of("status", "SKIPPED")), log.rows(
                "SELECT DISTINCT status FROM delivery WHERE sink = 'salesforce'"), "outside the range: untouched");

        sendSkipped(now.minusSeconds(3600), now.plusSeconds(3600));
        assertEquals(List.of(Map.of("status", "PENDING", "attempts", "0")), log.rows(
                "SELECT DISTINCT status, attempts FROM delivery WHERE sink = 'salesforce'"), "due for the worker again");
    }

    private static void sendSkipped(java.time.Instant from, java.time.Instant to) throws Exception {
        ProcessBuilder command = new ProcessBuilder("scripts/send-skipped.sh", "salesforce", from.toString(),
                to.toString()).redirectErrorStream(true);
        command.environment().putAll(Map.of("DB_URL", "jdbc:postgresql://127.0.0.1:5432/test", "DB_USER", "postgres",
                "DB_SCHEMA", "call_router_test"));
        Process run = command.start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, run.waitFor(), output);
    }

    /** Signed mutants of every vendor example, through HTTP into PostgreSQL: refused with a 4xx, or processed. */
    @Test
    void everyAcceptedMutantIsProcessed() throws Exception {
        // example, its post, and the id that makes a mutant a new event (digits: Clarion's ids are numbers)
        record Vendor(String example, Function<byte[], Webhooks.Answer> post, String id) {
        }
        List<Vendor> vendors = List.of(
                new Vendor("altur-on-call-end.json", webhooks::altur, "cll_gBoLtd02pUI50QwXkFjB"),
                new Vendor("callkaro-call-ended.json", webhooks::callkaro, "2303fa770b666a64ab1694c1e"),
                new Vendor("clarion-end-of-call.json", webhooks::clarion, "48213"),
                new Vendor("clarion-end-of-sequence-report.json", webhooks::clarion, "9031"),
                new Vendor("hms-sovereign-end-of-call-report.json", webhooks::hms,
                        "5c4d030f-43e3-4e65-899e-8148521e660f"),
                new Vendor("bland-call-completed.json", webhooks::bland, "9d404c1b-6a23-4235-8ef5-20b6b3e2c3a0"),
                new Vendor("retell-call-analyzed.json", webhooks::retell, "Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6"),
                new Vendor("elevenlabs-post-call-transcription.json", webhooks::elevenlabs,
                        "conv_01jkq2w3e4r5t6y7u8i9o0p1a2"),
                new Vendor("vapi-end-of-call-report.json", webhooks::vapi, "6f1c2a9e-3b7d-4c21-9e5a-0d8b4f2c7a13"));
        List<String> accepted = new ArrayList<>();
        Map<Integer, Integer> answers = new TreeMap<>();
        for (Vendor vendor : vendors) {
            String example = new String(Webhooks.example(vendor.example()), StandardCharsets.UTF_8);
            for (long seed = 1; seed <= 60; seed++) {
                String fresh = example.replace(vendor.id(), vendor.id() + String.format("%03d", seed));
                Webhooks.Answer answer = vendor.post().apply(PayloadMutants.mutate(fresh, seed)
                        .getBytes(StandardCharsets.UTF_8));
                answers.merge(answer.status(), 1, Integer::sum);
                assertTrue(answer.status() < 500, vendor.example() + " mutant " + seed + ": " + answer);
                if (answer.status() == 202) {
                    accepted.add(answer.eventId());
                }
            }
        }
        assertTrue(accepted.size() > 100, "most mutants are accepted: " + answers);
        accepted.forEach(log::awaitProcessed);
        assertEquals(List.of(), log.rows("SELECT vendor, last_error FROM inbox WHERE status <> 'PROCESSED'"));
    }
}
