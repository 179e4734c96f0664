package org.calloutcome.router;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.calloutcome.router.support.Backlog;
import org.calloutcome.router.support.CallLog;
import org.calloutcome.router.support.FakeSalesforce;
import org.calloutcome.router.support.PostgresSchema;
import org.calloutcome.router.support.RouterProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The router is killed (SIGKILL) in the middle of a campaign's webhooks and started again, under its stable instance id
 * or, as a restarted Kubernetes pod is, under a new one: every webhook it acknowledged ends as exactly one call log row,
 * one Salesforce call Task and, for an opt-out, one alert, within 60 s of the restart. With a new id, the killed
 * instance's claims are taken back once its heartbeat is older than the timeout (15 s), not after their 300 s lease.
 * Runs the router in a process of its own on PostgreSQL, with Salesforce a fake org and alerts in an outbox folder.
 * Another instance that stays up does the same: {@link KilledInstanceTest}. {@code -Dcrash.events=N} makes a longer
 * run (scripts/crash-test.sh).
 */
class CrashRecoveryTest {
    private static final String SCHEMA = "call_router_crash";
    private static final int EVENTS = Integer.getInteger("crash.events", 2000);
    private static final Path OUTBOX = Path.of("target/crash-outbox");

    @ParameterizedTest(name = "restarted under {0} instance id")
    @ValueSource(strings = {"the same", "a new"})
    void everyAcknowledgedWebhookIsLoggedTaskedAndAlertedOnceAcrossAKill(String restartedUnder) throws Exception {
        CallLog log = new CallLog(PostgresSchema.fresh(SCHEMA));
        FakeSalesforce org = new FakeSalesforce();
        WireMockServer salesforce = org.serve();
        deleteOutbox();
        Map<String, String> settings = Backlog.routerSettings(SCHEMA, salesforce.baseUrl());
        settings.put("router.instance-id", "crash-router");
        settings.put("router.mail.outbox", OUTBOX.toString());
        RouterProcess first = new RouterProcess("crash-router-1", settings).start();
        Map<String, String> restarted = new java.util.HashMap<>(settings);
        if (restartedUnder.equals("a new")) {
            restarted.put("router.instance-id", "crash-router-pod-2");
        }
        RouterProcess second = new RouterProcess("crash-router-2", restarted);
        try {
            Backlog.Vendor vendor = new Backlog.Vendor(first.url(), 16).post(EVENTS);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
                    .until(() -> vendor.acknowledged.size() >= EVENTS * 3 / 10);
            first.kill();
            int acknowledgedBeforeTheKill = vendor.acknowledged.size();
            assertTrue(acknowledgedBeforeTheKill < EVENTS, "killed mid-load");

            vendor.routerBack(second.start().url());
            Instant back = Instant.now();
            vendor.awaitDone();
            assertEquals(EVENTS, vendor.acknowledged.size());
            Backlog.awaitAllDone(log);
            Duration recovered = Duration.between(back, Instant.now());
            assertTrue(recovered.compareTo(Duration.ofSeconds(60)) <= 0, "all done " + recovered + " after the restart");

            List<String> logged = log.rows("SELECT vendor_call_id FROM call_event").stream()
                    .map(row -> (String) row.get("vendor_call_id")).sorted().toList();
            assertEquals(vendor.acknowledged.stream().sorted().toList(), logged, "one call log row per call");
            Map<String, Long> tasks = org.created.stream().filter(FakeSalesforce::isCallTask)
                    .map(record -> record.get("CallObject").asText())
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertEquals(EVENTS, tasks.size(), "a call Task for every call");
            assertTrue(tasks.values().stream().allMatch(count -> count == 1), "and only one: " + tasks.entrySet()
                    .stream().filter(e -> e.getValue() > 1).limit(5).toList());
            long optOuts = java.util.stream.IntStream.range(0, EVENTS).filter(Backlog::optOut).count();
            assertEquals(List.of(Map.of("n", String.valueOf(optOuts))), log.rows(
                    "SELECT COUNT(DISTINCT subject_id) AS n FROM delivery WHERE sink = 'mail' AND rule = 'opt-out'"
                            + " AND status = 'DONE'"),
                    "an alert for every opt-out");
            assertEquals(optOuts, log.count("delivery WHERE sink = 'mail' AND rule = 'opt-out'"), "and only one");
            // the fake org knows nobody the calls were about: each opt-out is also an alert that it is not recorded
            assertEquals(optOuts, log.count("delivery WHERE sink = 'mail' AND rule = 'opt-out-not-recorded'"),
                    "once, across the kill");
        } finally {
            second.stop();
            first.stop();
            salesforce.stop();
        }
    }

    private static void deleteOutbox() throws Exception {
        if (Files.isDirectory(OUTBOX)) {
            try (var files = Files.list(OUTBOX)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
