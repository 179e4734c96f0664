package org.calloutcome.router.intake;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.calloutcome.router.store.Retry;
import org.calloutcome.router.store.Sql;
import org.calloutcome.router.vendor.EventKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable inbox: every accepted webhook is a row here before it is answered, and stays until processed.
 * <p>
 * A unique key on (vendor, event kind, vendor event id) makes a repeated delivery a duplicate, even when two arrive
 * at once. Processing claims a row with a conditional update, so a row is worked on by one worker at a time; a claim
 * left by a crashed process expires after the lease, and failed rows are retried with exponential backoff until they
 * are marked {@code DEAD}.
 */
public class Inbox {
    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);

    public record Accepted(UUID eventId, boolean duplicate) {
    }

    /**
     * @param lease         how long a claim holds before another worker may take the row
     * @param fastPathGrace how old a new row must be before the recovery scan takes it from the fast path
     */
    public record Policy(Duration lease, Duration fastPathGrace, Retry retry) {
    }

    private final Sql sql;
    private final Policy policy;

    public Inbox(DataSource dataSource, Policy policy, Clock clock) {
        this.sql = new Sql(dataSource, clock);
        this.policy = policy;
    }

    public Accepted accept(String vendor, EventKey key, String payload) throws SQLException {
        UUID eventId = UUID.randomUUID();
        boolean inserted = sql.insertOnce("INSERT INTO inbox (event_id, vendor, event_kind, vendor_event_id,"
                + " vendor_event_type, payload, received_at, status, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, 'RECEIVED', 0)",
                eventId, vendor, key.kind(), key.vendorEventId(), key.vendorType(), payload, sql.now());
        if (inserted) {
            return new Accepted(eventId, false);
        }
        List<UUID> existing = sql.query(
                "SELECT event_id FROM inbox WHERE vendor = ? AND event_kind = ? AND vendor_event_id = ?",
                row -> row.getObject(1, UUID.class), vendor, key.kind(), key.vendorEventId());
        if (existing.isEmpty()) {
            throw new SQLException("duplicate inbox key but no row for " + vendor + "/" + key.kind());
        }
        return new Accepted(existing.get(0), true);
    }

    /** Claims a row for processing; empty when it is done, not due, or another worker holds it. */
    public Optional<InboxEntry> claim(String eventId) throws SQLException {
        UUID id = UUID.fromString(eventId);
        OffsetDateTime now = sql.now();
        int claimed = sql.update("UPDATE inbox SET status = 'PROCESSING', claimed_at = ?, attempts = attempts + 1"
                + " WHERE event_id = ? AND (status = 'RECEIVED' OR (status = 'FAILED' AND next_attempt_at <= ?)"
                + " OR (status = 'PROCESSING' AND claimed_at < ?))", now, id, now, now.minus(policy.lease()));
        if (claimed == 0) {
            return Optional.empty();
        }
        return Optional.of(entry(id));
    }

    /** The stored event, for a sink that works on it later. */
    public InboxEntry entry(UUID eventId) throws SQLException {
        return sql.query("SELECT vendor, event_kind, vendor_event_id, vendor_event_type, payload, received_at,"
                + " attempts FROM inbox WHERE event_id = ?",
                row -> new InboxEntry(eventId, row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getObject(6, OffsetDateTime.class).toInstant(), row.getInt(7)),
                eventId).stream().findFirst().orElseThrow(() -> new SQLException("no inbox row " + eventId));
    }

    public void markProcessed(String eventId) throws SQLException {
        sql.update("UPDATE inbox SET status = 'PROCESSED', processed_at = ?, last_error = NULL WHERE event_id = ?",
                sql.now(), UUID.fromString(eventId));
    }

    /** Records a failed attempt: retried after a backoff, or {@code DEAD} after the last attempt. */
    public void markFailed(String eventId, Throwable failure) throws SQLException {
        UUID id = UUID.fromString(eventId);
        int attempts = sql.query("SELECT attempts FROM inbox WHERE event_id = ?", row -> row.getInt(1), id)
                .stream().findFirst().orElse(0);
        String cause = Retry.rootCause(failure).getClass().getName();
        if (policy.retry().exhausted(attempts)) {
            LOG.error("Event {} failed {} times and is now DEAD: {}", id, attempts, cause);
            sql.update("UPDATE inbox SET status = 'DEAD', last_error = ? WHERE event_id = ?", Retry.describe(failure), id);
            return;
        }
        Duration backoff = policy.retry().backoff(attempts);
        LOG.warn("Event {} failed (attempt {}), retrying in {} s: {}", id, attempts, backoff.toSeconds(), cause);
        sql.update("UPDATE inbox SET status = 'FAILED', last_error = ?, next_attempt_at = ? WHERE event_id = ?",
                Retry.describe(failure), sql.now().plus(backoff), id);
    }

    /** Rows that need a worker: missed by the fast path, due for a retry, or claimed by a process that died. */
    public List<String> due(int limit) throws SQLException {
        OffsetDateTime now = sql.now();
        return sql.query("SELECT event_id FROM inbox WHERE (status = 'RECEIVED' AND received_at < ?)"
                + " OR (status = 'FAILED' AND next_attempt_at <= ?) OR (status = 'PROCESSING' AND claimed_at < ?)"
                + " ORDER BY received_at LIMIT ?",
                row -> row.getObject(1, UUID.class).toString(),
                now.minus(policy.fastPathGrace()), now, now.minus(policy.lease()), limit);
    }
}
