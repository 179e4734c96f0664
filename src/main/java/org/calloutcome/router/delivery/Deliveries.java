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
import org.calloutcome.router.queue.WorkQueue;
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
    /** Deliveries as a work queue: new ones are PENDING, finished ones DONE with what the sink recorded. */
    public static final WorkQueue.Table TABLE = new WorkQueue.Table("delivery", "id", "PENDING", "DONE", "done_at",
            "result");

    private final Sql sql;
    private final WorkQueue queue;
    private final StoredEvents stored;
    private final Map<String, Retry> configuredSinks;
    private final Duration lease;
    private final String owner;
    private final RouterMetrics metrics;
    private volatile Aftermath aftermath = Aftermath.NONE;
    private volatile AlertChannels alertChannels = AlertChannels.MAIL;

    /**
     * @param configuredSinks the sinks that are set up, with how each retries a failed delivery
     * @param owner           this instance, as named in its claims
     */
    public Deliveries(Sql sql, StoredEvents stored, Map<String, Retry> configuredSinks, Duration lease, String owner,
            RouterMetrics metrics) {
        this.metrics = metrics;
        this.sql = sql;
        this.queue = new WorkQueue(sql, TABLE);
        this.stored = stored;
        this.configuredSinks = configuredSinks;
        this.lease = lease;
        this.owner = owner;
    }

    public WorkQueue queue() {
        return queue;
    }

    /** What the end of a delivery may call for (an alert when an opt-out was not recorded). */
    public void setAftermath(Aftermath aftermath) {
        this.aftermath = aftermath;
    }

    /** Which channels each alert rule's alerts go to (mail, Slack). */
    public void setAlertChannels(AlertChannels alertChannels) {
        this.alertChannels = alertChannels;
    }

    /** What {@link #insert} stored: the configured sinks asked for work, and how many requests were new. */
    public record Queued(Set<String> sinks, int added) {
    }

    /** Stores requests (in the caller's transaction); a request asked for before is not stored again. */
    public Queued insert(List<DeliveryRequest> asked) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        Set<String> sinks = new LinkedHashSet<>();
        List<DeliveryRequest> requests = new ArrayList<>();
        for (DeliveryRequest request : asked) {
            if (request.sink().equals(AlertChannels.ALERTS)) {
                alertChannels.of(request.rule()).forEach(channel -> requests.add(new DeliveryRequest(request.event(),
                        channel, request.rule())));
            } else {
                requests.add(request);
            }
        }
        for (DeliveryRequest request : requests) {
            CallEvent event = request.event();
            String subject = event.subject();
            boolean configured = configuredSinks.containsKey(request.sink());
            if (configured) {
                sinks.add(request.sink());
            }
            rows.add(new Object[] {request.sink(),
                    DeliveryKeys.of(request.rule(), event),
                    request.rule(), UUID.fromString(event.getEventId()), event.getVendor(), event.getEventKind().id(),
                    subject, configured ? "PENDING" : "SKIPPED", configured ? null : NOT_CONFIGURED,
                    configured ? 0 : 1});
        }
        String values = "CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(500)), CAST(? AS VARCHAR(80)), CAST(? AS UUID),"
                + " CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(20)),"
                + " CAST(? AS TEXT), CAST(? AS INTEGER)";
        String columns = "sink, delivery_key, rule, event_id, vendor, event_kind, subject_id, status, result,"
                + " created_at, done_at, next_attempt_at";
        int[] counts;
        if (sql.dialect() == Dialect.POSTGRESQL) {
            counts = sql.batch("INSERT INTO delivery (" + columns + ") SELECT s, k, r, e, v, ek, sub, st, res,"
                    + " CURRENT_TIMESTAMP,"
                    + " CASE WHEN skip = 1 THEN CURRENT_TIMESTAMP END, CASE WHEN skip = 0 THEN CURRENT_TIMESTAMP END"
                    + " FROM (SELECT " + values + ") AS x (s, k, r, e, v, ek, sub, st, res, skip)"
                    + " ON CONFLICT (sink, delivery_key) DO NOTHING", rows);
        } else {
            counts = sql.batch("MERGE INTO delivery t USING (SELECT " + values + ")"
                    + " AS x (s, k, r, e, v, ek, sub, st, res, skip)"
                    + " ON t.sink = x.s AND t.delivery_key = x.k WHEN NOT MATCHED THEN INSERT (" + columns + ")"
                    + " VALUES (x.s, x.k, x.r, x.e, x.v, x.ek, x.sub, x.st, x.res, CURRENT_TIMESTAMP,"
                    + " CASE WHEN x.skip = 1 THEN CURRENT_TIMESTAMP END,"
                    + " CASE WHEN x.skip = 0 THEN CURRENT_TIMESTAMP END)", rows);
        }
        // a driver may answer SUCCESS_NO_INFO (-2) for a batch row: it was stored
        return new Queued(sinks, (int) java.util.Arrays.stream(counts).filter(count -> count != 0).count());
    }

    /**
     * Claims up to {@code limit} due deliveries of one sink, oldest first, each with its stored event; none while the
     * sink is paused.
     */
    public List<Delivery> claim(String sink, int limit) throws Exception {
        List<Delivery> claimed = new ArrayList<>(queue.claim(owner, lease, limit, COLUMNS, "sink = ? AND NOT EXISTS"
                + " (SELECT 1 FROM sink_pause p WHERE p.sink = ? AND p.paused_until > CURRENT_TIMESTAMP)",
                "next_attempt_at, id", row -> new Delivery(row.getLong(1), row.getString(2), row.getString(3),
                        row.getObject(4, UUID.class), row.getString(5), EventKind.of(row.getString(6)), row.getString(7),
                        row.getInt(8), null), sink, sink));
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
        Map<Object, String> done = new LinkedHashMap<>();
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
                        dead.add(new Object[] {result.error(), result.result(), delivery.id()});
                        deadDeliveries.add(delivery);
                        ended.add(new Aftermath.Ended(delivery, result));
                    }
                    case RETRY -> busy.put(delivery, result.error());
                    default -> {
                        done.put(delivery.id(), result.result());
                        doneDeliveries.add(delivery);
                        ended.add(new Aftermath.Ended(delivery, result));
                    }
                }
            }
        }
        Failed failed = sql.inTransaction(() -> {
            queue.finish(owner, done);
            queue.dead(owner, dead);
            Failed retried = fail(busy);
            List<Aftermath.Ended> all = new ArrayList<>(ended);
            all.addAll(retried.ended());
            insert(aftermath.after(all, this::storedKeys));
            return retried;
        });
        count(doneDeliveries, "done");
        count(deadDeliveries, "dead");
        logDead(deadDeliveries, "refused");
        report(failed, busy.isEmpty() ? null : Retry.kind(busy.values().iterator().next()));
    }

    /** What {@link #fail} did: deliveries due again after a backoff, and those that spent their last attempt. */
    private record Failed(List<Delivery> retried, Map<Delivery, String> died) {
        List<Aftermath.Ended> ended() {
            List<Aftermath.Ended> ended = new ArrayList<>();
            died.forEach((delivery, error) -> ended.add(new Aftermath.Ended(delivery, ActionResult.refused(error))));
            return ended;
        }
    }

    /** Records failed deliveries, each with its error: due again after its backoff, or dead after its last attempt. */
    private Failed fail(Map<Delivery, String> errors) throws SQLException {
        Map<Object, Delivery> byId = new HashMap<>();
        List<WorkQueue.Failure> failures = new ArrayList<>();
        errors.forEach((delivery, error) -> {
            byId.put(delivery.id(), delivery);
            failures.add(new WorkQueue.Failure(delivery.id(), delivery.attempts(), error,
                    configuredSinks.get(delivery.sink())));
        });
        WorkQueue.Failed failed = queue.fail(owner, failures);
        Map<Delivery, String> died = new LinkedHashMap<>();
        failed.died().forEach(f -> died.put(byId.get(f.key()), f.error()));
        return new Failed(failed.retried().stream().map(f -> byId.get(f.key())).toList(), died);
    }

    /** After the failures are stored: one log line for the retried, one for the dead, and their counts. */
    private void report(Failed failed, String cause) {
        if (!failed.retried().isEmpty()) {
            LOG.warn("{} {} deliveries failed, retrying after a backoff: {}", failed.retried().size(),
                    failed.retried().get(0).sink(), cause);
        }
        List<Delivery> died = new ArrayList<>(failed.died().keySet());
        count(failed.retried(), "failed");
        count(died, "dead");
        logDead(died, "failed their last attempt (" + cause + ")");
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
        Map<Object, String> done = new LinkedHashMap<>();
        deliveries.forEach(d -> done.put(d.id(), result));
        sql.inTransaction(() -> queue.finish(owner, done));
        count(deliveries, "done");
    }

    /** Failures worth retrying: each after its backoff, or {@code DEAD} (kept, with its error) after the last attempt. */
    public void failed(List<Delivery> deliveries, Throwable failure) throws Exception {
        String error = Retry.describe(failure);
        Map<Delivery, String> errors = new LinkedHashMap<>();
        deliveries.forEach(delivery -> errors.put(delivery, error));
        Failed failed = sql.inTransaction(() -> {
            Failed stored = fail(errors);
            insert(aftermath.after(stored.ended(), this::storedKeys));
            return stored;
        });
        report(failed, Retry.rootCause(failure).getClass().getName());
    }

    /**
     * The remote system asked us to stop for a while (a spent API allocation): no instance claims work for the sink
     * until then, and the deliveries wait without spending an attempt.
     */
    public void pause(String sink, List<Delivery> deliveries, Duration pause) throws Exception {
        pause(sink, deliveries, pause, "API allocation spent");
    }

    /** Pauses the sink for every instance, for {@code reason}; these deliveries wait, their attempts untouched. */
    public void pause(String sink, List<Delivery> deliveries, Duration pause, String reason) throws Exception {
        LOG.warn("{} sink paused for {} s: {}; deliveries wait", sink, pause.toSeconds(), reason);
        sql.inTransaction(() -> {
            sql.update("MERGE INTO sink_pause t USING (SELECT CAST(? AS VARCHAR(40)) AS sink) s ON t.sink = s.sink"
                    + " WHEN MATCHED THEN UPDATE SET paused_until = " + Sql.NOW_PLUS_SECONDS + ", reason = ?"
                    + " WHEN NOT MATCHED THEN INSERT (sink, paused_until, reason) VALUES (s.sink, "
                    + Sql.NOW_PLUS_SECONDS + ", ?)", sink, pause.toSeconds(), reason, pause.toSeconds(), reason);
            if (!deliveries.isEmpty()) {
                queue.defer(owner, deliveries.stream().map(Delivery::id).toList(), pause, "paused: " + reason);
            }
            return null;
        });
    }

    /** Refused data (retrying cannot fix it): kept as {@code DEAD} at once. */
    public void dead(List<Delivery> deliveries, String error) throws Exception {
        sql.inTransaction(() -> {
            queue.dead(owner, deliveries.stream().map(d -> new Object[] {error, null, d.id()}).toList());
            insert(aftermath.after(deliveries.stream()
                    .map(d -> new Aftermath.Ended(d, ActionResult.refused(error))).toList(), this::storedKeys));
            return null;
        });
        count(deliveries, "dead");
        logDead(deliveries, "refused");
    }
}
