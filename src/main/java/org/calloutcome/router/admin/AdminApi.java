package org.calloutcome.router.admin;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.calloutcome.router.compliance.Completeness;
import org.calloutcome.router.compliance.OptOutExport;
import org.calloutcome.router.compliance.OptOutLedger;
import org.calloutcome.router.intake.InboxIntake;
import org.calloutcome.router.intake.WebhookRejection;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.queue.WorkQueue;
import org.calloutcome.router.reconcile.PlatformApiError;
import org.calloutcome.router.reconcile.Reconciler;
import org.calloutcome.router.reconcile.Reconcilers;
import org.calloutcome.router.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What operators do with work that failed, while the router runs: list FAILED and DEAD inbox rows and deliveries with
 * their errors, replay them (attempts start again from zero) or mark them resolved. Only failed or dead work is ever
 * replayed, and processing and the sinks recognise what they did before, so a replay never doubles a call log row, a
 * Salesforce Task or an alert. Filters: {@code state}, {@code vendor}, {@code sink} (deliveries), {@code since} and
 * {@code until} (ISO instants, on arrival), or explicit ids. Processed events can be reprocessed (after a mapping or
 * a rule changed). And the backfill of a platform's missed webhooks.
 */
public final class AdminApi {
    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    private static final Set<String> OPEN = Set.of("FAILED", "DEAD");
    private static final int LIST_LIMIT = 500;

    private record Filter(String where, List<Object> parameters) {
    }

    private final Sql sql;
    private final WorkQueue inbox;
    private final WorkQueue deliveries;
    private final Reconcilers reconcilers;
    private final Reprocessor reprocessor;
    private final OptOutLedger ledger;
    private final Completeness completeness;

    public AdminApi(Sql sql, WorkQueue inbox, WorkQueue deliveries, Reconcilers reconcilers, Reprocessor reprocessor,
            OptOutLedger ledger) {
        this.ledger = ledger;
        this.completeness = new Completeness(sql);
        this.sql = sql;
        this.inbox = inbox;
        this.deliveries = deliveries;
        this.reconcilers = reconcilers;
        this.reprocessor = reprocessor;
    }

    public void listInbox(Exchange exchange) throws SQLException {
        Filter filter = filter(exchange.getIn().getHeaders(), "received_at", false);
        List<Map<String, Object>> rows = sql.query("SELECT event_id, vendor, event_kind, vendor_event_id, status,"
                + " attempts, received_at, last_error FROM inbox WHERE " + filter.where()
                + " ORDER BY received_at FETCH FIRST " + LIST_LIMIT + " ROWS ONLY", row -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("eventId", row.getString(1));
                    item.put("vendor", row.getString(2));
                    item.put("kind", row.getString(3));
                    item.put("vendorEventId", row.getString(4));
                    item.put("state", row.getString(5));
                    item.put("attempts", row.getInt(6));
                    item.put("receivedAt", instant(row.getTimestamp(7)));
                    item.put("error", row.getString(8));
                    return item;
                }, filter.parameters().toArray());
        InboxIntake.respond(exchange, 200, Map.of("inbox", rows));
    }

    public void listDeliveries(Exchange exchange) throws SQLException {
        Filter filter = filter(exchange.getIn().getHeaders(), "created_at", true);
        List<Map<String, Object>> rows = sql.query("SELECT id, sink, rule, vendor, event_kind, subject_id, event_id,"
                + " status, attempts, created_at, last_error FROM delivery WHERE " + filter.where()
                + " ORDER BY created_at FETCH FIRST " + LIST_LIMIT + " ROWS ONLY", row -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("id", row.getLong(1));
                    item.put("sink", row.getString(2));
                    item.put("action", row.getString(3));
                    item.put("vendor", row.getString(4));
                    item.put("kind", row.getString(5));
                    item.put("subjectId", row.getString(6));
                    item.put("eventId", row.getString(7));
                    item.put("state", row.getString(8));
                    item.put("attempts", row.getInt(9));
                    item.put("createdAt", instant(row.getTimestamp(10)));
                    item.put("error", row.getString(11));
                    return item;
                }, filter.parameters().toArray());
        InboxIntake.respond(exchange, 200, Map.of("deliveries", rows));
    }

    /**
     * {@code GET /admin/opt-outs?since=&until=} (ISO instants; by default the 30 days before now), with {@code vendor},
     * {@code account} and {@code state} to narrow it and {@code format=csv} for a CSV: the opt-out ledger, written to
     * a file as it is read and answered from there, so that a long period is never held in memory.
     */
    public void optOuts(Exchange exchange) throws Exception {
        Map<String, Object> query = exchange.getIn().getHeaders();
        Instant until = queryInstant(query, "until", Instant.now());
        Instant since = queryInstant(query, "since", until.minus(java.time.Duration.ofDays(30)));
        String state = text(query, "state", null);
        if (state != null && !List.of(OptOutLedger.PENDING, OptOutLedger.RECORDED, OptOutLedger.NOT_RECORDED,
                OptOutLedger.RESOLVED).contains(state)) {
            throw new WebhookRejection(400, "invalid_parameter", "'state' is one of PENDING, RECORDED, NOT_RECORDED,"
                    + " RESOLVED");
        }
        String format = text(query, "format", "json");
        if (!format.equals("json") && !format.equals("csv")) {
            throw new WebhookRejection(400, "invalid_parameter", "'format' is json or csv");
        }
        OptOutLedger.Filter filter = new OptOutLedger.Filter(since, until, text(query, "vendor", null),
                text(query, "account", null), state);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("opt-outs", "." + format);
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file))) {
            if (format.equals("csv")) {
                OptOutExport.csv(ledger, filter, out);
            } else {
                OptOutExport.json(ledger, filter, out);
            }
        }
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, format.equals("csv") ? "text/csv; charset=utf-8" : "application/json");
        if (format.equals("csv")) {
            message.setHeader("Content-Disposition", "attachment; filename=\"opt-outs.csv\"");
        }
        message.setBody(java.nio.file.Files.newInputStream(file, java.nio.file.StandardOpenOption.DELETE_ON_CLOSE));
    }

    /**
     * {@code GET /admin/completeness?day=2026-12-05} (UTC; by default yesterday): per platform and account, the day's
     * calls, how they came in, whether the platform's list was compared, how many reached the CRM, and those that did
     * not.
     */
    public void completeness(Exchange exchange) throws Exception {
        String given = text(exchange.getIn().getHeaders(), "day", null);
        java.time.LocalDate day;
        try {
            day = given == null ? java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1)
                    : java.time.LocalDate.parse(given);
        } catch (DateTimeParseException e) {
            throw new WebhookRejection(400, "invalid_parameter", "'day' must be a date such as 2026-12-05");
        }
        InboxIntake.respond(exchange, 200, Map.of("day", day.toString(), "rows", completeness.day(day)));
    }

    /** The opt-outs heard in these 30 days that are not recorded (pending or not recorded), for the status page. */
    List<Map<String, Object>> unrecordedOptOuts() throws SQLException {
        List<Map<String, Object>> entries = new ArrayList<>();
        Instant now = Instant.now();
        ledger.each(new OptOutLedger.Filter(now.minus(java.time.Duration.ofDays(30)), now, null, null, null), entry -> {
            if (!OptOutLedger.RECORDED.equals(entry.get("state")) && !OptOutLedger.RESOLVED.equals(entry.get("state"))
                    && entries.size() < 200) {
                entries.add(entry);
            }
        });
        return entries;
    }

    /** A day's completeness rows, for the status page. */
    List<Map<String, Object>> completeness(java.time.LocalDate day) throws SQLException {
        return completeness.day(day);
    }

    private static Instant queryInstant(Map<String, Object> query, String name, Instant fallback) {
        String value = text(query, name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new WebhookRejection(400, "invalid_parameter", "'" + name + "' must be an ISO instant such as"
                    + " 2026-12-01T00:00:00Z");
        }
    }

    /** Body: {@code {"ids": [...]}}, or a filter ({@code {"state": "DEAD", "vendor": "clarion"}}), or {@code {}}: all. */
    public void replayInbox(Exchange exchange) throws Exception {
        InboxIntake.respond(exchange, 200, Map.of("replayed", replay(false, body(exchange))));
    }

    public void replayDeliveries(Exchange exchange) throws Exception {
        InboxIntake.respond(exchange, 200, Map.of("replayed", replay(true, body(exchange))));
    }

    /** Replays the failed or dead events (or deliveries) the filter names; returns how many. */
    public int replay(boolean deliveries, Map<String, Object> given) throws Exception {
        Filter filter = filter(given, deliveries ? "created_at" : "received_at", deliveries);
        WorkQueue queue = deliveries ? this.deliveries : inbox;
        int replayed = sql.inTransaction(() -> queue.replay(filter.where(), filter.parameters().toArray()));
        LOG.info("Admin: {} {} replayed ({})", replayed, deliveries ? "deliveries" : "inbox event(s)",
                describe(filter));
        return replayed;
    }

    /**
     * {@code POST /admin/inbox/reprocess} with {@code {"ids": [...]}} or {@code {"vendor": "altur", "since": "...",
     * "until": "..."}} (on arrival): processed events processed again with today's mapping and routing rules; answers
     * how many, how many failed this time, how many sink actions were new, and how many could not be, their payload
     * removed by retention.
     */
    public void reprocessInbox(Exchange exchange) throws Exception {
        InboxIntake.respond(exchange, 200, reprocess(body(exchange)));
    }

    public Map<String, Object> reprocess(Map<String, Object> given) throws Exception {
        if (!(given.get("ids") instanceof List<?>) && text(given, "since", null) == null) {
            throw new WebhookRejection(400, "missing_filter", "name the events to reprocess: 'ids', or 'since' (an"
                    + " ISO instant, on arrival) with 'until' and 'vendor' if you like");
        }
        Filter filter = narrowed(new StringBuilder("status = 'PROCESSED'"), new ArrayList<>(), given, "received_at",
                false);
        Object[] parameters = filter.parameters().toArray();
        long redacted = sql.query("SELECT COUNT(*) FROM inbox WHERE " + filter.where() + " AND redacted_at IS NOT NULL",
                row -> row.getLong(1), parameters).get(0);
        Reprocessor.Result result = reprocessor.reprocess(filter.where(), parameters);
        LOG.info("Admin: {} inbox event(s) reprocessed, {} failed, {} new sink action(s), {} skipped as redacted ({})",
                result.events(), result.failed(), result.newActions(), redacted, describe(filter));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("reprocessed", result.events());
        answer.put("failed", result.failed());
        answer.put("newActions", result.newActions());
        answer.put("redacted", redacted);
        return answer;
    }

    public void resolveInbox(Exchange exchange) throws Exception {
        Map<String, Object> given = body(exchange);
        Filter filter = filter(given, "received_at", false);
        String note = resolution(given);
        int resolved = sql.inTransaction(() -> inbox.resolve(note, filter.where(), filter.parameters().toArray()));
        LOG.info("Admin: {} inbox event(s) marked resolved ({})", resolved, describe(filter));
        InboxIntake.respond(exchange, 200, Map.of("resolved", resolved));
    }

    /**
     * Body as for a replay; {@code "by"} (who) and {@code "reason"} (why: "DoNotCall set by hand") are kept on the work
     * and show in the opt-out ledger.
     */
    public void resolveDeliveries(Exchange exchange) throws Exception {
        Map<String, Object> given = body(exchange);
        Filter filter = filter(given, "created_at", true);
        String note = resolution(given);
        int resolved = sql.inTransaction(() -> deliveries.resolve(note, filter.where(),
                filter.parameters().toArray()));
        LOG.info("Admin: {} deliveries marked resolved ({})", resolved, describe(filter));
        InboxIntake.respond(exchange, 200, Map.of("resolved", resolved));
    }

    /**
     * {@code POST /admin/reconcile} with {@code {"vendor": "retell", "from": "2026-12-01T08:00:00Z", "to": "..."}}:
     * the calls of the platform's API that ended in the window and are not in the inbox are stored; answers how many
     * were listed, already known, stored and could not be fetched. The scheduled polls' watermark stays where it is.
     */
    public void reconcile(Exchange exchange) throws Exception {
        Map<String, Object> given = body(exchange);
        String vendor = text(given, "vendor", null);
        String account = text(given, "account", "default");
        Reconciler reconciler = vendor == null ? null : reconcilers.byVendor().get(Reconciler.name(vendor, account));
        if (reconciler == null) {
            throw new WebhookRejection(400, "unknown_vendor", "'vendor' (and 'account', for an account other than the"
                    + " default) must name a platform reconciled: " + reconcilers.byVendor().keySet()
                    + " (a platform account is reconciled once its API key is set)");
        }
        Instant from = windowEnd(given, "from");
        Instant to = windowEnd(given, "to");
        if (!to.isAfter(from)) {
            throw new WebhookRejection(400, "invalid_window", "'to' must be after 'from'");
        }
        Reconciler.Outcome outcome;
        try {
            outcome = reconciler.window(from, to);
        } catch (PlatformApiError e) {
            throw new WebhookRejection(502, "platform_api_failed", "the " + vendor + " API did not answer the listing: "
                    + e.getMessage());
        }
        LOG.info("Admin: {} backfilled from {} to {}: {} listed, {} known, {} stored, {} not fetched", vendor, from, to,
                outcome.listed(), outcome.known(), outcome.stored(), outcome.failed());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("vendor", vendor);
        answer.put("listed", outcome.listed());
        answer.put("known", outcome.known());
        answer.put("stored", outcome.stored());
        answer.put("failed", outcome.failed());
        InboxIntake.respond(exchange, 200, answer);
    }

    /** "resolved by <by>: <reason>", or null when neither is given. */
    private static String resolution(Map<String, Object> given) {
        String by = text(given, "by", null);
        String reason = text(given, "reason", null);
        if (by == null && reason == null) {
            return null;
        }
        String note = "resolved" + (by != null ? " by " + by : "") + (reason != null ? ": " + reason : "");
        return note.length() > 2000 ? note.substring(0, 2000) : note;
    }

    private static Instant windowEnd(Map<String, Object> given, String field) {
        String value = text(given, field, null);
        if (value == null) {
            throw new WebhookRejection(400, "missing_field", "'" + field + "' is required (an ISO instant)");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new WebhookRejection(400, "invalid_field", "'" + field + "' must be an ISO instant such as"
                    + " 2026-12-01T08:00:00Z");
        }
    }

    private static Map<String, Object> body(Exchange exchange) {
        String text = exchange.getIn().getBody(String.class);
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            JsonNode json = Json.MAPPER.readTree(text);
            if (!json.isObject()) {
                throw new WebhookRejection(400, "malformed_json", "the body must be a JSON object");
            }
            return Json.object(json);
        } catch (java.io.IOException e) {
            throw new WebhookRejection(400, "malformed_json", "the body is not valid JSON");
        }
    }

    /** Only FAILED and DEAD work, narrowed by what the operator gave. */
    private static Filter filter(Map<String, Object> given, String timeColumn, boolean deliveries) {
        StringBuilder where = new StringBuilder();
        List<Object> parameters = new ArrayList<>();
        List<String> states = new ArrayList<>();
        for (String state : text(given, "state", "FAILED,DEAD").split(",")) {
            String upper = state.strip().toUpperCase(java.util.Locale.ROOT);
            if (!OPEN.contains(upper)) {
                throw new WebhookRejection(400, "invalid_filter", "state is FAILED, DEAD or both, not " + state);
            }
            states.add(upper);
        }
        where.append("status IN (").append(Sql.marks(states.size())).append(')');
        parameters.addAll(states);
        return narrowed(where, parameters, given, timeColumn, deliveries);
    }

    /** {@code where} narrowed by the ids, vendor, sink, since and until the operator gave. */
    private static Filter narrowed(StringBuilder where, List<Object> parameters, Map<String, Object> given,
            String timeColumn, boolean deliveries) {
        Object ids = given.get("ids");
        if (ids instanceof List<?> list) {
            if (list.isEmpty()) {
                throw new WebhookRejection(400, "invalid_filter", "ids is empty");
            }
            where.append(deliveries ? " AND id IN (" : " AND event_id IN (").append(Sql.marks(list.size())).append(')');
            for (Object id : list) {
                parameters.add(deliveries ? (Object) Long.valueOf(String.valueOf(id)) : uuid(String.valueOf(id)));
            }
        }
        for (String column : deliveries ? List.of("vendor", "sink") : List.of("vendor")) {
            String value = text(given, column, null);
            if (value != null) {
                where.append(" AND ").append(column).append(" = ?");
                parameters.add(value);
            }
        }
        String since = text(given, "since", null);
        if (since != null) {
            where.append(" AND ").append(timeColumn).append(" >= ?");
            parameters.add(Timestamp.from(parseInstant(since)));
        }
        String until = text(given, "until", null);
        if (until != null) {
            where.append(" AND ").append(timeColumn).append(" < ?");
            parameters.add(Timestamp.from(parseInstant(until)));
        }
        return new Filter(where.toString(), parameters);
    }

    private static String text(Map<String, Object> given, String key, String fallback) {
        Object value = given.get(key);
        return value == null || String.valueOf(value).isBlank() ? fallback : String.valueOf(value);
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new WebhookRejection(400, "invalid_filter", "not an event id: " + id);
        }
    }

    private static Instant parseInstant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new WebhookRejection(400, "invalid_filter", "not an ISO instant (2026-11-01T00:00:00Z): " + value);
        }
    }

    private static String instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant().toString();
    }

    /** The filter with its values, for the log: states, vendors, sinks, ids and times, never call data. */
    private static String describe(Filter filter) {
        StringBuilder text = new StringBuilder();
        int next = 0;
        for (char c : filter.where().toCharArray()) {
            text.append(c == '?' ? "'" + filter.parameters().get(next++) + "'" : String.valueOf(c));
        }
        return text.toString();
    }
}
