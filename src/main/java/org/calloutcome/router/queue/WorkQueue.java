package org.calloutcome.router.queue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.calloutcome.router.store.Retry;
import org.calloutcome.router.store.Sql;

/**
 * One durable work queue: the rows of one table, each due at {@code next_attempt_at}. A worker claims a batch of due
 * rows under its name ({@code claimed_by}) with a lease (the row is due again when it runs out); only the owner may
 * finish or fail what it still holds, so a claim taken back from a slow instance is never finished twice. A failed
 * row is due again after its backoff, or {@code DEAD} after its last attempt. Every time is the database's.
 * <p>
 * The inbox and each sink's work are such queues; nothing here knows what their rows mean.
 */
public final class WorkQueue {
    private static final String MINE = " WHERE %s = ? AND claimed_by = ? AND status = 'PROCESSING'";

    /**
     * A queue's table: its key column, the status of new rows and of finished ones, the column that records when a
     * row was finished and the one that keeps what it produced.
     */
    public record Table(String name, String key, String newStatus, String doneStatus, String doneAt, String output) {
    }

    /** A row that failed: due again after its policy's backoff, or {@code DEAD} once its attempts are spent. */
    public record Failure(Object key, int attempts, String error, Retry retry) {
    }

    /** What a {@link #fail} did with each row. */
    public record Failed(List<Failure> retried, List<Failure> died) {
    }

    private final Sql sql;
    private final Table table;
    private final String mine;

    public WorkQueue(Sql sql, Table table) {
        this.sql = sql;
        this.table = table;
        this.mine = String.format(MINE, table.key());
    }

    public Table table() {
        return table;
    }

    /**
     * Claims up to {@code limit} due rows for {@code owner} for {@code lease}, in the order {@code order} gives, and
     * returns their {@code columns}. {@code where} narrows the due rows; its parameters come first.
     */
    public <T> List<T> claim(String owner, Duration lease, int limit, String columns, String where, String order,
            Sql.RowReader<T> reader, Object... whereParameters) throws Exception {
        return claim("attempts = attempts + 1", owner, lease, limit, columns,
                (where.isEmpty() ? "" : where + " AND ") + "next_attempt_at <= CURRENT_TIMESTAMP", order, reader,
                whereParameters);
    }

    /**
     * Claims up to {@code limit} finished rows that {@code where} picks, to be done again (an operator's reprocessing),
     * as {@link #claim} does due ones: with a lease, and their first attempt.
     */
    public <T> List<T> claimFinished(String owner, Duration lease, int limit, String columns, String where,
            String order, Sql.RowReader<T> reader, Object... whereParameters) throws Exception {
        return claim("attempts = 1", owner, lease, limit, columns,
                "status = '" + table.doneStatus() + "' AND " + where, order, reader, whereParameters);
    }

    private <T> List<T> claim(String attempts, String owner, Duration lease, int limit, String columns,
            String candidates, String order, Sql.RowReader<T> reader, Object... whereParameters) throws Exception {
        String statement = sql.dialect().claim(table.name(), table.key(),
                "status = 'PROCESSING', claimed_by = ?, claimed_at = CURRENT_TIMESTAMP, " + attempts + ","
                        + " next_attempt_at = " + Sql.NOW_PLUS_SECONDS,
                "SELECT " + table.key() + " FROM " + table.name() + " WHERE " + candidates + " ORDER BY " + order
                        + " LIMIT ?",
                columns);
        List<Object> parameters = new ArrayList<>(List.of(owner, lease.toSeconds()));
        parameters.addAll(Arrays.asList(whereParameters));
        parameters.add(limit);
        return sql.claim(statement, reader, parameters.toArray());
    }

    /**
     * Marks rows finished, each with what it produced, where {@code owner} still holds them; returns those. Joins the
     * caller's transaction.
     */
    public Set<Object> finish(String owner, Map<?, String> outputs) throws SQLException {
        List<Object> keys = new ArrayList<>(outputs.keySet());
        List<Object[]> rows = new ArrayList<>();
        keys.forEach(key -> rows.add(new Object[] {outputs.get(key), key, owner}));
        int[] counts = sql.batch("UPDATE " + table.name() + " SET status = '" + table.doneStatus() + "', "
                + table.doneAt() + " = CURRENT_TIMESTAMP, " + table.output() + " = ?, last_error = NULL,"
                + " next_attempt_at = NULL" + mine, rows);
        Set<Object> owned = new LinkedHashSet<>();
        for (int i = 0; i < counts.length; i++) {
            // a driver may answer SUCCESS_NO_INFO (-2) for a batch row: it was updated
            if (counts[i] != 0) {
                owned.add(keys.get(i));
            }
        }
        return owned;
    }

    /** Records failed attempts of rows {@code owner} holds: each due again after its backoff, or dead. */
    public Failed fail(String owner, List<Failure> failures) throws SQLException {
        List<Failure> retried = new ArrayList<>();
        List<Failure> died = new ArrayList<>();
        List<Object[]> retry = new ArrayList<>();
        List<Object[]> dead = new ArrayList<>();
        for (Failure failure : failures) {
            if (failure.retry().exhausted(failure.attempts())) {
                died.add(failure);
                dead.add(new Object[] {failure.error(), null, failure.key(), owner});
            } else {
                retried.add(failure);
                retry.add(new Object[] {failure.error(), failure.retry().backoff(failure.attempts()).toSeconds(),
                        failure.key(), owner});
            }
        }
        sql.batch("UPDATE " + table.name() + " SET status = 'FAILED', last_error = ?, next_attempt_at = "
                + Sql.NOW_PLUS_SECONDS + mine, retry);
        sql.batch(deadStatement(), dead);
        return new Failed(retried, died);
    }

    /** Rows {@code owner} holds that no retry can mend, dead at once, each with its error and what it produced. */
    public void dead(String owner, List<Object[]> errorOutputAndKey) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        errorOutputAndKey.forEach(row -> rows.add(new Object[] {row[0], row[1], row[2], owner}));
        sql.batch(deadStatement(), rows);
    }

    private String deadStatement() {
        return "UPDATE " + table.name() + " SET status = 'DEAD', last_error = ?, " + table.output() + " = ?,"
                + " next_attempt_at = NULL" + mine;
    }

    /** Rows {@code owner} holds that must wait {@code delay} without spending an attempt (a paused remote system). */
    public void defer(String owner, List<?> keys, Duration delay, String reason) throws SQLException {
        sql.batch("UPDATE " + table.name() + " SET status = 'FAILED', attempts = attempts - 1, next_attempt_at = "
                + Sql.NOW_PLUS_SECONDS + ", last_error = ?" + mine,
                keys.stream().map(key -> new Object[] {delay.toSeconds(), reason, key, owner}).toList());
    }

    /** Makes the claims of {@code owner} (of every owner, when null) due now. */
    public int release(String owner) throws SQLException {
        return sql.update("UPDATE " + table.name() + " SET next_attempt_at = CURRENT_TIMESTAMP"
                + " WHERE status = 'PROCESSING'" + (owner == null ? "" : " AND claimed_by = ?"),
                owner == null ? new Object[0] : new Object[] {owner});
    }

    /**
     * Makes due now the claims of every instance but {@code self} that has not beaten in {@code instances} within
     * {@code timeout}.
     */
    public int takeBackFromSilent(String self, String instances, Duration timeout) throws SQLException {
        return sql.update("UPDATE " + table.name() + " SET next_attempt_at = CURRENT_TIMESTAMP"
                + " WHERE status = 'PROCESSING' AND next_attempt_at > CURRENT_TIMESTAMP AND claimed_by <> ?"
                + " AND NOT EXISTS (SELECT 1 FROM " + instances + " i WHERE i.instance_id = " + table.name()
                + ".claimed_by AND i.heartbeat_at > CURRENT_TIMESTAMP - CAST(? AS INTEGER) * INTERVAL '1' SECOND)",
                self, timeout.toSeconds());
    }

    /** Makes the rows {@code where} picks new again, with every attempt unspent; returns how many. */
    public int replay(String where, Object... parameters) throws SQLException {
        return sql.update("UPDATE " + table.name() + " SET status = '" + table.newStatus() + "', attempts = 0,"
                + " last_error = NULL, claimed_by = NULL, claimed_at = NULL, next_attempt_at = CURRENT_TIMESTAMP"
                + " WHERE " + where, parameters);
    }

    /** Closes the rows {@code where} picks without doing them (an operator dealt with them); returns how many. */
    public int resolve(String where, Object... parameters) throws SQLException {
        return resolve(null, where, parameters);
    }

    /** As above, keeping who resolved it and why ({@code note}, in {@code last_error}) when given. */
    public int resolve(String note, String where, Object... parameters) throws SQLException {
        List<Object> all = new ArrayList<>();
        if (note != null) {
            all.add(note);
        }
        all.addAll(List.of(parameters));
        return sql.update("UPDATE " + table.name() + " SET status = 'RESOLVED', next_attempt_at = NULL,"
                + " claimed_by = NULL" + (note != null ? ", last_error = ?" : "") + " WHERE " + where, all.toArray());
    }
}
