package org.calloutcome.router.intake;

import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.calloutcome.router.store.Dialect;
import org.calloutcome.router.store.Retry;
import org.calloutcome.router.store.Sql;
import org.calloutcome.router.event.EventKind;
import org.calloutcome.router.mapping.EventKey;
import org.calloutcome.router.mapping.InboxEntry;
import org.calloutcome.router.queue.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable inbox: every accepted webhook is a row here before it is answered, and stays until processed.
 * <p>
 * A unique key on (vendor, event kind, vendor event id) makes a repeated webhook a duplicate, even when two arrive at
 * once or reach two instances. Workers claim due rows in batches; a claim names its owner and expires after the lease,
 * and only the owner may finish the rows it holds. Failed rows are retried with exponential backoff until they are
 * marked {@code DEAD}. Every time is the database's.
 */
public class Inbox {
    private static final Logger LOG = LoggerFactory.getLogger(Inbox.class);
    private static final String COLUMNS = "event_id, vendor, event_kind, vendor_event_id, vendor_event_type, payload,"
            + " received_at, attempts, account";

    /**
     * A verified webhook to store, from one of its vendor's accounts; {@code missed}: one whose webhook never arrived,
     * fetched from the platform's API by reconciliation.
     */
    public record Submission(String vendor, String account, EventKey key, String payload, boolean missed) {
        /** A webhook of the vendor's default account. */
        public Submission(String vendor, EventKey key, String payload) {
            this(vendor, "default", key, payload, false);
        }

        String via() {
            return missed ? "reconcile" : "webhook";
        }
    }

    public record Accepted(UUID eventId, boolean duplicate) {
    }

    /** @param lease how long a claim holds before another worker may take the row */
    public record Policy(Duration lease, Retry retry) {
    }

    /** The inbox as a work queue: new rows are RECEIVED, finished ones PROCESSED with their canonical events. */
    public static final WorkQueue.Table TABLE = new WorkQueue.Table("inbox", "event_id", "RECEIVED", "PROCESSED",
            "processed_at", "events");

    private final Sql sql;
    private final WorkQueue queue;
    private final Policy policy;
    private final String notifyChannel;
    private final java.util.concurrent.atomic.AtomicLong lastNotified = new java.util.concurrent.atomic.AtomicLong();

    /** @param notifyChannel the PostgreSQL channel told of new rows (other instances listen on it) */
    public Inbox(Sql sql, Policy policy, String notifyChannel) {
        this.sql = sql;
        this.queue = new WorkQueue(sql, TABLE);
        this.policy = policy;
        this.notifyChannel = notifyChannel;
    }

    public WorkQueue queue() {
        return queue;
    }

    public String notifyChannel() {
        return notifyChannel;
    }

    /**
     * Stores a batch of webhooks in one statement and one commit, each answered new or duplicate (with the id the first
     * one got). Submissions of one event within the batch are stored once.
     */
    public List<Accepted> accept(List<Submission> submissions) throws Exception {
        Map<String, UUID> proposed = new HashMap<>();
        List<Submission> distinct = new ArrayList<>();
        for (Submission submission : submissions) {
            if (proposed.putIfAbsent(identity(submission), UUID.randomUUID()) == null) {
                distinct.add(submission);
            }
        }
        // PostgreSQL stores the batch in one statement, atomic by itself; H2 in a JDBC batch, made atomic here
        Set<UUID> inserted = sql.dialect() == Dialect.POSTGRESQL ? insert(distinct, proposed)
                : sql.inTransaction(() -> insert(distinct, proposed));
        Map<String, UUID> existing = new HashMap<>();
        List<Accepted> answers = new ArrayList<>();
        Set<UUID> answeredNew = new HashSet<>();
        for (Submission submission : submissions) {
            UUID id = proposed.get(identity(submission));
            if (inserted.contains(id) && answeredNew.add(id)) {
                answers.add(new Accepted(id, false));
            } else if (inserted.contains(id)) {
                answers.add(new Accepted(id, true));
            } else {
                answers.add(new Accepted(existing.computeIfAbsent(identity(submission), k -> firstId(submission)), true));
            }
        }
        return answers;
    }

    private Set<UUID> insert(List<Submission> rows, Map<String, UUID> ids) throws SQLException {
        Set<UUID> inserted = new HashSet<>();
        if (sql.dialect() == Dialect.POSTGRESQL) {
            StringBuilder values = new StringBuilder();
            List<Object> parameters = new ArrayList<>();
            for (Submission row : rows) {
                values.append(values.isEmpty() ? "" : ", ")
                        .append("(?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP, 'RECEIVED', 0, CURRENT_TIMESTAMP, ?, ?)");
                parameters.addAll(Arrays.asList(ids.get(identity(row)), row.vendor(), row.key().kind().id(),
                        row.key().vendorEventId(), row.key().vendorType(), row.payload(), row.via(), row.account()));
            }
            // one round trip: insert what is new, tell the other instances, return the new ids. A notification
            // serializes commits, so one goes at most every 100 ms; what follows it within that time is found by the
            // workers it woke (they go on while they find work) or, at the latest, by the next scan.
            boolean notify = notifyDue();
            if (notify) {
                parameters.add(notifyChannel);
            }
            inserted.addAll(sql.query("WITH accepted AS (INSERT INTO inbox (" + INSERT_COLUMNS + ") VALUES " + values
                    + " ON CONFLICT (vendor, account, event_kind, vendor_event_id) DO NOTHING RETURNING event_id)"
                    + (notify ? " SELECT event_id, pg_notify(?, '') FROM accepted" : " SELECT event_id FROM accepted"),
                    r -> r.getObject(1, UUID.class), parameters.toArray()));
            return inserted;
        }
        List<Object[]> batch = new ArrayList<>();
        for (Submission row : rows) {
            batch.add(new Object[] {ids.get(identity(row)), row.vendor(), row.key().kind().id(),
                    row.key().vendorEventId(), row.key().vendorType(), row.payload(), row.via(), row.account()});
        }
        int[] counts = sql.batch("MERGE INTO inbox t USING (SELECT CAST(? AS UUID) AS event_id,"
                + " CAST(? AS VARCHAR(40)) AS vendor, CAST(? AS VARCHAR(40)) AS event_kind,"
                + " CAST(? AS VARCHAR(200)) AS vendor_event_id, CAST(? AS VARCHAR(80)) AS vendor_event_type,"
                + " CAST(? AS TEXT) AS payload, CAST(? AS VARCHAR(20)) AS via, CAST(? AS VARCHAR(40)) AS account) s"
                + " ON t.vendor = s.vendor AND t.account = s.account"
                + " AND t.event_kind = s.event_kind"
                + " AND t.vendor_event_id = s.vendor_event_id WHEN NOT MATCHED THEN INSERT (" + INSERT_COLUMNS + ")"
                + " VALUES (s.event_id, s.vendor, s.event_kind, s.vendor_event_id, s.vendor_event_type, s.payload,"
                + " CURRENT_TIMESTAMP, 'RECEIVED', 0, CURRENT_TIMESTAMP, s.via, s.account)", batch);
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                inserted.add((UUID) batch.get(i)[0]);
            }
        }
        return inserted;
    }

    private static final long NOTIFY_INTERVAL_NANOS = 100_000_000L;

    private boolean notifyDue() {
        long now = System.nanoTime();
        long last = lastNotified.get();
        return now - last >= NOTIFY_INTERVAL_NANOS && lastNotified.compareAndSet(last, now);
    }

    private static final String INSERT_COLUMNS = "event_id, vendor, event_kind, vendor_event_id, vendor_event_type,"
            + " payload, received_at, status, attempts, next_attempt_at, received_via, account";

    private UUID firstId(Submission submission) {
        try {
            return sql.query("SELECT event_id FROM inbox WHERE vendor = ? AND account = ? AND event_kind = ?"
                    + " AND vendor_event_id = ?", row -> row.getObject(1, UUID.class), submission.vendor(),
                    submission.account(), submission.key().kind().id(), submission.key().vendorEventId()).stream().findFirst().orElseThrow(() -> new SQLException(
                            "duplicate inbox key but no row for " + submission.vendor() + "/" + submission.key().kind()));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String identity(Submission submission) {
        return submission.vendor() + "|" + submission.account() + "|" + submission.key().kind() + "|"
                + submission.key().vendorEventId();
    }

    /**
     * Claims up to {@code limit} due rows for {@code owner}, oldest due first: new rows, failed rows whose backoff is
     * over, and rows whose owner's lease ran out (a stopped or crashed instance).
     */
    public List<InboxEntry> claim(String owner, int limit) throws Exception {
        List<InboxEntry> claimed = new ArrayList<>(queue.claim(owner, policy.lease(), limit, COLUMNS, "",
                "next_attempt_at", Inbox::entry));
        // the claim picks the longest waiting; they are processed in the order they arrived (a later webhook about a
        // call is merged after an earlier one)
        claimed.sort(java.util.Comparator.comparing(InboxEntry::receivedAt));
        return claimed;
    }

    /**
     * Takes back up to {@code limit} processed rows that {@code where} picks (payloads not redacted) for {@code owner},
     * to be processed again with today's mapping and rules, in the order they arrived.
     */
    public List<InboxEntry> claimProcessed(String owner, int limit, String where, Object... parameters)
            throws Exception {
        List<InboxEntry> claimed = new ArrayList<>(queue.claimFinished(owner, policy.lease(), limit, COLUMNS,
                "redacted_at IS NULL AND " + where, "received_at", Inbox::entry, parameters));
        claimed.sort(java.util.Comparator.comparing(InboxEntry::receivedAt));
        return claimed;
    }

    private static InboxEntry entry(java.sql.ResultSet row) throws SQLException {
        return new InboxEntry(row.getObject(1, UUID.class), row.getString(2), EventKind.of(row.getString(3)),
                row.getString(4), row.getString(5), row.getString(6), row.getObject(7, OffsetDateTime.class).toInstant(),
                row.getInt(8), row.getString(9));
    }

    /**
     * Marks rows processed, with the canonical events they produced, for the rows {@code owner} still holds; returns
     * those. Joins the caller's transaction, so that the call log and the sinks' work commit with it.
     */
    public Set<UUID> markProcessed(String owner, Map<UUID, String> eventsByRow) throws SQLException {
        Set<Object> owned = queue.finish(owner, eventsByRow);
        Set<UUID> processed = new HashSet<>();
        for (UUID id : eventsByRow.keySet()) {
            if (owned.contains(id)) {
                processed.add(id);
            } else {
                LOG.warn("Event {} was processed after its claim ran out; the new owner finishes it", id);
            }
        }
        return processed;
    }

    /** Records a failed attempt: retried after a backoff, or {@code DEAD} after the last attempt. */
    public void markFailed(String owner, InboxEntry entry, Throwable failure) throws SQLException {
        String cause = Retry.rootCause(failure).getClass().getName();
        WorkQueue.Failed failed = queue.fail(owner, List.of(new WorkQueue.Failure(entry.eventId(), entry.attempts(),
                Retry.describe(failure), policy.retry())));
        if (!failed.died().isEmpty()) {
            LOG.error("Event {} failed {} times and is now DEAD: {}", entry.eventId(), entry.attempts(), cause);
        } else {
            LOG.warn("Event {} failed (attempt {}), retrying in {} s: {}", entry.eventId(), entry.attempts(),
                    policy.retry().backoff(entry.attempts()).toSeconds(), cause);
        }
    }

    /** Which of these vendor event ids (of one vendor account and kind) the inbox holds, whatever their state. */
    public Set<String> known(String vendor, String account, EventKind kind, Collection<String> vendorEventIds)
            throws SQLException {
        Set<String> known = new HashSet<>();
        List<String> ids = new ArrayList<>(vendorEventIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            List<Object> parameters = new ArrayList<>(List.of(vendor, account, kind.id()));
            parameters.addAll(chunk);
            known.addAll(sql.query("SELECT vendor_event_id FROM inbox WHERE vendor = ? AND account = ? AND event_kind = ?"
                    + " AND vendor_event_id IN (" + Sql.marks(chunk.size()) + ")", row -> row.getString(1),
                    parameters.toArray()));
        }
        return known;
    }

    /** The canonical events stored for processed rows, as JSON arrays. */
    public Map<UUID, String> events(Collection<UUID> eventIds) throws SQLException {
        Map<UUID, String> events = new HashMap<>();
        if (eventIds.isEmpty()) {
            return events;
        }
        sql.query("SELECT event_id, events FROM inbox WHERE event_id IN (" + Sql.marks(eventIds.size()) + ")",
                row -> events.put(row.getObject(1, UUID.class), row.getString(2)), eventIds.toArray());
        return events;
    }
}
