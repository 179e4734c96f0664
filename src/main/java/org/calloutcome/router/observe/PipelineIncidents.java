package org.calloutcome.router.observe;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.Body;
import org.calloutcome.router.store.Retry;
import org.calloutcome.router.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells operators when the pipeline itself is failing, not only shows it: a sink whose work has been failing (or
 * paused) for longer than {@code router.alerts.sink-failing-minutes}, an unprocessed webhook older than
 * {@code router.alerts.backlog-age-minutes}, and dead work (events or sink actions) waiting for a person. Each incident
 * is one mail when it starts and one when it is over, never one per event, and one across all instances: the incident
 * rows live in the database, and times are the database's.
 */
public final class PipelineIncidents {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineIncidents.class);
    static final String BACKLOG = "inbox-backlog";
    static final String DEAD = "dead-work";

    /** A condition as checked now: whether it holds, how long it must hold before a mail, and what to say. */
    private record Condition(String incident, boolean holds, Duration grace, String title, String detail,
            String todo) {
    }

    private final Sql sql;
    private final List<String> sinks;
    private final Duration sinkFailing;
    private final Duration backlogAge;
    private final String to;
    private final String from;

    /**
     * @param sinks       the sinks that are configured (salesforce, mail)
     * @param sinkFailing how long a sink fails before a mail
     * @param backlogAge  how old the oldest unprocessed webhook may get
     */
    public PipelineIncidents(Sql sql, List<String> sinks, Duration sinkFailing, Duration backlogAge, String to,
            String from) {
        this.sql = sql;
        this.sinks = sinks;
        this.sinkFailing = sinkFailing;
        this.backlogAge = backlogAge;
        this.to = to;
        this.from = from;
    }

    /** The mails due now: incidents that have just started, or are just over. */
    public List<Map<String, Object>> check() throws SQLException {
        List<Map<String, Object>> mails = new ArrayList<>();
        for (Condition condition : conditions()) {
            if (condition.holds()) {
                if (opened(condition)) {
                    mails.add(mail(condition, false));
                }
            } else if (closed(condition)) {
                mails.add(mail(condition, true));
            }
        }
        return mails;
    }

    /** A mail that could not be sent: its incident is announced again at the next check. */
    public void unsent(@Body Map<String, Object> mail) throws SQLException {
        if (!(Boolean) mail.get("recovered")) {
            sql.update("UPDATE operations_incident SET notified_at = NULL WHERE incident = ?", mail.get("incident"));
        }
        LOG.error("Operations mail \"{}\" could not be sent", mail.get("subject"));
    }

    public void sent(@Body Map<String, Object> mail) {
        LOG.warn("Operations mail \"{}\" sent to {}", mail.get("subject"), mail.get("to"));
    }

    private List<Condition> conditions() throws SQLException {
        List<Condition> conditions = new ArrayList<>();
        for (String sink : sinks) {
            Object[] failing = sql.query("SELECT COUNT(*), MAX(last_error) FROM delivery WHERE sink = ?"
                    + " AND status = 'FAILED'", row -> new Object[] {row.getLong(1), row.getString(2)}, sink).get(0);
            long waiting = (Long) failing[0];
            conditions.add(new Condition("sink-failing:" + sink, waiting > 0, sinkFailing,
                    "the " + sink + " sink is failing",
                    waiting + " " + sink + " action(s) waiting for a retry; the last error's kind: "
                            + Retry.kind((String) failing[1]) + ".",
                    "Look at /observe/health (sink-" + sink + ") and at the failed work: scripts/admin.sh dead."
                            + " Webhooks are still taken and stored; the work is done once the " + sink
                            + " sink answers again."));
        }
        Object[] backlog = sql.query("SELECT COUNT(*), MIN(received_at), CURRENT_TIMESTAMP FROM inbox"
                + " WHERE status IN ('RECEIVED', 'PROCESSING', 'FAILED')", row -> new Object[] {row.getLong(1),
                        row.getTimestamp(2), row.getTimestamp(3)}).get(0);
        long age = backlog[1] == null ? 0 : Duration.between(((Timestamp) backlog[1]).toInstant(),
                ((Timestamp) backlog[2]).toInstant()).toSeconds();
        conditions.add(new Condition(BACKLOG, backlog[1] != null && age > backlogAge.toSeconds(), Duration.ZERO,
                "webhooks wait to be processed",
                backlog[0] + " accepted webhook(s) not processed yet; the oldest arrived " + age + " s ago.",
                "Check that a router instance runs and its inbox workers are not failing (/observe/health,"
                        + " router_inbox_backlog); scripts/admin.sh dead lists events that failed."));
        long dead = sql.query("SELECT (SELECT COUNT(*) FROM inbox WHERE status = 'DEAD')"
                + " + (SELECT COUNT(*) FROM delivery WHERE status = 'DEAD')", row -> row.getLong(1)).get(0);
        conditions.add(new Condition(DEAD, dead > 0, Duration.ZERO, "dead work waits for a person",
                dead + " event(s) or sink action(s) are DEAD: they will not be retried by themselves.",
                "scripts/admin.sh dead shows each with its error; fix the cause, then replay (scripts/admin.sh replay"
                        + " <id>) or resolve it. This incident is over when no dead work is left."));
        return conditions;
    }

    /** Records the condition; true when this instance is the one to announce it (it has held for its grace). */
    private boolean opened(Condition condition) throws SQLException {
        sql.update("MERGE INTO operations_incident t USING (SELECT CAST(? AS VARCHAR(80)) AS incident) s"
                + " ON t.incident = s.incident WHEN NOT MATCHED THEN INSERT (incident, detected_at)"
                + " VALUES (s.incident, CURRENT_TIMESTAMP)", condition.incident());
        return sql.update("UPDATE operations_incident SET notified_at = CURRENT_TIMESTAMP, detail = ?"
                + " WHERE incident = ? AND notified_at IS NULL AND detected_at <= CURRENT_TIMESTAMP - "
                + "CAST(? AS INTEGER) * INTERVAL '1' SECOND", condition.detail(), condition.incident(),
                condition.grace().toSeconds()) == 1;
    }

    /** Forgets the condition; true when this instance is the one to announce its end (it had been announced). */
    private boolean closed(Condition condition) throws SQLException {
        sql.update("DELETE FROM operations_incident WHERE incident = ? AND notified_at IS NULL", condition.incident());
        return sql.update("DELETE FROM operations_incident WHERE incident = ? AND notified_at IS NOT NULL",
                condition.incident()) == 1;
    }

    private Map<String, Object> mail(Condition condition, boolean recovered) {
        Map<String, Object> mail = new LinkedHashMap<>();
        mail.put("incident", condition.incident());
        mail.put("recovered", recovered);
        mail.put("subject", "[Call Outcome Router] " + (recovered ? "Resolved" : "Failing") + ": " + condition.title());
        mail.put("to", to);
        mail.put("from", from);
        mail.put("text", (recovered ? "Over: " + condition.title() + ".\n\nNothing more to do."
                : "Failing: " + condition.title() + ".\n\n" + condition.detail() + "\n\nWhat to do\n" + condition.todo())
                + "\n\nCall Outcome Router, incident " + condition.incident() + "\n");
        return mail;
    }
}
