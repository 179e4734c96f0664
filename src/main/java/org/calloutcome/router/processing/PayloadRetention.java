package org.calloutcome.router.processing;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.calloutcome.router.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Minimum personal data: a vendor's raw payload (transcripts, names, health details) is removed from the inbox and the
 * call log once its event has been processed for {@code days}; the call log's canonical columns and the stored call
 * events stay. Safe on several instances at once: a row is redacted once, whoever gets to it.
 */
public final class PayloadRetention {
    private static final Logger LOG = LoggerFactory.getLogger(PayloadRetention.class);
    /** What a redacted inbox row holds instead of the payload (the column is NOT NULL). */
    public static final String REDACTED = "{\"redacted\":true}";
    private static final int BATCH = 500;

    private final Sql sql;
    private final int days;

    /** @param days how long after processing a raw payload is kept (0 or less: forever) */
    public PayloadRetention(Sql sql, int days) {
        this.sql = sql;
        this.days = days;
    }

    /** Redacts every payload past its time, a batch per transaction; returns how many. */
    public int redact() throws Exception {
        if (days <= 0) {
            return 0;
        }
        int total = 0;
        while (true) {
            List<UUID> due = sql.query("SELECT event_id FROM inbox WHERE status = 'PROCESSED' AND redacted_at IS NULL"
                    + " AND processed_at < " + Sql.NOW_PLUS_SECONDS + " FETCH FIRST " + BATCH + " ROWS ONLY",
                    row -> row.getObject(1, UUID.class), -days * 86_400);
            if (due.isEmpty()) {
                break;
            }
            sql.inTransaction(() -> {
                redact(due);
                return null;
            });
            total += due.size();
            if (due.size() < BATCH) {
                break;
            }
        }
        if (total > 0) {
            LOG.info("Removed the raw payload of {} event(s) processed more than {} days ago", total, days);
        }
        return total;
    }

    private void redact(List<UUID> events) throws SQLException {
        Object[] ids = events.toArray();
        String in = " IN (" + Sql.marks(ids.length) + ")";
        sql.update("UPDATE inbox SET payload = '" + REDACTED + "', redacted_at = CURRENT_TIMESTAMP WHERE event_id" + in
                + " AND redacted_at IS NULL", ids);
        sql.update("UPDATE call_event SET raw_payload = NULL WHERE last_event_id" + in, ids);
        sql.update("UPDATE call_sequence SET raw_payload = NULL WHERE last_event_id" + in, ids);
    }
}
