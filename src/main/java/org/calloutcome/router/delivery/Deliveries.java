package org.calloutcome.router.delivery;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.CallEventJson;
import org.calloutcome.router.event.EventKind;
import org.calloutcome.router.observe.RouterMetrics;
import org.calloutcome.router.store.Dialect;
import org.calloutcome.router.store.Retry;
import org.calloutcome.router.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable queue between routing and the sinks that call other systems. A routing rule asks; the request is stored
 * with the processed event, in the same transaction; the sink's worker claims a batch, acts and records each outcome.
 * Asking twice for the same (sink, rule, subject) is a no-op, so vendor retries and reprocessing never make a sink act
 * twice. A sink that is not configured records {@code SKIPPED}. Claims name their owner and expire like the inbox's; a
 * pause (a spent API allocation) is shared by every instance.
 */
public class Deliveries {
    private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);
    public static final String NOT_CONFIGURED = "skipped: not configured";
    private static final String COLUMNS = "id, sink, rule, event_id, vendor, event_kind, subject_id, attempts";
    private static final String MINE = " WHERE id = ? AND claimed_by = ? AND status = 'PROCESSING'";

    private final Sql sql;
    private final StoredEvents stored;
    private final Map<String, Retry> configuredSinks;
    private final Duration lease;
    private final String owner;
    private final RouterMetrics metrics;
    private volatile Aftermath aftermath = Aftermath.NONE;

    /**
     * @param configuredSinks the sinks that are set up, with how each retries a failed delivery
     * @param owner           this instance, as named in its claims
     */
    public Deliveries(Sql sql, StoredEvents stored, Map<String, Retry> configuredSinks, Duration lease, String owner,
            RouterMetrics metrics) {
        this.metrics = metrics;
        this.sql = sql;
        this.stored = stored;
        this.configuredSinks = configuredSinks;
        this.lease = lease;
        this.owner = owner;
    }

    /** What the end of a delivery may call for (an alert when an opt-out was not recorded). */
    public void setAftermath(Aftermath aftermath) {
        this.aftermath = aftermath;
    }

    /** Stores requests (in the caller's transaction); returns the configured sinks that got work. */
    public Set<String> insert(List<DeliveryRequest> requests) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        Set<String> sinks = new LinkedHashSet<>();
        for (DeliveryRequest request : requests) {
            CallEvent event = request.event();
            String subject = event.subject();
            boolean configured = configuredSinks.containsKey(request.sink());
            if (configured) {
                sinks.add(request.sink());
            }
            rows.add(new Object[] {request.sink(), key(request.rule(), event.getVendor(), event.getEventKind(), subject),
                    request.rule(), UUID.fromString(event.getEventId()), event.getVendor(), event.getEventKind(),
                    subject, configured ? "PENDING" : "SKIPPED", configured ? null : NOT_CONFIGURED,
                    configured ? 0 : 1});
        }
        String values = "CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(500)), CAST(? AS VARCHAR(80)), CAST(? AS UUID),"
                + " CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(20)),"
                + " CAST(? AS TEXT), CAST(? AS INTEGER)";
        String columns = "sink, delivery_key, rule, event_id, vendor, event_kind, subject_id, status, result,"
                + " created_at, done_at, next_attempt_at";
        if (sql.dialect() == Dialect.POSTGRESQL) {
            sql.batch("INSERT INTO delivery (" + columns + ") SELECT s, k, r, e, v, ek, sub, st, res, CURRENT_TIMESTAMP,"
                    + " CASE WHEN skip = 1 THEN CURRENT_TIMESTAMP END, CASE WHEN skip = 0 THEN CURRENT_TIMESTAMP END"
                    + " FROM (SELECT " + values + ") AS x (s, k, r, e, v, ek, sub, st, res, skip)"
                    + " ON CONFLICT (sink, delivery_key) DO NOTHING", rows);
        } else {
            sql.batch("MERGE INTO delivery t USING (SELECT " + values + ") AS x (s, k, r, e, v, ek, sub, st, res, skip)"
                    + " ON t.sink = x.s AND t.delivery_key = x.k WHEN NOT MATCHED THEN INSERT (" + columns + ")"
                    + " VALUES (x.s, x.k, x.r, x.e, x.v, x.ek, x.sub, x.st, x.res, CURRENT_TIMESTAMP,"
                    + " CASE WHEN x.skip = 1 THEN CURRENT_TIMESTAMP END,"
                    + " CASE WHEN x.skip = 0 THEN CURRENT_TIMESTAMP END)", rows);
        }
        return sinks;
    }

    /** What makes two deliveries of one sink the same work. */
    public static String key(String rule, String vendor, String eventKind, String subject) {
        return String.join("|", rule, vendor, eventKind, subject);
    }

    /**
     * Claims up to {@code limit} due deliveries of one sink, oldest first, each with its stored event; none while the
     * sink is paused.
     */
    public List<Delivery> claim(String sink, int limit) throws Exception {
        String statement = sql.dialect().claim("delivery", "id",
                "status = 'PROCESSING', claimed_by = ?, claimed_at = CURRENT_TIMESTAMP, attempts = attempts + 1,"
                        + " next_attempt_at = " + Sql.NOW_PLUS_SECONDS,
                "SELECT id FROM delivery WHERE sink = ? AND next_attempt_at <= CURRENT_TIMESTAMP AND NOT EXISTS"
                        + " (SELECT 1 FROM sink_pause p WHERE p.sink = ? AND p.paused_until > CURRENT_TIMESTAMP)"
                        + " ORDER BY next_attempt_at, id LIMIT ?", COLUMNS);
        List<Delivery> claimed = new ArrayList<>(sql.claim(statement, row -> new Delivery(row.getLong(1),
                row.getString(2), row.getString(3), row.getObject(4, UUID.class), row.getString(5), row.getString(6),
                row.getString(7), row.getInt(8), null), owner, lease.toSeconds(), sink, sink, limit));
        claimed.sort(java.util.Comparator.comparingLong(Delivery::id));
        return withEvents(claimed);
    }

    /** Each delivery with the event it is about, read from the inbox; one whose event is not there is retried. */
    private List<Delivery> withEvents(List<Delivery> claimed) throws Exception {
        Map<UUID, List<CallEvent>> events = new HashMap<>();
        stored.events(claimed.stream().map(Delivery::eventId).distinct().toList())
                .forEach((id, json) -> events.put(id, json == null ? List.of() : CallEventJson.read(json)));
        List<Delivery> ready = new ArrayList<>();
        List<Delivery> missing = new ArrayList<>();
        for (Delivery delivery : claimed) {
            Optional<CallEvent> event = events.getOrDefault(delivery.eventId(), List.of()).stream()
                    .filter(e -> e.getEventKind().equals(delivery.eventKind())
                            && delivery.subjectId().equals(e.subject()))
                    .findFirst();
            if (event.isPresent()) {
                ready.add(delivery.withEvent(event.get()));
            } else {
                missing.add(delivery);
            }
        }
        if (!missing.isEmpty()) {
            failed(missing, new IllegalStateException("the stored event is not there (yet)"));
        }
        return ready;
    }

    /** Claims due deliveries as {@link #claim} does, grouped by subject in the order they were asked for. */
    public List<DeliveryGroup> claimGroups(String sink, int limit) throws Exception {
        Map<String, List<Delivery>> groups = new LinkedHashMap<>();
        for (Delivery delivery : claim(sink, limit)) {
            groups.computeIfAbsent(delivery.vendor() + "|" + delivery.eventKind() + "|" + delivery.subjectId(),
                    subject -> new ArrayList<>()).add(delivery);
        }
        return groups.values().stream().map(DeliveryGroup::new).toList();
    }

    /**
     * Records each group's per-rule results in one transaction: done; dead when the remote system refused it; retried
     * alone after its backoff when only that record was busy. What their end calls for is stored with it.
     */
    public void finish(List<DeliveryGroup> groups, List<Map<String, ActionResult>> results) throws Exception {
        List<Object[]> done = new ArrayList<>();
        List<Object[]> dead = new ArrayList<>();
        List<Delivery> doneDeliveries = new ArrayList<>();
        List<Delivery> deadDeliveries = new ArrayList<>();
        List<Aftermath.Ended> ended = new ArrayList<>();
        Map<Delivery, String> busy = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++) {
            for (Delivery delivery : groups.get(i).deliveries()) {
                ActionResult result = results.get(i).getOrDefault(delivery.rule(),
                        ActionResult.refused("the sink has no action '" + delivery.rule() + "'"));
                switch (result.kind()) {
                    case REFUSED -> {
                        dead.add(new Object[] {result.error(), result.result(), delivery.id(), owner});
                        deadDeliveries.add(delivery);
                        ended.add(new Aftermath.Ended(delivery, result));
                    }
                    case RETRY -> busy.put(delivery, result.error());
                    default -> {
                        done.add(new Object[] {result.result(), delivery.id(), owner});
                        doneDeliveries.add(delivery);
                        ended.add(new Aftermath.Ended(delivery, result));
                    }
                }
            }
        }
        Retrying retrying = retrying(busy);
        ended.addAll(retrying.ended());
        sql.inTransaction(() -> {
            sql.batch(DONE, done);
            sql.batch(DEAD, dead);
            retrying.store();
            insert(aftermath.after(ended, this::storedKeys));
            return null;
        });
        count(doneDeliveries, "done");
        count(deadDeliveries, "dead");
        logDead(deadDeliveries, "refused");
        retrying.report();
    }

    /** Failed deliveries, each with its error: due again after its backoff, or dead after its last attempt. */
    private final class Retrying {
        final List<Object[]> retry = new ArrayList<>();
        final List<Object[]> dead = new ArrayList<>();
        final List<Delivery> retried = new ArrayList<>();
        final List<Delivery> died = new ArrayList<>();
        final List<Aftermath.Ended> ended = new ArrayList<>();
        String cause;

        List<Aftermath.Ended> ended() {
            return ended;
        }

        void store() throws SQLException {
            sql.batch("UPDATE delivery SET status = 'FAILED', last_error = ?, next_attempt_at = "
                    + Sql.NOW_PLUS_SECONDS + MINE, retry);
            sql.batch(DEAD, dead);
        }

        void report() {
            if (!retried.isEmpty()) {
                LOG.warn("{} {} deliveries failed, retrying after a backoff: {}", retried.size(), retried.get(0).sink(),
                        cause);
            }
            count(retried, "failed");
            count(died, "dead");
            logDead(died, "failed their last attempt (" + cause + ")");
        }
    }

    private Retrying retrying(Map<Delivery, String> errors) {
        Retrying retrying = new Retrying();
        errors.forEach((delivery, error) -> {
            Retry policy = configuredSinks.get(delivery.sink());
            if (policy.exhausted(delivery.attempts())) {
                retrying.dead.add(new Object[] {error, null, delivery.id(), owner});
                retrying.died.add(delivery);
                retrying.ended.add(new Aftermath.Ended(delivery, ActionResult.refused(error)));
            } else {
                retrying.retry.add(new Object[] {error, policy.backoff(delivery.attempts()).toSeconds(), delivery.id(),
                        owner});
                retrying.retried.add(delivery);
            }
            if (retrying.cause == null) {
                retrying.cause = Retry.kind(error);
            }
        });
        return retrying;
    }

    private Set<String> storedKeys(String sink, Collection<String> keys) throws SQLException {
        return states(sink, keys).keySet();
    }

    /** One line for the deliveries of a batch that died (their errors are in delivery.last_error). */
    private static void logDead(List<Delivery> died, String why) {
        if (!died.isEmpty()) {
            LOG.error("{} {} deliveries {}, now DEAD (delivery.last_error): ids {}", died.size(), died.get(0).sink(),
                    why, died.stream().map(Delivery::id).toList());
        }
    }

    private void count(List<Delivery> finished, String result) {
        Map<List<String>, Integer> byAction = new HashMap<>();
        finished.forEach(d -> byAction.merge(List.of(d.sink(), d.rule()), 1, Integer::sum));
        byAction.forEach((action, n) -> metrics.finished(action.get(0), action.get(1), result, n));
    }

    private static final String DONE = "UPDATE delivery SET status = 'DONE', done_at = CURRENT_TIMESTAMP, result = ?,"
            + " last_error = NULL, next_attempt_at = NULL" + MINE;
    private static final String DEAD = "UPDATE delivery SET status = 'DEAD', last_error = ?, result = ?,"
            + " next_attempt_at = NULL" + MINE;

    /** The key of the Salesforce delivery that logs an event's Task (a call's, or a sequence's summary). */
    public static String salesforceTaskKey(CallEvent event) {
        boolean sequence = EventKind.SEQUENCE_ENDED.equals(event.getEventKind());
        return key(sequence ? "log-sequence" : "log-call", event.getVendor(), event.getEventKind(), event.subject());
    }

    /** The key of the Salesforce delivery that records an event's opt-out (a call's, or a sequence's texting one). */
    public static String salesforceOptOutKey(CallEvent event) {
        boolean sequence = EventKind.SEQUENCE_ENDED.equals(event.getEventKind());
        return key(sequence ? "do-not-text" : "do-not-call", event.getVendor(), event.getEventKind(), event.subject());
    }

    /** What a sink recorded for the deliveries of these keys that are done (a Salesforce Task id, say), by key. */
    public Map<String, String> results(String sink, Collection<String> keys) throws SQLException {
        Map<String, String> results = new HashMap<>();
        if (keys.isEmpty()) {
            return results;
        }
        String statement;
        Object[] parameters;
        if (sql.dialect() == Dialect.POSTGRESQL) {
            // one probe of the unique index per key, whatever the planner estimates: with an IN list or a join, and
            // no table statistics yet (a new table, a burst), PostgreSQL read every row of the sink for each batch
            statement = "SELECT d.delivery_key, d.status, d.result FROM unnest(CAST(? AS TEXT[])) AS k (delivery_key)"
                    + " CROSS JOIN LATERAL (SELECT delivery_key, status, result FROM delivery WHERE sink = ?"
                    + " AND delivery_key = k.delivery_key LIMIT 1) AS d";
            parameters = new Object[] {keys.toArray(new String[0]), sink};
        } else {
            statement = "SELECT delivery_key, status, result FROM delivery WHERE sink = ? AND delivery_key IN ("
                    + Sql.marks(keys.size()) + ")";
            List<Object> all = new ArrayList<>(List.of(sink));
            all.addAll(keys);
            parameters = all.toArray();
        }
        sql.query(statement, row -> {
            if ("DONE".equals(row.getString(2)) && row.getString(3) != null) {
                results.put(row.getString(1), row.getString(3));
            }
            return null;
        }, parameters);
        return results;
    }

    /** The deliveries of these keys of a sink, by key, whatever their status. */
    public Map<String, DeliveryState> states(String sink, Collection<String> keys) throws SQLException {
        Map<String, DeliveryState> states = new HashMap<>();
        if (keys.isEmpty()) {
            return states;
        }
        List<Object> parameters = new ArrayList<>(List.of(sink));
        parameters.addAll(keys);
        sql.query("SELECT delivery_key, id, rule, status, result, last_error FROM delivery WHERE sink = ?"
                + " AND delivery_key IN (" + Sql.marks(keys.size()) + ")", row -> states.put(row.getString(1),
                        new DeliveryState(row.getLong(2), row.getString(3), row.getString(4), row.getString(5),
                                row.getString(6))), parameters.toArray());
        return states;
    }

    public void done(List<Delivery> deliveries, String result) throws Exception {
        sql.inTransaction(() -> sql.batch(DONE, deliveries.stream()
                .map(d -> new Object[] {result, d.id(), owner}).toList()));
        count(deliveries, "done");
    }

    /** Failures worth retrying: each after its backoff, or {@code DEAD} (kept, with its error) after the last attempt. */
    public void failed(List<Delivery> deliveries, Throwable failure) throws Exception {
        String error = Retry.describe(failure);
        Map<Delivery, String> errors = new LinkedHashMap<>();
        deliveries.forEach(delivery -> errors.put(delivery, error));
        Retrying retrying = retrying(errors);
        retrying.cause = Retry.rootCause(failure).getClass().getName();
        sql.inTransaction(() -> {
            retrying.store();
            insert(aftermath.after(retrying.ended(), this::storedKeys));
            return null;
        });
        retrying.report();
    }

    /**
     * The remote system asked us to stop for a while (a spent API allocation): no instance claims work for the sink
     * until then, and the deliveries wait without spending an attempt.
     */
    public void pause(String sink, List<Delivery> deliveries, Duration pause) throws Exception {
        LOG.warn("{} sink paused for {} s: its API allocation is spent; deliveries wait", sink, pause.toSeconds());
        sql.inTransaction(() -> {
            sql.update("MERGE INTO sink_pause t USING (SELECT CAST(? AS VARCHAR(40)) AS sink) s ON t.sink = s.sink"
                    + " WHEN MATCHED THEN UPDATE SET paused_until = " + Sql.NOW_PLUS_SECONDS + ", reason = ?"
                    + " WHEN NOT MATCHED THEN INSERT (sink, paused_until, reason) VALUES (s.sink, "
                    + Sql.NOW_PLUS_SECONDS + ", ?)", sink, pause.toSeconds(), "API allocation spent",
                    pause.toSeconds(), "API allocation spent");
            sql.batch("UPDATE delivery SET status = 'FAILED', attempts = attempts - 1, next_attempt_at = "
                    + Sql.NOW_PLUS_SECONDS + ", last_error = 'paused: API allocation spent'" + MINE,
                    deliveries.stream().map(d -> new Object[] {pause.toSeconds(), d.id(), owner}).toList());
            return null;
        });
    }

    /** Refused data (retrying cannot fix it): kept as {@code DEAD} at once. */
    public void dead(List<Delivery> deliveries, String error) throws Exception {
        sql.inTransaction(() -> {
            sql.batch(DEAD, deliveries.stream().map(d -> new Object[] {error, null, d.id(), owner}).toList());
            insert(aftermath.after(deliveries.stream()
                    .map(d -> new Aftermath.Ended(d, ActionResult.refused(error))).toList(), this::storedKeys));
            return null;
        });
        count(deliveries, "dead");
        logDead(deliveries, "refused");
    }
}
