package org.calloutcome.router.delivery;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.store.Retry;
import org.calloutcome.router.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable queue between routing and the sinks that call other systems. A routing rule enqueues; the sink's worker
 * claims, acts and records the outcome. Enqueueing the same (sink, rule, subject) twice is a no-op, so vendor retries
 * and reprocessing never make a sink act twice. A sink that is not configured records {@code SKIPPED}.
 */
public class Deliveries {
    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    public static final String NOT_CONFIGURED = "skipped: not configured";

    private final Sql sql;
    private final Map<String, Retry> configuredSinks;
    private final Duration lease;
    private final Map<String, Instant> pausedUntil = new ConcurrentHashMap<>();

    /** @param configuredSinks the sinks that are set up, with how each retries a failed delivery */
    public Deliveries(DataSource dataSource, Map<String, Retry> configuredSinks, Duration lease, Clock clock) {
        this.sql = new Sql(dataSource, clock);
        this.configuredSinks = configuredSinks;
        this.lease = lease;
    }

    /** Asks {@code sink} to act on the event under {@code rule}; asking again for the same subject does nothing. */
    public void enqueue(CallEvent event, String sink, String rule) throws SQLException {
        String subject = subject(event);
        String key = key(rule, event.getVendor(), event.getEventKind(), subject);
        boolean configured = configuredSinks.containsKey(sink);
        sql.insertOnce("INSERT INTO delivery (sink, delivery_key, rule, event_id, vendor, event_kind, subject_id,"
                + " status, created_at, done_at, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                sink, key, rule, UUID.fromString(event.getEventId()), event.getVendor(), event.getEventKind(), subject,
                configured ? "PENDING" : "SKIPPED", sql.now(), configured ? null : sql.now(),
                configured ? null : NOT_CONFIGURED);
    }

    /** What a delivery is about: the vendor call id, or the sequence id for a sequence. */
    public static String subject(CallEvent event) {
        return event.getVendorCallId() != null ? event.getVendorCallId() : event.getSequenceId();
    }

    /** What makes two deliveries of one sink the same work. */
    private static String key(String rule, String vendor, String eventKind, String subject) {
        return String.join("|", rule, vendor, eventKind, subject);
    }

    /**
     * Claims up to {@code limit} due deliveries of one sink, oldest first, of events whose routing is complete; none
     * while the sink is paused.
     */
    public List<Delivery> claim(String sink, int limit) throws SQLException {
        OffsetDateTime now = sql.now();
        Instant pause = pausedUntil.get(sink);
        if (pause != null && now.toInstant().isBefore(pause)) {
            return List.of();
        }
        List<Delivery> candidates = sql.query("SELECT id, sink, rule, event_id, vendor, event_kind, subject_id, attempts"
                + " FROM delivery WHERE sink = ? AND (status = 'PENDING' OR (status = 'FAILED' AND next_attempt_at <= ?)"
                + " OR (status = 'PROCESSING' AND claimed_at < ?))"
                // only once the event is fully routed: a call's actions are then claimed together
                + " AND EXISTS (SELECT 1 FROM inbox WHERE inbox.event_id = delivery.event_id"
                + " AND inbox.status = 'PROCESSED') ORDER BY id LIMIT ?",
                row -> new Delivery(row.getLong(1), row.getString(2), row.getString(3), row.getObject(4, UUID.class),
                        row.getString(5), row.getString(6), row.getString(7), row.getInt(8) + 1),
                sink, now, now.minus(lease), limit);
        List<Delivery> claimed = new ArrayList<>();
        for (Delivery delivery : candidates) {
            // the attempts condition makes the claim conditional: another worker that got there first wins
            if (sql.update("UPDATE delivery SET status = 'PROCESSING', claimed_at = ?, attempts = attempts + 1"
                    + " WHERE id = ? AND attempts = ?", now, delivery.id(), delivery.attempts() - 1) == 1) {
                claimed.add(delivery);
            }
        }
        return claimed;
    }

    /** Claims due deliveries as {@link #claim} does, grouped by subject in the order they were asked for. */
    public List<DeliveryGroup> claimGroups(String sink, int limit) throws SQLException {
        Map<String, List<Delivery>> groups = new LinkedHashMap<>();
        for (Delivery delivery : claim(sink, limit)) {
            groups.computeIfAbsent(delivery.vendor() + "|" + delivery.eventKind() + "|" + delivery.subjectId(),
                    subject -> new ArrayList<>()).add(delivery);
        }
        return groups.values().stream().map(DeliveryGroup::new).toList();
    }

    /** Records each rule's result: done, or dead when the remote system refused it. */
    public void finish(DeliveryGroup group, Map<String, ActionResult> results) throws SQLException {
        for (Delivery delivery : group.deliveries()) {
            ActionResult result = results.getOrDefault(delivery.rule(), ActionResult.done("nothing to do"));
            if (result.refusal() != null) {
                dead(delivery, result.refusal());
            } else {
                done(delivery, result.result());
            }
        }
    }

    /** What a sink recorded for a subject under a rule, once done (a Salesforce Task id, say). */
    public Optional<String> result(String sink, String rule, String vendor, String eventKind, String subjectId)
            throws SQLException {
        return sql.query("SELECT result FROM delivery WHERE sink = ? AND delivery_key = ? AND status = 'DONE'",
                row -> row.getString(1), sink, key(rule, vendor, eventKind, subjectId))
                .stream().findFirst();
    }

    public void done(Delivery delivery, String result) throws SQLException {
        sql.update("UPDATE delivery SET status = 'DONE', done_at = ?, result = ?, last_error = NULL WHERE id = ?",
                sql.now(), result, delivery.id());
    }

    /** A failure worth retrying: after a backoff, or {@code DEAD} (kept, with its error) after the last attempt. */
    public void failed(Delivery delivery, Throwable failure) throws SQLException {
        Retry retry = configuredSinks.get(delivery.sink());
        String cause = Retry.rootCause(failure).getClass().getName();
        if (retry.exhausted(delivery.attempts())) {
            LOG.error("{} delivery {} failed {} times and is now DEAD: {}", delivery.sink(), delivery.id(),
                    delivery.attempts(), cause);
            sql.update("UPDATE delivery SET status = 'DEAD', last_error = ? WHERE id = ?", Retry.describe(failure),
                    delivery.id());
            return;
        }
        Duration backoff = retry.backoff(delivery.attempts());
        LOG.warn("{} delivery {} failed (attempt {}), retrying in {} s: {}", delivery.sink(), delivery.id(),
                delivery.attempts(), backoff.toSeconds(), cause);
        sql.update("UPDATE delivery SET status = 'FAILED', last_error = ?, next_attempt_at = ? WHERE id = ?",
                Retry.describe(failure), sql.now().plus(backoff), delivery.id());
    }

    /**
     * The remote system asked us to stop for a while (a spent API allocation): the sink claims nothing until then,
     * and the delivery waits without spending an attempt.
     */
    public void pause(Delivery delivery, Instant until) throws SQLException {
        pausedUntil.put(delivery.sink(), until);
        LOG.warn("{} sink paused until {}: its API allocation is spent; deliveries wait", delivery.sink(), until);
        sql.update("UPDATE delivery SET status = 'FAILED', attempts = attempts - 1, next_attempt_at = ?,"
                + " last_error = 'paused: API allocation spent' WHERE id = ?",
                OffsetDateTime.ofInstant(until, ZoneOffset.UTC), delivery.id());
    }

    /** A failure that retrying cannot fix (the remote system refused the data): kept as {@code DEAD} at once. */
    public void dead(Delivery delivery, String error) throws SQLException {
        LOG.error("{} delivery {} refused, now DEAD", delivery.sink(), delivery.id());
        sql.update("UPDATE delivery SET status = 'DEAD', last_error = ? WHERE id = ?", error, delivery.id());
    }
}
