package org.calloutcome.router;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two routers share one PostgreSQL; one is killed (SIGKILL) in the middle of a campaign and never comes back. The
 * other takes back what the killed one held as soon as its heartbeat is older than the timeout (15 s), not after the
 * 300 s lease: within 60 s of the kill every acknowledged webhook has its call log row, its Salesforce Task and, for an
 * opt-out, its alert, each once.
 */
class KilledInstanceTest {
    private static final String SCHEMA = "call_router_killed";
    private static final int EVENTS = 1000;

    @Test
    void theSurvivorFinishesWhatTheKilledInstanceHeldWithinAMinute() throws Exception {
        CallLog log = new CallLog(PostgresSchema.fresh(SCHEMA));
        FakeSalesforce org = new FakeSalesforce();
        WireMockServer salesforce = org.serve();
        Map<String, String> settings = Backlog.routerSettings(SCHEMA, salesforce.baseUrl());
        Map<String, String> a = new HashMap<>(settings);
        a.put("router.instance-id", "killed-router-a");
        Map<String, String> b = new HashMap<>(settings);
        b.put("router.instance-id", "killed-router-b");
        RouterProcess killed = new RouterProcess("killed-router-a", a).start();
        RouterProcess survivor = new RouterProcess("killed-router-b", b).start();
        try {
            Backlog.Vendor vendor = new Backlog.Vendor(killed.url(), 16).post(EVENTS);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10))
                    .until(() -> vendor.acknowledged.size() >= EVENTS * 3 / 10);
            killed.kill();
            Instant kill = Instant.now();
            vendor.routerBack(survivor.url()); // the load balancer sends the rest to the survivor
            vendor.awaitDone();
            Backlog.awaitAllDone(log);
            Duration recovered = Duration.between(kill, Instant.now());
            assertTrue(recovered.compareTo(Duration.ofSeconds(60)) <= 0, "all done " + recovered + " after the kill");

            assertEquals(EVENTS, log.count("call_event"), "one call log row per call");
            Map<String, Long> tasks = org.created.stream().filter(FakeSalesforce::isCallTask)
                    .map(record -> record.get("CallObject").asText())
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertEquals(EVENTS, tasks.size(), "a call Task for every call");
            assertTrue(tasks.values().stream().allMatch(count -> count == 1), "and only one");
            long optOuts = java.util.stream.IntStream.range(0, EVENTS).filter(Backlog::optOut).count();
            assertEquals(List.of(Map.of("n", String.valueOf(optOuts))), log.rows("SELECT COUNT(*) AS n FROM delivery"
                    + " WHERE sink = 'mail' AND rule = 'opt-out' AND status = 'DONE'"), "an alert for every opt-out");
            assertTrue(log.count("inbox WHERE claimed_by = 'killed-router-b'") > 0, "the survivor did the rest");
        } finally {
            survivor.stop();
            killed.stop();
            salesforce.stop();
        }
    }
}
