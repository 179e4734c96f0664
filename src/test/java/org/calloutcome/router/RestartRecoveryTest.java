package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.apache.camel.BeanInject;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.intake.Inbox;
import org.calloutcome.router.store.Retry;
import org.calloutcome.router.vendor.EventKey;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Events an earlier run accepted but did not finish (one never started, one cut off mid-processing) are processed
 * when the router starts again.
 */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        "router.db.url=" + RestartRecoveryTest.DB_URL,
        "camel.server.port=0",
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
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        Inbox earlierRun = new Inbox(dataSource, new Inbox.Policy(Duration.ofSeconds(60), Duration.ofSeconds(5),
                new Retry(Duration.ofSeconds(5), Duration.ofMinutes(10), 10)), anHourAgo);
        try {
            String altur = new String(Webhooks.example("altur-on-call-end.json"), StandardCharsets.UTF_8);
            neverStarted = earlierRun.accept("altur", new EventKey("call-ended", "cll_gBoLtd02pUI50QwXkFjB",
                    "on_call_end"), altur).eventId().toString();
            String callkaro = new String(Webhooks.example("callkaro-call-ended.json"), StandardCharsets.UTF_8);
            cutOff = earlierRun.accept("callkaro", new EventKey("call-ended", "2303fa770b666a64ab1694c1e",
                    "call_ended"), callkaro).eventId().toString();
            earlierRun.claim(cutOff); // claimed an hour ago by a process that then died
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
    }
}
