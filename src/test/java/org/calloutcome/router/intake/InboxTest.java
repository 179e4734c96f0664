package org.calloutcome.router.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.calloutcome.router.store.Retry;
import org.calloutcome.router.vendor.EventKey;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inbox's claim, retry and lease rules, on a real (H2) database with a clock the test moves. */
class InboxTest {
    private static final Inbox.Policy POLICY = new Inbox.Policy(Duration.ofMinutes(5), Duration.ofSeconds(5),
            new Retry(Duration.ofSeconds(5), Duration.ofMinutes(10), 3));

    private final MovableClock clock = new MovableClock();
    private Inbox inbox;
    private String eventId;

    @BeforeEach
    void inbox() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:inbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        inbox = new Inbox(dataSource, POLICY, clock);
        eventId = inbox.accept("altur", new EventKey("call-ended", "cll_1", "on_call_end"), "{}").eventId().toString();
    }

    @Test
    void aClaimedRowIsWorkedOnByOneWorkerUntilItsLeaseExpires() throws Exception {
        assertTrue(inbox.claim(eventId).isPresent());
        assertFalse(inbox.claim(eventId).isPresent(), "held by the first worker");
        clock.advance(Duration.ofMinutes(6));
        assertEquals(List.of(eventId), inbox.due(10), "a stale claim is found again");
        assertTrue(inbox.claim(eventId).isPresent());
    }

    @Test
    void aProcessedRowIsNeverClaimedAgain() throws Exception {
        inbox.claim(eventId);
        inbox.markProcessed(eventId);
        clock.advance(Duration.ofDays(1));
        assertFalse(inbox.claim(eventId).isPresent());
        assertEquals(List.of(), inbox.due(10));
    }

    @Test
    void failuresAreRetriedWithGrowingBackoffThenMarkedDead() throws Exception {
        inbox.claim(eventId);
        inbox.markFailed(eventId, new IllegalStateException("sink down"));
        assertFalse(inbox.claim(eventId).isPresent(), "not due before its backoff");
        clock.advance(Duration.ofSeconds(5));
        assertTrue(inbox.claim(eventId).isPresent(), "due after 5 s");
        inbox.markFailed(eventId, new IllegalStateException("sink down"));
        clock.advance(Duration.ofSeconds(5));
        assertFalse(inbox.claim(eventId).isPresent(), "second backoff is 10 s");
        clock.advance(Duration.ofSeconds(5));
        assertTrue(inbox.claim(eventId).isPresent());
        inbox.markFailed(eventId, new IllegalStateException("sink down"));
        clock.advance(Duration.ofDays(1));
        assertFalse(inbox.claim(eventId).isPresent(), "dead after the third attempt");
        assertEquals(List.of(), inbox.due(10));
    }

    @Test
    void backoffIsCapped() {
        assertEquals(Duration.ofSeconds(5), POLICY.retry().backoff(1));
        assertEquals(Duration.ofSeconds(40), POLICY.retry().backoff(4));
        assertEquals(Duration.ofMinutes(10), POLICY.retry().backoff(30));
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
