package org.calloutcome.router.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import static org.awaitility.Awaitility.await;

/** Reads the call log the way an analyst would: plain SQL, lower-case column names. */
public final class CallLog {
    private final DataSource dataSource;

    public CallLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A change a test makes to the tables themselves (what another part of the router would have written). */
    public int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Map<String, Object>> rows(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        Object value = rs.getObject(c);
                        row.put(meta.getColumnLabel(c).toLowerCase(Locale.ROOT), value == null ? null : value.toString());
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, Object> call(String vendor, String vendorCallId) {
        List<Map<String, Object>> rows = rows("SELECT * FROM call_event WHERE vendor = ? AND vendor_call_id = ?",
                vendor, vendorCallId);
        if (rows.size() != 1) {
            throw new AssertionError(rows.size() + " call_event rows for " + vendor + "/" + vendorCallId);
        }
        return rows.get(0);
    }

    public long count(String table) {
        return Long.parseLong(String.valueOf(rows("SELECT COUNT(*) AS n FROM " + table).get(0).get("n")));
    }

    public String inboxStatus(String eventId) {
        List<Map<String, Object>> rows = rows("SELECT status FROM inbox WHERE event_id = ?",
                java.util.UUID.fromString(eventId));
        return rows.isEmpty() ? null : (String) rows.get(0).get("status");
    }

    /** Waits until the inbox row has been processed (or has failed for good). */
    public void awaitProcessed(String eventId) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> List.of("PROCESSED", "DEAD").contains(inboxStatus(eventId)));
        if (!"PROCESSED".equals(inboxStatus(eventId))) {
            throw new AssertionError("event " + eventId + " failed: "
                    + rows("SELECT last_error FROM inbox WHERE event_id = ?", java.util.UUID.fromString(eventId)));
        }
    }

    /** Waits until the inbox row has this status. */
    public void awaitStatus(String eventId, String status) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> status.equals(inboxStatus(eventId)));
    }

    public void execute(String sql) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every inbox row becomes due for processing again, as after a restored backup. */
    public void reprocess() {
        execute("UPDATE inbox SET status = 'RECEIVED', next_attempt_at = CURRENT_TIMESTAMP");
    }

    public void clear() {
        for (String table : List.of("delivery", "mail_sent", "sink_pause", "operations_incident", "reconcile_window",
                "sequence_step", "call_sequence", "call_event", "inbox")) {
            execute("DELETE FROM " + table);
        }
    }
}
