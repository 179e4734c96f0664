package org.calloutcome.router.observe;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.calloutcome.router.store.Retry;
import org.calloutcome.router.store.Sql;

/**
 * How a sink (Salesforce, mail) is doing, from the delivery table all instances share: {@code up}, {@code failing}
 * since its oldest waiting retry, or {@code paused} (Salesforce's API allocation spent) until a time. Reported in
 * {@code /observe/health}, always UP: webhooks are taken and stored while a sink is out, so a sink never takes
 * readiness (or liveness) down.
 */
public final class SinkHealthCheck extends ReportedHealthCheck {
    private final Sql sql;
    private final String sink;
    private final boolean configured;

    public SinkHealthCheck(Sql sql, String sink, boolean configured) {
        super("sink-" + sink);
        this.sql = sql;
        this.sink = sink;
        this.configured = configured;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.up();
        if (!configured) {
            builder.detail("sink.state", "not configured");
            return;
        }
        try {
            List<Object[]> pause = sql.query("SELECT paused_until, reason FROM sink_pause WHERE sink = ?"
                    + " AND paused_until > CURRENT_TIMESTAMP", row -> new Object[] {row.getTimestamp(1),
                            row.getString(2)}, sink);
            if (!pause.isEmpty()) {
                builder.detail("sink.state", "paused").detail("sink.until", instant(pause.get(0)[0]))
                        .detail("sink.reason", pause.get(0)[1]);
                return;
            }
            List<Object[]> failing = sql.query("SELECT MIN(created_at), COUNT(*) FROM delivery WHERE sink = ?"
                    + " AND status = 'FAILED'", row -> new Object[] {row.getTimestamp(1), row.getLong(2)}, sink);
            long waiting = (Long) failing.get(0)[1];
            if (waiting > 0) {
                builder.detail("sink.state", "failing").detail("sink.since", instant(failing.get(0)[0]))
                        .detail("sink.retrying", waiting);
                sql.query("SELECT last_error FROM delivery WHERE sink = ? AND status = 'FAILED'"
                        + " ORDER BY next_attempt_at DESC FETCH FIRST 1 ROWS ONLY", row -> row.getString(1), sink)
                        .stream().findFirst().ifPresent(error -> builder.detail("sink.error", Retry.kind(error)));
                return;
            }
            builder.detail("sink.state", "up");
        } catch (Exception e) {
            builder.detail("sink.state", "unknown (the database is unreachable)");
        }
    }

    private static String instant(Object timestamp) {
        return timestamp == null ? null : ((Timestamp) timestamp).toInstant().toString();
    }
}
