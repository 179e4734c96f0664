package org.calloutcome.router;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.calloutcome.router.event.EventKind;
import org.calloutcome.router.intake.Inbox;
import org.calloutcome.router.mapping.EventKey;
import org.calloutcome.router.store.Retry;
import org.calloutcome.router.store.Sql;
import org.calloutcome.router.support.Backlog;
import org.calloutcome.router.support.CallLog;
import org.calloutcome.router.support.FakeSalesforce;
import org.calloutcome.router.support.PostgresSchema;
import org.calloutcome.router.support.RouterProcess;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two routers, each in a process of its own, on one PostgreSQL drain one backlog together: each event is processed
 * once, each Salesforce action and alert is done once, and both instances do part of the work. The backlog becomes due
 * once both run, and a notification wakes both.
 */
class TwoInstancesTest {
    private static final String SCHEMA = "call_router_pair";
    private static final int EVENTS = 3000;

    @Test
    void twoInstancesShareOneBacklogAndDoEachThingOnce() throws Exception {
        DataSource database = PostgresSchema.fresh(SCHEMA);
        Flyway.configure().dataSource(database).schemas(SCHEMA).createSchemas(true)
                .locations("classpath:db/migration").load().migrate();
        Sql sql = new Sql(database);
        Inbox inbox = new Inbox(sql, new Inbox.Policy(Duration.ofMinutes(5), new Retry(Duration.ofSeconds(5),
                Duration.ofMinutes(10), 10)), "unused");
        for (int from = 0; from < EVENTS; from += 200) {
            List<Inbox.Submission> batch = new ArrayList<>();
            for (int i = from; i < Math.min(EVENTS, from + 200); i++) {
                batch.add(new Inbox.Submission("callkaro", new EventKey(EventKind.CALL_ENDED, Backlog.callSid(i), "call_ended"),
                        new String(Backlog.call(i), java.nio.charset.StandardCharsets.UTF_8)));
            }
            inbox.accept(batch);
        }
        sql.update("UPDATE inbox SET next_attempt_at = CURRENT_TIMESTAMP + INTERVAL '1' HOUR"); // not due yet

        FakeSalesforce org = new FakeSalesforce();
        WireMockServer salesforce = org.serve();
        Map<String, String> settings = Backlog.routerSettings(SCHEMA, salesforce.baseUrl());
        Map<String, String> a = new HashMap<>(settings);
        a.put("router.instance-id", "router-a");
        Map<String, String> b = new HashMap<>(settings);
        b.put("router.instance-id", "router-b");
        RouterProcess routerA = new RouterProcess("pair-router-a", a);
        RouterProcess routerB = new RouterProcess("pair-router-b", b);
        try {
            routerA.start();
            routerB.start();
            sql.update("UPDATE inbox SET next_attempt_at = CURRENT_TIMESTAMP");
            sql.query("SELECT pg_notify(?, '')", row -> null, "call_router_inbox_" + SCHEMA);

            CallLog log = new CallLog(database);
            Backlog.awaitAllDone(log);

            assertEquals(List.of(Map.of("attempts", "1", "n", String.valueOf(EVENTS))),
                    log.rows("SELECT attempts, COUNT(*) AS n FROM inbox GROUP BY attempts"), "each event processed once");
            assertEquals(EVENTS, log.count("call_event"));
            List<Map<String, Object>> byInstance = log.rows(
                    "SELECT claimed_by, COUNT(*) AS n FROM inbox GROUP BY claimed_by ORDER BY claimed_by");
            assertEquals(List.of("router-a", "router-b"), byInstance.stream().map(row -> row.get("claimed_by"))
                    .toList(), "both instances processed events: " + byInstance);
            assertEquals(List.of(Map.of("attempts", "1")), log.rows("SELECT DISTINCT attempts FROM delivery"),
                    "each Salesforce action and alert done once");
            long tasks = org.created.stream().filter(FakeSalesforce::isCallTask).count();
            assertEquals(EVENTS, tasks, "one call Task per call");
            assertEquals(EVENTS, org.created.stream().filter(FakeSalesforce::isCallTask)
                    .map(record -> record.get("CallObject").asText()).distinct().count());
            assertEquals(EVENTS / 10, log.count("delivery WHERE sink = 'mail' AND rule = 'opt-out'"),
                    "an alert per opt-out");
            // the fake org knows nobody the calls were about: each opt-out is also an alert that it is not recorded
            assertEquals(EVENTS / 10, log.count("delivery WHERE sink = 'mail' AND rule = 'opt-out-not-recorded'"));
        } finally {
            routerA.stop();
            routerB.stop();
            salesforce.stop();
        }
    }
}
