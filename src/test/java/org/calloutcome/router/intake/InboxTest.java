package org.calloutcome.router.intake;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.calloutcome.router.event.EventKind;
import org.calloutcome.router.mapping.EventKey;
import org.calloutcome.router.mapping.InboxEntry;
import org.calloutcome.router.store.Retry;
import org.calloutcome.router.store.Sql;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inbox's batch intake, claim, lease and retry rules, on a real (H2) database. Times are the database's: the test
 * moves a row's due time instead of a clock.
 */
class InboxTest {
    private static final Inbox.Policy POLICY = new Inbox.Policy(Duration.ofMinutes(5),
            new Retry(Duration.ofSeconds(5), Duration.ofMinutes(10), 3));

    private Sql sql;
    private Inbox inbox;
    private UUID eventId;

    @BeforeEach
    void inbox() throws Exception {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:inbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        sql = new Sql(dataSource);
        inbox = new Inbox(sql, POLICY, "test");
        eventId = accept("cll_1").eventId();
    }

    private Inbox.Accepted accept(String callId) throws Exception {
        return inbox.accept(List.of(submission(callId))).get(0);
    }

    private static Inbox.Submission submission(String callId) {
        return new Inbox.Submission("altur", new EventKey(EventKind.CALL_ENDED, callId, "on_call_end"), "{}");
    }

    /** As if the row's due time (retry, lease) had passed. */
    private void dueNow() throws Exception {
        sql.update("UPDATE inbox SET next_attempt_at = CURRENT_TIMESTAMP - INTERVAL '1' SECOND WHERE event_id = ?",
                eventId);
    }

    private long secondsUntilDue() throws Exception {
        return sql.query("SELECT next_attempt_at, CURRENT_TIMESTAMP FROM inbox WHERE event_id = ?",
                row -> Duration.between(row.getObject(2, OffsetDateTime.class),
                        row.getObject(1, OffsetDateTime.class)).toSeconds(), eventId).get(0);
    }

    @Test
    void aBatchOfWebhooksIsStoredOnceEachAndRepeatsAreAnsweredWithTheFirstId() throws Exception {
        List<Inbox.Accepted> answers = inbox.accept(List.of(submission("cll_2"), submission("cll_1"),
                submission("cll_2"), submission("cll_3")));
        assertFalse(answers.get(0).duplicate());
        assertEquals(new Inbox.Accepted(eventId, true), answers.get(1), "stored by an earlier batch");
        assertEquals(new Inbox.Accepted(answers.get(0).eventId(), true), answers.get(2), "twice in one batch");
        assertFalse(answers.get(3).duplicate());
        assertEquals(3, sql.query("SELECT COUNT(*) FROM inbox", row -> row.getInt(1)).get(0));
    }

    @Test
    void workersClaimDueRowsInBatchesOldestFirst() throws Exception {
        for (int i = 2; i <= 5; i++) {
            accept("cll_" + i);
        }
        sql.update("UPDATE inbox SET next_attempt_at = next_attempt_at - INTERVAL '1' MINUTE"
                + " WHERE vendor_event_id = 'cll_4'"); // waiting longest
        List<InboxEntry> first = inbox.claim("worker-a", 2);
        assertEquals(2, first.size());
        assertTrue(first.stream().anyMatch(entry -> entry.vendorEventId().equals("cll_4")), "the longest waiting first");
        assertEquals(1, first.get(0).attempts());
        List<InboxEntry> second = inbox.claim("worker-b", 5);
        assertEquals(3, second.size());
        assertTrue(second.stream().noneMatch(entry -> first.stream()
                .anyMatch(taken -> taken.eventId().equals(entry.eventId()))), "rows held by worker-a are not taken");
    }

    @Test
    void aClaimIsTheOwnersUntilItsLeaseRunsOut() throws Exception {
        assertEquals(1, inbox.claim("instance-a", 10).size());
        assertEquals(List.of(), inbox.claim("instance-b", 10), "held by instance-a");
        assertTrue(secondsUntilDue() > 290, "the lease is five minutes");
        dueNow(); // instance-a stopped: its lease ran out
        assertEquals(1, inbox.claim("instance-b", 10).size());
        assertEquals(Set.of(), inbox.markProcessed("instance-a", Map.of(eventId, "[]")),
                "instance-a can no longer finish the row instance-b holds");
        assertEquals(Set.of(eventId), inbox.markProcessed("instance-b", Map.of(eventId, "[]")));
    }

    @Test
    void aProcessedRowIsNeverClaimedAgain() throws Exception {
        inbox.claim("worker", 10);
        inbox.markProcessed("worker", Map.of(eventId, "[]"));
        assertEquals(List.of(), inbox.claim("worker", 10));
        assertEquals("PROCESSED", sql.query("SELECT status FROM inbox", row -> row.getString(1)).get(0));
    }

    @Test
    void failuresAreRetriedWithGrowingBackoffThenMarkedDead() throws Exception {
        InboxEntry entry = inbox.claim("worker", 10).get(0);
        inbox.markFailed("worker", entry, new IllegalStateException("sink down"));
        assertEquals(List.of(), inbox.claim("worker", 10), "not due before its backoff");
        assertTrue(Math.abs(secondsUntilDue() - 5) <= 1, "first backoff 5 s");
        dueNow();
        entry = inbox.claim("worker", 10).get(0);
        inbox.markFailed("worker", entry, new IllegalStateException("sink down"));
        assertTrue(Math.abs(secondsUntilDue() - 10) <= 1, "second backoff 10 s");
        dueNow();
        entry = inbox.claim("worker", 10).get(0);
        assertEquals(3, entry.attempts());
        inbox.markFailed("worker", entry, new IllegalStateException("sink down"));
        assertEquals(List.of("DEAD"), sql.query("SELECT status FROM inbox", row -> row.getString(1)));
        assertEquals(List.of(), inbox.claim("worker", 10), "dead after the third attempt");
    }

    @Test
    void backoffIsCapped() {
        assertEquals(Duration.ofSeconds(5), POLICY.retry().backoff(1));
        assertEquals(Duration.ofSeconds(40), POLICY.retry().backoff(4));
        assertEquals(Duration.ofMinutes(10), POLICY.retry().backoff(30));
    }
}
