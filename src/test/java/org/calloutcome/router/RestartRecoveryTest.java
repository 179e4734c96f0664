package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.event.EventKind;
import org.calloutcome.router.intake.Inbox;
import org.calloutcome.router.mapping.EventKey;
import org.calloutcome.router.store.Retry;
import org.calloutcome.router.store.Sql;
import org.calloutcome.router.support.CallLog;
import org.calloutcome.router.support.Webhooks;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Events an earlier run accepted but did not finish (one never started, one cut off mid-processing) are processed
 * when the router starts again.
 */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=" + RestartRecoveryTest.DB_URL,
        "router.mail.outbox=target/test-outbox",
        "router.inbox.lease-seconds=60" })
class RestartRecoveryTest {
    static final String DB_URL = "jdbc:h2:mem:restart-recovery;DB_CLOSE_DELAY=-1";
    static String neverStarted;
    static String cutOff;

    static {
        // What an earlier run left behind, written before this run's application starts.
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(DB_URL);
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        Sql sql = new Sql(dataSource);
        Inbox earlierRun = new Inbox(sql, new Inbox.Policy(Duration.ofSeconds(60),
                new Retry(Duration.ofSeconds(5), Duration.ofMinutes(10), 10)), "test");
        try {
            String altur = new String(Webhooks.example("altur-on-call-end.json"), StandardCharsets.UTF_8);
            String callkaro = new String(Webhooks.example("callkaro-call-ended.json"), StandardCharsets.UTF_8);
            List<Inbox.Accepted> accepted = earlierRun.accept(List.of(
                    new Inbox.Submission("altur", new EventKey(EventKind.CALL_ENDED, "cll_gBoLtd02pUI50QwXkFjB", "on_call_end"),
                            altur),
                    new Inbox.Submission("callkaro", new EventKey(EventKind.CALL_ENDED, "2303fa770b666a64ab1694c1e",
                            "call_ended"), callkaro)));
            earlierRun.claim("earlier-run", 1); // the oldest row, claimed by a process that then died
            // ... an hour ago: its lease has long run out
            sql.update("UPDATE inbox SET received_at = received_at - INTERVAL '1' HOUR,"
                    + " next_attempt_at = next_attempt_at - INTERVAL '1' HOUR");
            cutOff = sql.query("SELECT event_id FROM inbox WHERE claimed_by = 'earlier-run'",
                    row -> row.getString(1)).get(0);
            neverStarted = sql.query("SELECT event_id FROM inbox WHERE claimed_by IS NULL",
                    row -> row.getString(1)).get(0);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @BeanInject("dataSource")
    DataSource dataSource;

    @Test
    void unfinishedEventsFromTheLastRunAreProcessedAtStart() {
        CallLog log = new CallLog(dataSource);
        log.awaitProcessed(neverStarted);
        log.awaitProcessed(cutOff);
        assertEquals("CONVERTED", log.call("altur", "cll_gBoLtd02pUI50QwXkFjB").get("business_outcome"));
        assertEquals("+918765432109", log.call("callkaro", "2303fa770b666a64ab1694c1e").get("customer_number"));
        assertEquals("2", log.rows("SELECT attempts FROM inbox WHERE event_id = ?",
                java.util.UUID.fromString(cutOff)).get(0).get("attempts"), "taken over from the dead process");
    }
}
