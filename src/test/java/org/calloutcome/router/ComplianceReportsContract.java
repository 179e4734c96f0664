package org.calloutcome.router;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.calloutcome.router.compliance.OptOutLedger;
import org.calloutcome.router.compliance.OptOutWatch;
import org.calloutcome.router.delivery.Deliveries;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.observe.RouterMetrics;
import org.calloutcome.router.queue.Wakeup;
import org.calloutcome.router.store.Sql;
import org.calloutcome.router.support.AdminScript;
import org.calloutcome.router.support.FakeOrg;
import org.calloutcome.router.support.FakeSalesforce;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What compliance staff answer an auditor and a client with. The opt-out ledger: each opt-out heard once, with what
 * became of it (recorded in Salesforce, not recorded and a person told, recovered by reconciliation, resolved by an
 * admin), its times and its deadline, warned about as the deadline nears; a call without an opt-out is not in it; the
 * CSV an auditor opens; filters that make no sense refused. The completeness report: whether every call of a day
 * reached the CRM. Runs on H2 and PostgreSQL.
 */
abstract class ComplianceReportsContract extends RouterTest {
    static final String ADMIN_TOKEN = "ledger-test-token-0123456789-abcdefghijkl";
    static final String ADMIN = "router.admin.token=" + ADMIN_TOKEN;
    static final String COMPLIANCE = "router.mail.to.opt-out-not-recorded=compliance@example.com";
    private static final String RECORDED = "0035e00000LdgrAAAA";
    private static final String REFUSED = "0035e00000RefuAAAA";

    private FakeOrg fake;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startOrg() {
        fake = FakeOrg.start();
    }

    @AfterAll
    void stopOrg() {
        context.stop();
        fake.stop();
    }

    @BeforeEach
    void emptyOrg() {
        fake.reset();
    }

    /** An HMS Sovereign call (its documented example) from {@code number}, about {@code crmId}, with these flags. */
    private static byte[] call(String callId, String crmId, String number, String endedAt, String... flags) {
        return Webhooks.hmsEndedAt(Webhooks.hmsReport(callId, crmId, number, flags), endedAt);
    }

    private void awaitDone(String callId, String rule) {
        await().atMost(Duration.ofSeconds(30)).until(() -> log.rows("SELECT status FROM delivery WHERE subject_id = ?"
                + " AND rule = ? AND status IN ('DONE', 'DEAD')", callId, rule).size() == 1);
    }

    private HttpResponse<String> ledger(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(webhooks.admin().base() + "/admin/opt-outs" + query))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private Map<String, JsonNode> entries(String query) throws Exception {
        HttpResponse<String> answer = ledger(query);
        assertEquals(200, answer.statusCode(), answer.body());
        Map<String, JsonNode> byCall = new java.util.LinkedHashMap<>();
        Json.MAPPER.readTree(answer.body()).path("optOuts").forEach(e -> {
            assertFalse(byCall.containsKey(e.path("vendorCallId").asText()), "once each: " + answer.body());
            byCall.put(e.path("vendorCallId").asText(), e);
        });
        return byCall;
    }

    @Test
    void eachOptOutIsInTheLedgerOnceWithWhatBecameOfItAndItsDeadline() throws Exception {
        FakeSalesforce org = fake.org;
        org.person("Contact", RECORDED, "+31612340001");
        org.person("Contact", REFUSED, "+31612340002");
        org.refusals.add(FakeSalesforce.Refusal.always("id", REFUSED, "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                "Do Not Call is locked for this account"));
        webhooks.hms(call("ledger-recorded", RECORDED, "+31612340001", "2026-12-04T15:00:00.000Z", "opt_out"));
        webhooks.hms(call("ledger-refused", REFUSED, "+31612340002", "2026-12-04T16:00:00.000Z", "opt_out"));
        webhooks.hms(call("ledger-recovered", RECORDED, "+31612340001", "2026-12-04T17:00:00.000Z", "opt_out"));
        webhooks.hms(call("ledger-resolved", REFUSED, "+31612340002", "2026-12-04T18:00:00.000Z", "opt_out"));
        webhooks.hms(call("ledger-no-opt-out", RECORDED, "+31612340001", "2026-12-04T19:00:00.000Z"));
        for (String id : List.of("ledger-recorded", "ledger-refused", "ledger-recovered", "ledger-resolved")) {
            awaitDone(id, "do-not-call");
        }
        awaitDone("ledger-refused", "opt-out-not-recorded");
        // the platform's API brought this call, not its webhook (as reconciliation stores it)
        log.update("UPDATE inbox SET received_via = 'reconcile' WHERE vendor_event_id = 'ledger-recovered'");
        String dead = String.valueOf(log.rows("SELECT id FROM delivery WHERE subject_id = 'ledger-resolved'"
                + " AND rule = 'do-not-call'").get(0).get("id"));
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(webhooks.admin().base()
                + "/admin/deliveries/resolve")).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"ids\": [" + dead + "], \"by\": \"ana@example.com\", \"reason\": \"DoNotCall set by"
                                + " hand\"}")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());

        Map<String, JsonNode> ledger = entries("?since=2026-12-04T00:00:00Z&until=2026-12-05T00:00:00Z");
        assertEquals(List.of("ledger-recorded", "ledger-refused", "ledger-recovered", "ledger-resolved"),
                List.copyOf(ledger.keySet()), "in the order heard; the call without an opt-out is not in it");
        JsonNode recorded = ledger.get("ledger-recorded");
        assertEquals("RECORDED", recorded.path("state").asText());
        assertEquals(RECORDED, recorded.path("recordId").asText());
        assertEquals("DoNotCall", recorded.path("recordedIn").asText());
        assertEquals("2026-12-04T15:00:00Z", recorded.path("heardAt").asText());
        assertEquals("webhook", recorded.path("receivedVia").asText());
        assertEquals("+31 ••• ••• 0001", recorded.path("number").asText(), "masked as the mails mask it");
        assertEquals("2026-12-19T00:00:00Z", recorded.path("deadline").asText(),
                "a Friday's opt-out: 10 business days, through Friday the 18th");
        assertTrue(recorded.path("recordedAt").isTextual());
        JsonNode refused = ledger.get("ledger-refused");
        assertEquals("NOT_RECORDED", refused.path("state").asText());
        assertTrue(refused.path("why").asText().contains("FIELD_CUSTOM_VALIDATION_EXCEPTION"), refused.toString());
        assertEquals("compliance@example.com", refused.path("alertedTo").asText());
        assertTrue(refused.path("alertedAt").isTextual(), "a person was told, and when");
        assertEquals("reconcile", ledger.get("ledger-recovered").path("receivedVia").asText());
        assertEquals("RECORDED", ledger.get("ledger-recovered").path("state").asText());
        assertEquals("RESOLVED", ledger.get("ledger-resolved").path("state").asText());
        assertEquals("resolved by ana@example.com: DoNotCall set by hand",
                ledger.get("ledger-resolved").path("resolution").asText(), "who resolved it, and why");
        assertFalse(ledger.values().toString().contains("transcript"), "no transcript in an entry");

        assertEquals(List.of("ledger-refused"), List.copyOf(entries("?since=2026-12-04T00:00:00Z"
                + "&until=2026-12-05T00:00:00Z&state=NOT_RECORDED").keySet()));
        HttpResponse<String> csv = ledger("?since=2026-12-04T00:00:00Z&until=2026-12-05T00:00:00Z&format=csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<String> lines = csv.body().lines().toList();
        assertEquals(5, lines.size(), csv.body());
        assertTrue(lines.get(0).startsWith("kind,vendor,account,vendorCallId,number,heardAt"), lines.get(0));
        assertTrue(lines.get(1).startsWith("call,hms-sovereign,default,ledger-recorded,+31 ••• ••• 0001,"
                + "2026-12-04T15:00:00Z"), lines.get(1));
        AdminScript.Result script = AdminScript.run(webhooks.admin().base(), ADMIN_TOKEN, "opt-outs",
                "since=2026-12-04T00:00:00Z&until=2026-12-05T00:00:00Z&format=csv");
        assertEquals(0, script.exit(), script.output());
        assertEquals(csv.body().strip().replace("\r\n", "\n"), script.output().strip().replace("\r\n", "\n"),
                "scripts/admin.sh opt-outs writes the same CSV");
    }

    @Test
    void aFilterThatIsNoInstantIsRefusedNamingTheParameter() throws Exception {
        HttpResponse<String> answer = ledger("?since=yesterday");
        assertEquals(400, answer.statusCode());
        JsonNode error = Json.MAPPER.readTree(answer.body());
        assertEquals("invalid_parameter", error.path("error").asText());
        assertTrue(error.path("message").asText().contains("'since'"), answer.body());
        assertEquals(400, ledger("?state=LOST").statusCode());
    }

    @Test
    void anOptOutStillNotRecordedHalfwayToItsDeadlineAndADayBeforeItTellsComplianceOnceEach() throws Exception {
        fake.org.person("Contact", REFUSED, "+31612340009");
        fake.org.refusals.add(FakeSalesforce.Refusal.always("id", REFUSED, "FIELD_CUSTOM_VALIDATION_EXCEPTION",
                "Do Not Call is locked for this account"));
        webhooks.hms(call("ledger-late", REFUSED, "+31612340009", "2026-12-04T15:00:00.000Z", "opt_out"));
        awaitDone("ledger-late", "do-not-call");
        // heard Friday 4 December 15:00; due by the end of Friday the 18th; halfway on the 11th at 19:30
        String alerts = "SELECT rule FROM delivery WHERE sink = 'mail' AND subject_id = 'ledger-late'"
                + " AND rule LIKE 'opt-out-deadline%' ORDER BY rule";
        watch("2026-12-11T19:00:00Z");
        assertEquals(List.of(), log.rows(alerts), "before half its deadline: nothing yet");
        watch("2026-12-12T08:00:00Z");
        watch("2026-12-14T08:00:00Z");
        assertEquals(List.of(Map.of("rule", "opt-out-deadline-half")), log.rows(alerts), "once, however often looked");
        watch("2026-12-18T01:00:00Z");
        assertEquals(List.of(Map.of("rule", "opt-out-deadline-half"), Map.of("rule", "opt-out-deadline-near")),
                log.rows(alerts), "and once more within a day of it");

        await().atMost(Duration.ofSeconds(30)).until(() -> log.rows("SELECT status FROM delivery WHERE sink = 'mail'"
                + " AND subject_id = 'ledger-late' AND rule LIKE 'opt-out-deadline%' AND status = 'DONE'").size() == 2);
        assertTrue(log.rows("SELECT result FROM delivery WHERE sink = 'mail' AND subject_id = 'ledger-late'"
                + " AND rule = 'opt-out-deadline-near'").get(0).get("result").toString()
                .endsWith("for compliance@example.com"), "to the compliance recipients");
        MeterRegistry meters = context.getRegistry().lookupByNameAndType(
                "metricsRegistry", MeterRegistry.class);
        assertTrue(meters.get("router.opt.outs.unrecorded").tags("state", "not_recorded", "age", "past_half")
                .gauge().value() >= 1, "counted in the metrics");
    }

    /** The opt-out watch, looking at a time the test chooses. */
    private void watch(String now) throws Exception {
        new OptOutWatch(
                context.getRegistry().lookupByNameAndType("optOutLedger",
                        OptOutLedger.class),
                context.getRegistry().lookupByNameAndType("sql", Sql.class),
                context.getRegistry().lookupByNameAndType("deliveries",
                        Deliveries.class),
                context.getRegistry().lookupByNameAndType("routerMetrics",
                        RouterMetrics.class),
                new Wakeup(context, Wakeup.sink("mail")),
                Clock.fixed(Instant.parse(now), ZoneOffset.UTC)).check();
    }

    @Test
    void theCompletenessReportSaysWhichCallsOfADayReachedTheCrm() throws Exception {
        fake.org.person("Contact", RECORDED, "+31612340001");
        fake.org.refusals.add(FakeSalesforce.Refusal.always("CallObject", "hms-sovereign:day-refused",
                "FIELD_CUSTOM_VALIDATION_EXCEPTION", "Tasks are locked"));
        webhooks.hms(call("day-logged", RECORDED, "+31612340001", "2026-12-03T09:00:00.000Z"));
        webhooks.hms(call("day-recovered", RECORDED, "+31612340001", "2026-12-03T10:00:00.000Z"));
        webhooks.hms(call("day-refused", RECORDED, "+31612340001", "2026-12-03T11:00:00.000Z"));
        webhooks.hms(call("day-after", RECORDED, "+31612340001", "2026-12-04T00:30:00.000Z"));
        for (String id : List.of("day-logged", "day-recovered", "day-refused", "day-after")) {
            awaitDone(id, "log-call");
        }
        log.update("UPDATE inbox SET received_via = 'reconcile' WHERE vendor_event_id = 'day-recovered'");

        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(webhooks.admin().base()
                + "/admin/completeness?day=2026-12-03")).header("Authorization", "Bearer " + ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        JsonNode rows = Json.MAPPER.readTree(answer.body()).path("rows");
        assertEquals(1, rows.size(), answer.body());
        JsonNode hms = rows.path(0);
        assertEquals("hms-sovereign", hms.path("vendor").asText());
        assertEquals("default", hms.path("account").asText());
        assertEquals(3, hms.path("calls").asInt(), "the call of the 4th is not the 3rd's");
        assertEquals(2, hms.path("byWebhook").asInt());
        assertEquals(1, hms.path("byReconciliation").asInt());
        assertEquals(2, hms.path("inCrm").asInt());
        assertEquals("day-refused", hms.path("missing").path(0).path("vendorCallId").asText());
        assertEquals("DEAD", hms.path("missing").path(0).path("state").asText());
        assertTrue(hms.path("platformChecked").isNull(), "no reconciliation for it here: not known");

        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(webhooks.admin().base()
                + "/admin/completeness?day=03-12-2026")).header("Authorization", "Bearer " + ADMIN_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("'day'"), bad.body());
    }
}
