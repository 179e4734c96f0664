package org.calloutcome.router.compliance;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.calloutcome.router.delivery.DeliveryKeys;
import org.calloutcome.router.delivery.SalesforceOrgs;
import org.calloutcome.router.store.Sql;

/**
 * Whether every call of a day reached the CRM, per platform and account: the calls logged that day (UTC, by when they
 * ended, as {@code call_outcomes_daily} counts them), how many came by webhook and how many reconciliation recovered,
 * whether the platform's own list of that day was compared with the inbox (its reconciliation has passed the day's
 * end), how many have their call Task in Salesforce, and the calls that do not, with what their work says.
 */
public final class Completeness {
    private static final int PAGE = 500;

    private final Sql sql;

    public Completeness(Sql sql) {
        this.sql = sql;
    }

    /** The day's rows, one per platform and account, in that order. */
    public List<Map<String, Object>> day(LocalDate day) throws SQLException {
        Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant until = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
        List<String[]> page = new ArrayList<>();
        sql.forEach("SELECT vendor, account, vendor_call_id FROM call_event WHERE NOT test"
                + " AND COALESCE(ended_at, received_at) >= ? AND COALESCE(ended_at, received_at) < ?"
                + " ORDER BY vendor, account, COALESCE(ended_at, received_at)", row -> {
                    page.add(new String[] {row.getString(1), row.getString(2), row.getString(3)});
                    if (page.size() == PAGE) {
                        count(page, rows);
                    }
                }, Timestamp.from(from), Timestamp.from(until));
        count(page, rows);
        Map<String, Instant> watermarks = watermarks();
        for (Map<String, Object> row : rows.values()) {
            String reconciled = row.get("vendor") + ("default".equals(row.get("account")) ? "" : "/" + row.get("account"));
            Instant watermark = watermarks.get(reconciled);
            row.put("platformChecked", watermark == null ? null : !watermark.isBefore(until));
        }
        return List.copyOf(rows.values());
    }

    /** Adds a page of calls to their rows. */
    private void count(List<String[]> page, Map<String, Map<String, Object>> rows) throws SQLException {
        if (page.isEmpty()) {
            return;
        }
        Object[] ids = page.stream().map(call -> call[2]).toArray();
        Map<String, String> via = OptOutLedger.via(sql, ids);
        Map<String, String[]> tasks = new HashMap<>();
        sql.query("SELECT sink, vendor, delivery_key, subject_id, status, result FROM delivery WHERE rule = 'log-call'"
                + " AND subject_id IN (" + Sql.marks(ids.length) + ")", row -> {
                    if (SalesforceOrgs.isSalesforce(row.getString(1))) {
                        tasks.put(row.getString(2) + "|" + DeliveryKeys.account(row.getString(3)) + "|"
                                + row.getString(4), new String[] {row.getString(5), row.getString(6)});
                    }
                    return null;
                }, ids);
        for (String[] call : page) {
            String key = call[0] + "|" + call[1] + "|" + call[2];
            Map<String, Object> row = rows.computeIfAbsent(call[0] + "|" + call[1], k -> newRow(call[0], call[1]));
            row.merge("calls", 1, (a, b) -> (int) a + (int) b);
            row.merge("reconcile".equals(via.get(key)) ? "byReconciliation" : "byWebhook", 1,
                    (a, b) -> (int) a + (int) b);
            String[] task = tasks.get(key);
            if (task != null && "DONE".equals(task[0]) && task[1] != null && task[1].startsWith("00T")) {
                row.merge("inCrm", 1, (a, b) -> (int) a + (int) b);
            } else {
                @SuppressWarnings("unchecked")
                List<Map<String, String>> missing = (List<Map<String, String>>) row.get("missing");
                Map<String, String> call0 = new LinkedHashMap<>();
                call0.put("vendorCallId", call[2]);
                call0.put("state", task == null ? "not asked" : task[0]);
                if (task != null && task[1] != null) {
                    call0.put("result", task[1]);
                }
                missing.add(call0);
            }
        }
        page.clear();
    }

    private static Map<String, Object> newRow(String vendor, String account) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("vendor", vendor);
        row.put("account", account);
        row.put("calls", 0);
        row.put("byWebhook", 0);
        row.put("byReconciliation", 0);
        row.put("inCrm", 0);
        row.put("missing", new ArrayList<Map<String, String>>());
        return row;
    }

    /** Each reconciled platform account's watermark: its calls that ended before it were compared with its list. */
    private Map<String, Instant> watermarks() throws SQLException {
        Map<String, Instant> watermarks = new HashMap<>();
        sql.query("SELECT vendor, watermark FROM reconcile_window WHERE watermark IS NOT NULL", row -> watermarks
                .put(row.getString(1), row.getTimestamp(2).toInstant()));
        return watermarks;
    }
}
