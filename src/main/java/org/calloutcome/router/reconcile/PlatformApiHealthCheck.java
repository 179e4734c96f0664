package org.calloutcome.router.reconcile;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.calloutcome.router.observe.ReportedHealthCheck;
import org.calloutcome.router.store.Retry;
import org.calloutcome.router.store.Sql;

/**
 * A reconciled platform's API, as the last poll found it: {@code up}, {@code failing} (the window is polled again),
 * {@code waiting} (it answered 429) or {@code key refused} (401, 403: polls wait for a new key), with the end of the
 * last complete window. Always UP: webhooks are taken whatever a platform's API does.
 */
public final class PlatformApiHealthCheck extends ReportedHealthCheck {
    private final Sql sql;
    private final String vendor;

    /** @param vendor the reconciliation's name: {@code retell}, or {@code retell/clinic-a} for an account */
    public PlatformApiHealthCheck(Sql sql, String vendor) {
        super("platform-api-" + vendor.replace('/', '-'));
        this.sql = sql;
        this.vendor = vendor;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.up();
        try {
            List<Object[]> rows = sql.query("SELECT watermark, last_error, refused_credential,"
                    + " CASE WHEN not_before > CURRENT_TIMESTAMP THEN not_before END FROM reconcile_window"
                    + " WHERE vendor = ?", row -> new Object[] {row.getTimestamp(1), row.getString(2),
                            row.getString(3), row.getTimestamp(4)}, vendor);
            if (rows.isEmpty()) {
                builder.detail("api.state", "not polled yet");
                return;
            }
            Object[] row = rows.get(0);
            builder.detail("api.state", row[2] != null ? "key refused" : row[3] != null ? "waiting"
                    : row[1] != null ? "failing" : "up");
            if (row[1] != null) {
                builder.detail("api.error", Retry.kind((String) row[1]));
            }
            if (row[0] != null) {
                builder.detail("api.reconciled-until", ((Timestamp) row[0]).toInstant().toString());
            }
        } catch (Exception e) {
            builder.detail("api.state", "unknown (the database is unreachable)");
        }
    }
}
