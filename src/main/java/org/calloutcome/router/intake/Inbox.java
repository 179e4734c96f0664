package org.calloutcome.router.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

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
    private static final String UNIQUE_VIOLATION = "23505";

    public record Accepted(UUID eventId, boolean duplicate) {
    }

    public record Policy(Duration lease, Duration fastPathGrace, Duration firstRetry, Duration maxRetry,
            int maxAttempts) {
    }

    private final DataSource dataSource;
    private final Policy policy;
    private final Clock clock;

    public Inbox(DataSource dataSource, Policy policy, Clock clock) {
        this.dataSource = dataSource;
        this.policy = policy;
        this.clock = clock;
    }

    public Accepted accept(String vendor, EventKey key, String payload) throws SQLException {
        UUID eventId = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO inbox (event_id, vendor, event_kind, vendor_event_id, vendor_event_type, payload,"
                                + " received_at, status, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, 'RECEIVED', 0)")) {
            insert.setObject(1, eventId);
            insert.setString(2, vendor);
            insert.setString(3, key.kind());
            insert.setString(4, key.vendorEventId());
            insert.setString(5, key.vendorType());
            insert.setString(6, payload);
            insert.setObject(7, now());
            insert.executeUpdate();
            return new Accepted(eventId, false);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
        }
        return new Accepted(existing(vendor, key), true);
    }

    private UUID existing(String vendor, EventKey key) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT event_id FROM inbox WHERE vendor = ? AND event_kind = ? AND vendor_event_id = ?")) {
            select.setString(1, vendor);
            select.setString(2, key.kind());
            select.setString(3, key.vendorEventId());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("duplicate inbox key but no row for " + vendor + "/" + key.kind());
                }
                return rows.getObject(1, UUID.class);
            }
        }
    }

    /** Claims a row for processing; empty when it is done, not due, or another worker holds it. */
    public Optional<InboxEntry> claim(String eventId) throws SQLException {
        UUID id = UUID.fromString(eventId);
        OffsetDateTime now = now();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE inbox SET status = 'PROCESSING', claimed_at = ?, attempts = attempts + 1 WHERE event_id = ?"
                            + " AND (status = 'RECEIVED'"
                            + " OR (status = 'FAILED' AND next_attempt_at <= ?)"
                            + " OR (status = 'PROCESSING' AND claimed_at < ?))")) {
                update.setObject(1, now);
                update.setObject(2, id);
                update.setObject(3, now);
                update.setObject(4, now.minus(policy.lease()));
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT vendor, event_kind, vendor_event_id, vendor_event_type, payload, received_at, attempts"
                            + " FROM inbox WHERE event_id = ?")) {
                select.setObject(1, id);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return Optional.of(new InboxEntry(id, row.getString(1), row.getString(2), row.getString(3),
                            row.getString(4), row.getString(5), row.getObject(6, OffsetDateTime.class).toInstant(),
                            row.getInt(7)));
                }
            }
        }
    }

    public void markProcessed(String eventId) throws SQLException {
        update("UPDATE inbox SET status = 'PROCESSED', processed_at = ?, last_error = NULL WHERE event_id = ?",
                now(), UUID.fromString(eventId));
    }

    /** Records a failed attempt: retried after a backoff, or {@code DEAD} after the last attempt. */
    public void markFailed(String eventId, Throwable failure) throws SQLException {
        UUID id = UUID.fromString(eventId);
        int attempts = attempts(id);
        Throwable cause = rootCause(failure);
        String error = describe(cause);
        if (attempts >= policy.maxAttempts()) {
            LOG.error("Event {} failed {} times and is now DEAD: {}", id, attempts, cause.getClass().getName());
            update("UPDATE inbox SET status = 'DEAD', last_error = ? WHERE event_id = ?", error, id);
            return;
        }
        Duration backoff = backoff(attempts);
        LOG.warn("Event {} failed (attempt {}), retrying in {} s: {}", id, attempts, backoff.toSeconds(),
                cause.getClass().getName());
        update("UPDATE inbox SET status = 'FAILED', last_error = ?, next_attempt_at = ? WHERE event_id = ?",
                error, now().plus(backoff), id);
    }

    /** Rows that need a worker: missed by the fast path, due for a retry, or claimed by a process that died. */
    public List<String> due(int limit) throws SQLException {
        OffsetDateTime now = now();
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT event_id FROM inbox WHERE (status = 'RECEIVED' AND received_at < ?)"
                                + " OR (status = 'FAILED' AND next_attempt_at <= ?)"
                                + " OR (status = 'PROCESSING' AND claimed_at < ?)"
                                + " ORDER BY received_at LIMIT ?")) {
            select.setObject(1, now.minus(policy.fastPathGrace()));
            select.setObject(2, now);
            select.setObject(3, now.minus(policy.lease()));
            select.setInt(4, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class).toString());
                }
            }
        }
        return ids;
    }

    Duration backoff(int attempts) {
        Duration delay = policy.firstRetry().multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(policy.maxRetry()) > 0 ? policy.maxRetry() : delay;
    }

    private int attempts(UUID id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT attempts FROM inbox WHERE event_id = ?")) {
            select.setObject(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getInt(1) : 0;
            }
        }
    }

    private void update(String sql, Object... parameters) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            update.executeUpdate();
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable failure) {
        String text = failure.getClass().getName() + ": " + failure.getMessage();
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
