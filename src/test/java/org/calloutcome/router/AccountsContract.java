package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.support.Outbox;
import org.calloutcome.router.support.TestRoutes;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Credentials as operators run them: two Retell workspaces (accounts clinic-a and clinic-b) beside the default one,
 * each on its own path with its own key; a Bland secret being rotated (the previous one still accepted, and counted);
 * HMS Sovereign set up with a Bearer token, as its API reference shows. Runs on H2 and PostgreSQL, with rules of its
 * own ({@code test-routes/account-routing.camel.yaml}: clinic-b's calls are alerted).
 */
abstract class AccountsContract extends RouterTest {
    static final String KEY_A = "key_clinic_a_0123456789";
    static final String KEY_B = "key_clinic_b_0123456789";
    static final String BLAND_NEW = "bland-secret-after-rotation";
    static final String ROUTES = "camel.main.routes-include-pattern=" + TestRoutes.ROUTES_BESIDE_THE_RULES
            + ",classpath:test-routes/account-routing.camel.yaml";
    static final String ACCOUNTS = "router.retell.accounts=clinic-a, clinic-b";
    static final String CLINIC_A = "router.retell.account.clinic-a.api-key=" + KEY_A;
    static final String CLINIC_B = "router.retell.account.clinic-b.api-key=" + KEY_B;
    static final String CLINIC_B_ALERTS = "router.mail.to.escalation.retell.clinic-b=support@clinic-b.example";
    static final String DEFAULT_KEY = "router.retell.api-key=" + Webhooks.RETELL_API_KEY;
    static final String NO_RECONCILE = "router.retell.reconcile=false";
    static final String BLAND_CURRENT = "router.bland.secret=" + BLAND_NEW;
    static final String BLAND_PREVIOUS = "router.bland.secret-previous=" + Webhooks.BLAND_SECRET;
    static final String HMS_SECRET = "router.hms-sovereign.secret=" + Webhooks.HMS_SECRET;
    static final String HMS_BEARER = "router.hms-sovereign.auth=bearer";
    static final String CLARION_TOKEN_EAST = "clarion-east-token-0123456789";
    static final String CLARION_ACCOUNTS = "router.clarion.accounts=east";
    static final String CLARION_EAST = "router.clarion.account.east.token=" + CLARION_TOKEN_EAST;

    private Outbox outbox;

    @BeforeEach
    void emptyOutbox() throws Exception {
        outbox = new Outbox(context.resolvePropertyPlaceholders("{{router.mail.outbox}}"));
        outbox.empty();
    }

    private static byte[] retellCall(String callId) {
        ObjectNode payload = (ObjectNode) read(Webhooks.example("retell-call-analyzed.json"));
        ((ObjectNode) payload.get("call")).put("call_id", callId);
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static com.fasterxml.jackson.databind.JsonNode read(byte[] json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private double webhooksCounted(String vendor, String account, String credential) {
        MeterRegistry meters = context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        return meters.find("router.webhooks").tags("vendor", vendor, "account", account, "credential", credential,
                "answer", "accepted").counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void eachAccountIsServedOnItsPathWithItsKeyAndAKeyOfAnotherAccountIsRefused() {
        assertEquals(202, webhooks.retell("/webhooks/retell/clinic-a", KEY_A, retellCall("call_of_a")).status());
        assertEquals(202, webhooks.retell("/webhooks/retell/clinic-b", KEY_B, retellCall("call_of_b")).status());
        assertEquals(202, webhooks.retell("/webhooks/retell", Webhooks.RETELL_API_KEY, retellCall("call_of_default"))
                .status(), "the plain path stays the default account's");

        Webhooks.Answer crossed = webhooks.retell("/webhooks/retell/clinic-b", KEY_A, retellCall("call_crossed"));
        assertEquals(401, crossed.status());
        assertEquals("invalid_signature", crossed.error());
        Webhooks.Answer defaultKey = webhooks.retell("/webhooks/retell/clinic-a", Webhooks.RETELL_API_KEY,
                retellCall("call_crossed_default"));
        assertEquals(401, defaultKey.status(), "the default key does not open an account's path");

        for (String path : List.of("/webhooks/retell/clinic-z", "/webhooks/retell/default",
                "/webhooks/retell/clinic-a/more")) {
            Webhooks.Answer unknown = webhooks.retell(path, KEY_A, retellCall("call_unknown_account"));
            assertEquals(404, unknown.status(), path);
            assertEquals("unknown_account", unknown.error(), path);
            assertTrue(unknown.body().path("message").asText().contains("router.retell.accounts"), unknown.body()
                    .toString());
        }
        assertEquals(0, log.count("inbox WHERE vendor_event_id LIKE 'call_crossed%'"
                + " OR vendor_event_id LIKE 'call_unknown%'"), "nothing refused is stored");
    }

    @Test
    void theAccountIsInTheCallLogAndARoutingRuleSendsItsCallsToItsOwnRecipients() {
        double counted = webhooksCounted("retell", "clinic-b", "current");
        assertEquals(202, webhooks.retell("/webhooks/retell/clinic-a", KEY_A, retellCall("call_a_logged")).status());
        assertEquals(202, webhooks.retell("/webhooks/retell/clinic-b", KEY_B, retellCall("call_b_logged")).status());
        assertEquals(202, webhooks.retell("/webhooks/retell", Webhooks.RETELL_API_KEY, retellCall("call_d_logged"))
                .status());
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("call_event WHERE vendor = 'retell'") == 3);
        assertEquals("clinic-a", log.call("retell", "call_a_logged").get("account"));
        assertEquals("clinic-b", log.call("retell", "call_b_logged").get("account"));
        assertEquals("default", log.call("retell", "call_d_logged").get("account"));

        await().atMost(Duration.ofSeconds(20)).until(() -> !outbox.mails().isEmpty());
        List<Outbox.Mail> mails = outbox.mails();
        assertEquals(1, mails.size(), "only clinic-b's call matches the rule: " + mails);
        assertTrue(mails.get(0).to().contains("support@clinic-b.example"), "its account's recipients: "
                + mails.get(0).to());
        assertEquals(counted + 1, webhooksCounted("retell", "clinic-b", "current"), "the account is a metric label");
    }

    @Test
    void twoAccountsCallsWithOneIdAreTwoCallsEachRoutedToItsOwnAccount() {
        Webhooks.Answer ofA = webhooks.retell("/webhooks/retell/clinic-a", KEY_A, retellCall("call_shared_id"));
        Webhooks.Answer ofB = webhooks.retell("/webhooks/retell/clinic-b", KEY_B, retellCall("call_shared_id"));
        assertEquals(202, ofA.status());
        assertEquals(202, ofB.status());
        assertTrue(!ofB.body().path("duplicate").asBoolean(), "clinic-b's call is not clinic-a's: " + ofB.body());
        assertTrue(webhooks.retell("/webhooks/retell/clinic-a", KEY_A, retellCall("call_shared_id")).body()
                .path("duplicate").asBoolean(), "a retry within one account still is a duplicate");

        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("call_event WHERE vendor_call_id = 'call_shared_id'")
                == 2);
        assertEquals(List.of(java.util.Map.of("account", "clinic-a"), java.util.Map.of("account", "clinic-b")),
                log.rows("SELECT account FROM call_event WHERE vendor_call_id = 'call_shared_id' ORDER BY account"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !outbox.mails().isEmpty());
        assertEquals(1, outbox.mails().size(), "clinic-b's call is alerted, to clinic-b's recipients");
        assertTrue(outbox.mails().get(0).to().contains("support@clinic-b.example"));
    }

    @Test
    void twoAccountsSequenceReportsWithOneIdAreTwoSequencesEachWithItsSteps() {
        byte[] report = Webhooks.example("clarion-end-of-sequence-report.json");
        String sequenceId = read(report).path("id").asText();
        assertEquals(202, webhooks.clarion(report).status());
        Webhooks.Answer east = webhooks.post("/webhooks/clarion/east", report, "application/json",
                "Authorization", "Bearer " + CLARION_TOKEN_EAST);
        assertEquals(202, east.status());
        assertTrue(!east.body().path("duplicate").asBoolean(), "east's sequence is not the default one's: "
                + east.body());
        await().atMost(Duration.ofSeconds(20)).until(() -> log.count("call_sequence") == 2);
        assertEquals(List.of(java.util.Map.of("account", "default"), java.util.Map.of("account", "east")),
                log.rows("SELECT account FROM call_sequence WHERE vendor_sequence_id = '" + sequenceId
                        + "' ORDER BY account"));
        long steps = log.count("sequence_step WHERE account = 'default'");
        assertTrue(steps > 0, "the report has steps");
        assertEquals(steps, log.count("sequence_step WHERE account = 'east'"), "each sequence has its own steps");
    }

    @Test
    void duringARotationTheOldAndTheNewSecretAreBothAcceptedAndTheMetricSaysWhich() {
        double previousBefore = webhooksCounted("bland", "default", "previous");
        double currentBefore = webhooksCounted("bland", "default", "current");
        ObjectNode call = (ObjectNode) read(Webhooks.example("bland-call-completed.json"));
        byte[] signedOld = call.put("call_id", "bland_signed_old").toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(202, webhooks.blandSignedWith(Webhooks.BLAND_SECRET, signedOld).status(),
                "the platform still signs with the previous secret");
        byte[] signedNew = call.put("call_id", "bland_signed_new").toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(202, webhooks.blandSignedWith(BLAND_NEW, signedNew).status(), "and now with the new one");
        byte[] signedOther = call.put("call_id", "bland_signed_other").toString().getBytes(StandardCharsets.UTF_8);
        Webhooks.Answer other = webhooks.blandSignedWith("neither-secret", signedOther);
        assertEquals(401, other.status());
        assertEquals("invalid_signature", other.error());
        assertEquals(previousBefore + 1, webhooksCounted("bland", "default", "previous"));
        assertEquals(currentBefore + 1, webhooksCounted("bland", "default", "current"));
    }

    @Test
    void hmsSovereignSetUpWithABearerTokenAsItsApiReferenceShows() {
        byte[] report = Webhooks.example("hms-sovereign-end-of-call-report.json");
        assertEquals(202, webhooks.post("/webhooks/hms-sovereign", report, "application/json", "Authorization",
                "Bearer " + Webhooks.HMS_SECRET).status());
        Webhooks.Answer wrong = webhooks.post("/webhooks/hms-sovereign", report, "application/json", "Authorization",
                "Bearer not-the-token");
        assertEquals(401, wrong.status());
        assertEquals("invalid_token", wrong.error());
        Webhooks.Answer none = webhooks.post("/webhooks/hms-sovereign", report, "application/json");
        assertEquals(401, none.status());
        assertEquals("missing_token", none.error());
        assertEquals(1, log.count("inbox WHERE vendor = 'hms-sovereign'"), "only the request with the token");
    }
}
