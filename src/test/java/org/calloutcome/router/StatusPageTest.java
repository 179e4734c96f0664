package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.Browser;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The status page in a real (headless) browser: signed in with the token, counts as in the database, replay and
 * reprocessing.
 */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:h2:mem:status-page;DB_CLOSE_DELAY=-1",
        "router.admin.token=" + StatusPageTest.TOKEN,
        "router.mail.outbox=target/outbox-status-page",
        "router.inbox.scan-interval-ms=200",
        "router.clarion.token=" + Webhooks.CLARION_TOKEN })
class StatusPageTest extends RouterTest {
    static final String TOKEN = "status-page-token-0123456789-abcdefghijkl";

    private String clarionCall(int id, String failureReason) {
        String call = new String(Webhooks.example("clarion-end-of-call.json"), StandardCharsets.UTF_8)
                .replace("\"id\": 48213", "\"id\": " + id)
                .replace("\"failure_reason\": null", failureReason == null ? "\"failure_reason\": null"
                        : "\"failure_reason\": \"" + failureReason + "\"");
        String eventId = webhooks.clarion(call.getBytes(StandardCharsets.UTF_8)).eventId();
        log.awaitProcessed(eventId);
        return eventId;
    }

    @Test
    void theCountsMatchTheCallLogAndADeadEventIsReplayedFromThePage() throws Exception {
        clarionCall(48213, null);
        clarionCall(48214, "opt-out");
        String dead = clarionCall(48215, "escalated");
        // as if that event had failed for good: DEAD, and nothing in the call log
        log.execute("UPDATE inbox SET status = 'DEAD', next_attempt_at = NULL, last_error = 'java.sql.SQLException:"
                + " the database went away' WHERE event_id = '" + dead + "'");
        log.execute("DELETE FROM call_event WHERE vendor_call_id = '48215'");

        try (Browser browser = signedIn()) {
            List<String> expected = log.rows("SELECT vendor, business_outcome, COUNT(*) AS n FROM call_event"
                    + " GROUP BY vendor, business_outcome ORDER BY vendor, business_outcome").stream()
                    .map(row -> row.get("vendor") + " " + row.get("business_outcome") + " " + row.get("n")).toList();
            assertEquals(List.of("clarion OPTED_OUT 1", "clarion RESOLVED 1"), expected);
            assertEquals(expected, rows(browser, "#calls tr"), "the page shows what the call log holds");
            assertEquals("0", browser.text("#backlog"));
            List<String> deadRows = rows(browser, "#dead-events tr");
            assertEquals(1, deadRows.size(), deadRows.toString());
            assertTrue(deadRows.get(0).contains("48215") && deadRows.get(0).contains("the database went away"));

            browser.click("#dead-events .replay");
            browser.awaitElement("#replayed");
            assertTrue(browser.text("#replayed").startsWith("Replayed: 1"));
            log.awaitProcessed(dead);
            assertEquals("ESCALATED", log.call("clarion", "48215").get("business_outcome"));
            browser.open(webhooks.admin().base() + "/admin/status");
            browser.awaitElement("#backlog");
            assertEquals(List.of(), rows(browser, "#dead-events tr"));
            assertEquals(3, rows(browser, "#calls tr").size());
        }
    }

    @Test
    void theSessionCookieIsNotTheTokenAndAFormWithoutItsValueOrFromAnotherSiteIsRefused() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> signIn = http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(webhooks.admin().base() + "/admin/status/login"))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("token=" + TOKEN))
                .header("Content-Type", "application/x-www-form-urlencoded").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        String cookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("; HttpOnly; SameSite=Strict") && !cookie.contains(TOKEN), cookie);
        assertEquals("DENY", signIn.headers().firstValue("X-Frame-Options").orElse(""));
        String session = cookie.substring(0, cookie.indexOf(';'));

        for (String[] attempt : List.of(new String[] {"kind=event&id=1", null},
                new String[] {"kind=event&id=1&csrf=guessed", null})) {
            java.net.http.HttpResponse<String> forged = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(webhooks.admin().base() + "/admin/status/replay"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(attempt[0]))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", session)
                    .header("Origin", "https://evil.example").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(403, forged.statusCode(), forged.body());
        }
    }

    @Test
    void theAlertChannelsAreCheckedFromThePage() throws Exception {
        try (Browser browser = signedIn()) {
            assertEquals("Mail: written to the outbox folder (no SMTP server).", browser.text("#mail-login"));
            browser.click("#check-alerts-button");
            browser.awaitElement("#alert-check");
            assertEquals(List.of("NOTE  Mail: no SMTP server (SMTP_HOST): alerts are written to"
                    + " target/outbox-status-page as .eml files", "NOTE  Slack: not configured (SLACK_WEBHOOK_URL)"),
                    browser.text("#alert-check").lines().toList());
        }
    }

    @Test
    void theEventsOfATimeAreReprocessedFromThePage() throws Exception {
        clarionCall(48216, "opt-out");
        try (Browser browser = signedIn()) {
            browser.type("#reprocess-vendor", "clarion");
            browser.type("#reprocess-since", Instant.now().minusSeconds(3600).toString());
            browser.click("#reprocess-button");
            browser.awaitElement("#reprocessed");
            assertEquals("Reprocessed: 1 event(s), 0 new sink action(s), 0 failed, 0 skipped (payload removed).",
                    browser.text("#reprocessed"));
        }
        assertEquals("PROCESSED", log.rows("SELECT status FROM inbox").get(0).get("status"));
        assertEquals(1, log.count("call_event"));
    }

    private Browser signedIn() throws Exception {
        Browser browser = new Browser();
        browser.open(webhooks.admin().base() + "/admin/status");
        browser.type("#token", TOKEN);
        browser.click("#sign-in");
        browser.awaitElement("#backlog");
        return browser;
    }

    /** The table's data rows, each as its cells' text joined by spaces. */
    @Test
    void anOptOutNotRecordedAndYesterdaysCallsInTheCrmAreOnThePage() throws Exception {
        String yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1) + "T12:00:00Z";
        String call = new String(Webhooks.example("clarion-end-of-call.json"), StandardCharsets.UTF_8)
                .replace("\"id\": 48213", "\"id\": 48299").replace("2025-11-03T14:05:41Z", yesterday)
                .replace("\"failure_reason\": null", "\"failure_reason\": \"opt-out\"");
        log.awaitProcessed(webhooks.clarion(call.getBytes(StandardCharsets.UTF_8)).eventId());

        try (Browser browser = signedIn()) {
            List<String> optOuts = rows(browser, "#opt-outs tr");
            assertEquals(1, optOuts.size(), optOuts.toString());
            assertTrue(optOuts.get(0).startsWith(yesterday + " clarion 48299 +14 ••• ••• "), optOuts.get(0));
            assertTrue(optOuts.get(0).contains("NOT_RECORDED"), "Salesforce is not configured: " + optOuts.get(0));
            assertEquals(List.of("clarion default 1 0 0 1"), rows(browser, "#completeness tr"),
                    "one call yesterday, not in the CRM");
        }
    }

    private static List<String> rows(Browser browser, String css) throws Exception {
        return browser.texts(css).stream().skip(1).map(row -> row.replaceAll("\\s+", " ").strip())
                .map(row -> row.replace(" Replay", "")).toList();
    }
}
