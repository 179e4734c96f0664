package org.calloutcome.router.compliance;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.calloutcome.router.delivery.DeliveryKeys;
import org.calloutcome.router.delivery.SalesforceOrgs;
import org.calloutcome.router.store.Sql;

/**
 * Every opt-out the router heard, by phone or by text in a sequence, and what became of it, read from the call log and
 * the sink work (no second record that could drift): when it was heard and received, and how (a webhook, or
 * reconciliation), whether Salesforce recorded it (the record and field), whether a person was told it was not (when
 * and to whom), whether an admin resolved it, and its deadline. Read in pages of a few hundred: an export of any length
 * is never held in memory whole.
 */
public final class OptOutLedger {
    /** An entry's state. */
    public static final String PENDING = "PENDING";
    public static final String RECORDED = "RECORDED";
    public static final String NOT_RECORDED = "NOT_RECORDED";
    public static final String RESOLVED = "RESOLVED";
    private static final Pattern RECORD_ID = Pattern.compile("(00Q|003|001)[a-zA-Z0-9]{12}([a-zA-Z0-9]{3})?");
    private static final int PAGE = 200;

    /** Which opt-outs: heard in [since, until), optionally of one platform, account or state. */
    public record Filter(Instant since, Instant until, String vendor, String account, String state) {
    }

    private final Sql sql;
    private final BusinessDays deadlines;

    public OptOutLedger(Sql sql, BusinessDays deadlines) {
        this.sql = sql;
        this.deadlines = deadlines;
    }

    /** Each entry of the filter, in the order heard, as JSON names to values. */
    public void each(Filter filter, Consumer<Map<String, Object>> entry) throws SQLException {
        List<Map<String, Object>> page = new ArrayList<>();
        StringBuilder where = new StringBuilder("opt_out AND COALESCE(ended_at, received_at) >= ?"
                + " AND COALESCE(ended_at, received_at) < ?");
        List<Object> parameters = new ArrayList<>(List.of(Timestamp.from(filter.since()),
                Timestamp.from(filter.until())));
        if (filter.vendor() != null) {
            where.append(" AND vendor = ?");
            parameters.add(filter.vendor());
        }
        if (filter.account() != null) {
            where.append(" AND account = ?");
            parameters.add(filter.account());
        }
        String heard = "SELECT 'call-ended', vendor, account, vendor_call_id, customer_number, ended_at, received_at,"
                + " last_event_id FROM call_event WHERE " + where + " UNION ALL SELECT 'sequence-ended', vendor,"
                + " account, vendor_sequence_id, customer_number, last_updated, received_at, last_event_id"
                + " FROM call_sequence WHERE "
                + where.toString().replace("ended_at", "last_updated") + " ORDER BY 6, 7";
        List<Object> both = new ArrayList<>(parameters);
        both.addAll(parameters);
        sql.forEach(heard, row -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("kind", row.getString(1).equals("call-ended") ? "call" : "sequence");
            item.put("vendor", row.getString(2));
            item.put("account", row.getString(3));
            item.put("vendorCallId", row.getString(4));
            item.put("number", mask(row.getString(5)));
            Timestamp ended = row.getTimestamp(6);
            Instant heardAt = (ended != null ? ended : row.getTimestamp(7)).toInstant();
            item.put("heardAt", heardAt.toString());
            item.put("receivedAt", row.getTimestamp(7).toInstant().toString());
            item.put("deadline", deadlines.deadline(heardAt).toString());
            item.put("eventId", row.getString(8)); // the inbox event that last told of it (admin replays name it)
            page.add(item);
            if (page.size() == PAGE) {
                settle(page, filter, entry);
            }
        }, both.toArray());
        settle(page, filter, entry);
    }

    /** A page's entries completed from the sink work and the inbox, then handed on (those of the state asked). */
    private void settle(List<Map<String, Object>> page, Filter filter, Consumer<Map<String, Object>> entry)
            throws SQLException {
        if (page.isEmpty()) {
            return;
        }
        Map<String, List<Map<String, Object>>> work = work(page);
        Map<String, String> via = via(sql, page.stream().map(i -> i.get("vendorCallId")).toArray());
        for (Map<String, Object> item : page) {
            String key = item.get("vendor") + "|" + item.get("account") + "|" + item.get("vendorCallId");
            item.put("receivedVia", via.getOrDefault(key, "webhook"));
            state(item, work.getOrDefault(key, List.of()));
            if (filter.state() == null || filter.state().equals(item.get("state"))) {
                entry.accept(item);
            }
        }
        page.clear();
    }

    /** How each call came in, by {@code vendor|account|call id}: by a webhook, unless only reconciliation brought it. */
    static Map<String, String> via(Sql sql, Object[] callIds) throws SQLException {
        Map<String, String> via = new HashMap<>();
        sql.query("SELECT vendor, account, vendor_event_id, MAX(received_via) FROM inbox WHERE vendor_event_id IN ("
                + Sql.marks(callIds.length) + ") GROUP BY vendor, account, vendor_event_id", row -> via.put(
                        row.getString(1) + "|" + row.getString(2) + "|" + row.getString(3), row.getString(4)),
                callIds);
        return via;
    }

    /** The opt-out work of the page's calls: Salesforce's (every org's) and the not-recorded mails, by call. */
    private Map<String, List<Map<String, Object>>> work(List<Map<String, Object>> page) throws SQLException {
        Map<String, List<Map<String, Object>>> byCall = new HashMap<>();
        sql.query("SELECT sink, rule, vendor, delivery_key, subject_id, status, result, last_error, done_at"
                + " FROM delivery WHERE rule IN ('do-not-call', 'do-not-text', 'opt-out-not-recorded')"
                + " AND subject_id IN (" + Sql.marks(page.size()) + ")", row -> {
                    Map<String, Object> w = new HashMap<>();
                    w.put("sink", row.getString(1));
                    w.put("rule", row.getString(2));
                    w.put("status", row.getString(6));
                    w.put("result", row.getString(7));
                    w.put("error", row.getString(8));
                    w.put("doneAt", row.getTimestamp(9));
                    byCall.computeIfAbsent(row.getString(3) + "|" + DeliveryKeys.account(row.getString(4)) + "|"
                            + row.getString(5),
                            k -> new ArrayList<>()).add(w);
                    return null;
                }, page.stream().map(i -> i.get("vendorCallId")).toArray());
        return byCall;
    }

    /**
     * The entry's state: RECORDED when Salesforce took it (the record and field), RESOLVED when an admin closed its
     * work, NOT_RECORDED when Salesforce could not (refused, nobody matched, not configured), else PENDING; with the
     * alert that told a person, when one did.
     */
    private static void state(Map<String, Object> item, List<Map<String, Object>> work) {
        String state = PENDING;
        for (Map<String, Object> w : work) {
            if (!SalesforceOrgs.isSalesforce((String) w.get("sink"))) {
                if ("DONE".equals(w.get("status"))) {
                    item.put("alertedAt", instant(w.get("doneAt")));
                    String result = String.valueOf(w.get("result"));
                    // "sent to <recipients>", or "written to <file> for <recipients>" (the .eml outbox)
                    item.put("alertedTo", result.replaceFirst("^(sent to |written to .* for )", "")
                            .replaceFirst(" \\(digest.*", ""));
                }
                continue;
            }
            String result = (String) w.get("result");
            if (!state.equals(PENDING)) {
                continue; // one opt-out action decides (a call's do-not-call; a sequence's do-not-text)
            }
            switch (String.valueOf(w.get("status"))) {
                case "DONE" -> {
                    if (result != null && RECORD_ID.matcher(result).matches()) {
                        state = RECORDED;
                        item.put("recordId", result);
                        item.put("recordedAt", instant(w.get("doneAt")));
                        item.put("recordedIn", w.get("rule").equals("do-not-text") ? "the do-not-text field"
                                : result.startsWith("001") ? "PersonDoNotCall" : "DoNotCall");
                    } else {
                        state = NOT_RECORDED;
                        item.put("why", result);
                    }
                }
                case "RESOLVED" -> {
                    state = RESOLVED;
                    item.put("resolution", w.get("error"));
                }
                case "DEAD", "SKIPPED" -> {
                    state = NOT_RECORDED;
                    item.put("why", w.get("error") != null ? w.get("error") : result);
                    if (result != null && RECORD_ID.matcher(result).matches()) {
                        item.put("recordId", result);
                    }
                }
                default -> { }
            }
        }
        item.put("state", state);
    }

    private static String instant(Object timestamp) {
        return timestamp == null ? null : ((Timestamp) timestamp).toInstant().toString();
    }

    /** A number as the mails show it: +31 ••• ••• 5678. */
    static String mask(String number) {
        if (number == null) {
            return null;
        }
        return number.length() < 8 ? "•••" : number.substring(0, 3) + " ••• ••• " + number.substring(number.length() - 4);
    }
}
