package org.calloutcome.router.admin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.calloutcome.router.Html;
import org.calloutcome.router.sink.AlertChannelsCheck;
import org.calloutcome.router.sink.mail.MailServer;
import org.calloutcome.router.store.Sql;

/**
 * A read-only page for people who would rather look than query (behind the admin token): calls of the last 24 hours
 * by vendor and outcome, the backlog, and the dead events and deliveries, each with a replay button, and a form that
 * reprocesses the events of a time. Rendered by the router, no script: a browser signs in once with the token (a
 * session: a random id with an expiry, signed, in an HttpOnly, same-site cookie; never the token), then reads, replays
 * and reprocesses with forms that carry the session's anti-forgery value.
 */
public final class StatusPage {
    private static final int DEAD_SHOWN = 50;
    /** Where each form's anti-forgery field takes the session's value. */
    private static final String FORM_VALUE = "@form-value@";
    private static final String FORM_FIELD = "<input type=\"hidden\" name=\"" + AdminToken.FORM_FIELD + "\" value=\""
            + FORM_VALUE + "\">";

    private final Sql sql;
    private final AdminToken token;
    private final AdminApi api;
    private final MailServer mail;
    private final AlertChannelsCheck alertChannels;

    public StatusPage(Sql sql, AdminToken token, AdminApi api, MailServer mail, AlertChannelsCheck alertChannels) {
        this.sql = sql;
        this.token = token;
        this.api = api;
        this.mail = mail;
        this.alertChannels = alertChannels;
    }

    /** GET /admin/status: the page, or the sign-in form without a valid session. */
    public void page(Exchange exchange) throws SQLException {
        String session = token.session(exchange);
        if (session == null) {
            html(exchange, 200, signIn(null));
            return;
        }
        html(exchange, 200, status(exchange.getIn().getHeader("replayed", String.class),
                exchange.getIn().getHeader("reprocessed", String.class),
                exchange.getIn().getHeader("alerts", String.class)).replace(FORM_VALUE, token.formValue(session)));
    }

    /** POST /admin/status/check-alerts, signed in: a test alert through every channel, and what each did. */
    public void checkAlerts(Exchange exchange) {
        String lines = String.join("\n", alertChannels.run().stream().map(Object::toString).toList());
        redirect(exchange, "/admin/status?alerts=" + URLEncoder.encode(lines, StandardCharsets.UTF_8));
    }

    /** POST /admin/status/login (form field {@code token}): the cookie, and back to the page. */
    public void login(Exchange exchange) {
        String presented = exchange.getIn().getHeader("token", String.class);
        if (!token.matches(presented == null ? null : presented.strip())) {
            html(exchange, 401, signIn("That is not the admin token."));
            return;
        }
        String cookie = token.cookie(token.openSession(), exchange);
        redirect(exchange, "/admin/status");
        exchange.getMessage().setHeader("Set-Cookie", cookie);
    }

    /** POST /admin/status/replay (form fields {@code kind}: event or delivery, {@code id}), signed in. */
    public void replay(Exchange exchange) throws Exception {
        String kind = exchange.getIn().getHeader("kind", String.class);
        String id = exchange.getIn().getHeader("id", String.class);
        int replayed = api.replay("delivery".equals(kind), Map.of("ids", List.of(id == null ? "" : id)));
        redirect(exchange, "/admin/status?replayed=" + replayed);
    }

    /**
     * POST /admin/status/reprocess (form fields {@code vendor}, optional, and {@code since}, {@code until}: ISO
     * instants), signed in: processed events of that time processed again with today's mapping and rules.
     */
    public void reprocess(Exchange exchange) throws Exception {
        Map<String, Object> given = new java.util.HashMap<>();
        for (String field : List.of("vendor", "since", "until")) {
            String value = exchange.getIn().getHeader(field, String.class);
            if (value != null && !value.isBlank()) {
                given.put(field, value.strip());
            }
        }
        Map<String, Object> done = api.reprocess(given);
        redirect(exchange, "/admin/status?reprocessed=" + URLEncoder.encode(done.get("reprocessed") + " event(s), "
                + done.get("newActions") + " new sink action(s), " + done.get("failed") + " failed, "
                + done.get("redacted") + " skipped (payload removed)", StandardCharsets.UTF_8));
    }

    private String status(String replayed, String reprocessed, String alerts) throws SQLException {
        StringBuilder page = new StringBuilder(head("Call Outcome Router: status"));
        if (alerts != null) {
            page.append("<pre class=\"note\" id=\"alert-check\">").append(Html.escape(alerts)).append("</pre>\n");
        }
        if (replayed != null) {
            page.append("<p class=\"note\" id=\"replayed\">Replayed: ").append(Html.escape(replayed))
                    .append(". It is processed within seconds.</p>\n");
        }
        if (reprocessed != null) {
            page.append("<p class=\"note\" id=\"reprocessed\">Reprocessed: ").append(Html.escape(reprocessed))
                    .append(".</p>\n");
        }
        List<Long> backlog = sql.query("SELECT COUNT(*) FROM inbox WHERE status IN ('RECEIVED', 'PROCESSING', 'FAILED')",
                row -> row.getLong(1));
        page.append("<h2>Backlog</h2>\n<p><span id=\"backlog\">").append(backlog.get(0))
                .append("</span> webhook(s) accepted and not processed yet.</p>\n");

        page.append("<h2>Calls of the last 24 hours</h2>\n<table id=\"calls\"><tr><th>vendor</th><th>outcome</th>"
                + "<th>calls</th></tr>\n");
        sql.query("SELECT vendor, business_outcome, COUNT(*) FROM call_event WHERE received_at >= "
                + Sql.NOW_PLUS_SECONDS + " GROUP BY vendor, business_outcome ORDER BY vendor, business_outcome",
                row -> page.append("<tr><td>").append(Html.escape(row.getString(1))).append("</td><td>")
                        .append(Html.escape(row.getString(2))).append("</td><td class=\"n\">").append(row.getLong(3))
                        .append("</td></tr>\n"), -86_400);
        page.append("</table>\n");

        page.append("<h2>Missed webhooks of the last 24 hours</h2>\n<p>Calls whose webhook never came, stored from the"
                + " platform's API:</p>\n<table id=\"missed\"><tr><th>vendor</th><th>calls</th></tr>\n");
        sql.query("SELECT vendor, COUNT(*) FROM inbox WHERE received_via = 'reconcile' AND received_at >= "
                + Sql.NOW_PLUS_SECONDS + " GROUP BY vendor ORDER BY vendor",
                row -> page.append("<tr><td>").append(Html.escape(row.getString(1))).append("</td><td class=\"n\">")
                        .append(row.getLong(2)).append("</td></tr>\n"), -86_400);
        page.append("</table>\n");

        appendCompliance(page);
        appendDead(page);
        page.append("</table>\n<h2>Alert channels</h2>\n<p id=\"mail-login\">").append(Html.escape(
                !mail.smtp() ? "Mail: written to the outbox folder (no SMTP server)."
                        : mail.loginProblem() == null ? "Mail server login: no refusal seen."
                        : "Mail server login refused: " + mail.loginProblem())).append("</p>\n<form method=\"post\""
                + " action=\"/admin/status/check-alerts\" id=\"check-alerts\">" + FORM_FIELD + "<button type=\"submit\""
                + " id=\"check-alerts-button\">Check alert channels (sends a test alert)</button></form>\n");
        page.append("<h2>Reprocess</h2>\n<p>After a mapping or a routing rule changed: the processed events"
                + " that arrived in this time (ISO instants, e.g. 2026-12-01T00:00:00Z) are processed again with"
                + " today's; only sink actions not done before are added.</p>\n<form method=\"post\""
                + " action=\"/admin/status/reprocess\" id=\"reprocess\">" + FORM_FIELD + "<label>vendor <input name=\"vendor\""
                + " id=\"reprocess-vendor\" placeholder=\"all\"></label> <label>since <input name=\"since\""
                + " id=\"reprocess-since\" required></label> <label>until <input name=\"until\""
                + " id=\"reprocess-until\"></label> <button type=\"submit\" id=\"reprocess-button\">Reprocess"
                + "</button></form>\n");
        return page.append("</body>\n</html>\n").toString();
    }

    /**
     * The opt-outs of these 30 days not recorded (the ledger: GET /admin/opt-outs), and whether yesterday's calls all
     * reached the CRM (GET /admin/completeness).
     */
    private void appendCompliance(StringBuilder page) throws SQLException {
        page.append("<h2>Opt-outs not recorded (last 30 days)</h2>\n<table id=\"opt-outs\"><tr><th>heard</th>"
                + "<th>vendor</th><th>call</th><th>number</th><th>state</th><th>deadline</th><th>alerted</th></tr>\n");
        for (Map<String, Object> entry : api.unrecordedOptOuts()) {
            page.append("<tr>");
            for (String field : List.of("heardAt", "vendor", "vendorCallId", "number", "state", "deadline",
                    "alertedTo")) {
                page.append("<td>").append(Html.escape(String.valueOf(entry.getOrDefault(field, "")))).append("</td>");
            }
            page.append("</tr>\n");
        }
        java.time.LocalDate yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1);
        page.append("</table>\n<h2>Calls of ").append(yesterday).append(" in the CRM</h2>\n<table id=\"completeness\">"
                + "<tr><th>vendor</th><th>account</th><th>calls</th><th>by reconciliation</th><th>in the CRM</th>"
                + "<th>missing</th></tr>\n");
        for (Map<String, Object> row : api.completeness(yesterday)) {
            page.append("<tr><td>").append(Html.escape(String.valueOf(row.get("vendor")))).append("</td><td>")
                    .append(Html.escape(String.valueOf(row.get("account")))).append("</td><td class=\"n\">")
                    .append(row.get("calls")).append("</td><td class=\"n\">").append(row.get("byReconciliation"))
                    .append("</td><td class=\"n\">").append(row.get("inCrm")).append("</td><td class=\"n\">")
                    .append(((List<?>) row.get("missing")).size()).append("</td></tr>\n");
        }
        page.append("</table>\n");
    }

    /** The dead events and deliveries, newest first, each with its replay button. */
    private void appendDead(StringBuilder page) throws SQLException {
        page.append("<h2>Dead events</h2>\n<table id=\"dead-events\"><tr><th>received</th><th>vendor</th>"
                + "<th>id</th><th>error</th><th></th></tr>\n");
        sql.query("SELECT event_id, vendor, vendor_event_id, received_at, last_error FROM inbox WHERE status = 'DEAD'"
                + " ORDER BY received_at DESC FETCH FIRST " + DEAD_SHOWN + " ROWS ONLY", row -> page.append(deadRow(
                        "event", row.getString(1), row.getTimestamp(4), row.getString(2), row.getString(3),
                        row.getString(5))));
        page.append("</table>\n<h2>Dead deliveries</h2>\n<table id=\"dead-deliveries\"><tr><th>created</th>"
                + "<th>sink</th><th>action / id</th><th>error</th><th></th></tr>\n");
        sql.query("SELECT id, sink, rule, subject_id, created_at, last_error FROM delivery WHERE status = 'DEAD'"
                + " ORDER BY created_at DESC FETCH FIRST " + DEAD_SHOWN + " ROWS ONLY", row -> page.append(deadRow(
                        "delivery", String.valueOf(row.getLong(1)), row.getTimestamp(5), row.getString(2),
                        row.getString(3) + " " + row.getString(4), row.getString(6))));
    }

    private static String deadRow(String kind, String id, java.sql.Timestamp at, String what, String which,
            String error) {
        String shortError = error == null ? "" : error.length() > 200 ? error.substring(0, 200) + " …" : error;
        return "<tr><td>" + (at == null ? "" : Html.escape(at.toInstant().toString())) + "</td><td>" + Html.escape(what)
                + "</td><td>" + Html.escape(which) + "</td><td>" + Html.escape(shortError) + "</td><td>"
                + "<form method=\"post\" action=\"/admin/status/replay\">" + FORM_FIELD
                + "<input type=\"hidden\" name=\"kind\" value=\""
                + kind + "\"><input type=\"hidden\" name=\"id\" value=\"" + Html.escape(id) + "\">"
                + "<button type=\"submit\" class=\"replay\">Replay</button></form></td></tr>\n";
    }

    private static String signIn(String problem) {
        return head("Call Outcome Router: sign in")
                + (problem == null ? "" : "<p class=\"note\">" + Html.escape(problem) + "</p>\n")
                + "<form method=\"post\" action=\"/admin/status/login\"><label>Admin token "
                + "<input type=\"password\" name=\"token\" id=\"token\" autocomplete=\"current-password\"></label> "
                + "<button type=\"submit\" id=\"sign-in\">Sign in</button></form>\n</body>\n</html>\n";
    }

    private static String head(String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>" + Html.escape(title)
                + "</title>\n<style>body{font-family:Arial,sans-serif;color:#222;margin:2em}table{border-collapse:"
                + "collapse}td,th{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left}.n{text-align:right}"
                + ".note{background:#eef;padding:6px}</style></head>\n<body>\n<h1>" + Html.escape(title) + "</h1>\n";
    }

    /** No page of the router is framed by another site, nor read as anything but what it says it is. */
    static void guard(Message message) {
        message.setHeader("X-Frame-Options", "DENY");
        message.setHeader("Content-Security-Policy", "frame-ancestors 'none'");
        message.setHeader("X-Content-Type-Options", "nosniff");
    }

    private static void html(Exchange exchange, int status, String html) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        guard(message);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        message.setHeader("Cache-Control", "no-store");
        message.setBody(html);
    }

    private static void redirect(Exchange exchange, String location) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        guard(message);
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 303);
        message.setHeader("Location", location);
        message.setBody("");
    }
}
