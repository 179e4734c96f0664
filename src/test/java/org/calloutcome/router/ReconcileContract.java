package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.calloutcome.router.intake.Inbox;
import org.calloutcome.router.mapping.VendorWebhook;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.observe.RouterMetrics;
import org.calloutcome.router.platforms.retell.RetellCalls;
import org.calloutcome.router.reconcile.PlatformApi;
import org.calloutcome.router.reconcile.Reconciler;
import org.calloutcome.router.reconcile.Reconcilers;
import org.calloutcome.router.store.Sql;
import org.calloutcome.router.support.AdminScript;
import org.calloutcome.router.support.FakeBland;
import org.calloutcome.router.support.FakeElevenLabs;
import org.calloutcome.router.support.FakeHmsSovereign;
import org.calloutcome.router.support.FakePlatform;
import org.calloutcome.router.support.FakeRetell;
import org.calloutcome.router.support.FakeVapi;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks that never arrived: the calls each platform's API lists are compared with the inbox, and those it lacks are
 * fetched and stored as their webhook would have been, once, whoever polls. Polls are driven by the test (the schedule
 * is an hour); the platforms are fakes answering as their SDKs and docs type their APIs (Retell, Vapi, ElevenLabs,
 * Bland, HMS Sovereign). Runs on H2 and PostgreSQL.
 */
abstract class ReconcileContract extends RouterTest {
    static final String RETELL_KEY = "router.retell.api-key=" + Webhooks.RETELL_API_KEY;
    static final String VAPI_KEY = "router.vapi.api-key=" + FakeKeys.VAPI;
    static final String BLAND_KEY = "router.bland.api-key=" + FakeKeys.BLAND;
    static final String ELEVENLABS_KEY = "router.elevenlabs.api-key=" + FakeKeys.ELEVENLABS;
    static final String HMS_KEY = "router.hms-sovereign.api-key=" + FakeKeys.HMS_SOVEREIGN;
    static final String HMS_SECRET = "router.hms-sovereign.secret=" + Webhooks.HMS_SECRET;
    static final String VAPI_SECRET = "router.vapi.secret=" + Webhooks.VAPI_SECRET;
    static final String BLAND_SECRET = "router.bland.secret=" + Webhooks.BLAND_SECRET;
    static final String ELEVENLABS_SECRET = "router.elevenlabs.secret=" + Webhooks.ELEVENLABS_SECRET;
    static final String VAPI_ACCOUNT = "router.vapi.accounts=clinic-a";
    static final String VAPI_ACCOUNT_KEY = "router.vapi.account.clinic-a.api-key=" + FakeKeys.VAPI_CLINIC_A;
    static final String VAPI_ACCOUNT_SECRET = "router.vapi.account.clinic-a.secret=vapi-clinic-a-secret";
    static final String HOURLY = "router.reconcile.interval-seconds=3600";
    static final String FAST_RETRY = "router.reconcile.first-retry-ms=20";
    static final String ADMIN = "router.admin.token=" + SalesforceOrgContract.ADMIN_TOKEN;

    /** The platforms' API keys, as the fakes expect them. */
    static final class FakeKeys {
        static final String VAPI = "vapi-private-key-0123";
        static final String VAPI_CLINIC_A = "vapi-private-key-of-clinic-a";
        static final String BLAND = "org_bland_key_0123";
        static final String ELEVENLABS = "sk_elevenlabs_0123";
        static final String HMS_SOVEREIGN = "fl_live_hms_0123";

        private FakeKeys() {
        }
    }

    private final FakeRetell retell = new FakeRetell(Webhooks.RETELL_API_KEY);
    private final FakeVapi vapi = new FakeVapi(FakeKeys.VAPI);
    private final FakeElevenLabs elevenlabs = new FakeElevenLabs(FakeKeys.ELEVENLABS);
    private final List<FakePlatform> platforms = List.of(retell, vapi, elevenlabs, new FakeBland(FakeKeys.BLAND),
            new FakeHmsSovereign(FakeKeys.HMS_SOVEREIGN));
    private final List<WireMockServer> servers = new java.util.ArrayList<>();
    private WireMockServer retellServer;

    @BeforeAll
    void startPlatforms() {
        for (FakePlatform platform : platforms) {
            WireMockServer server = platform.serve();
            servers.add(server);
            System.setProperty("router." + platform.vendor() + ".api-url", server.baseUrl()); // read at start
            if (platform == retell) {
                retellServer = server;
            }
        }
    }

    @AfterAll
    void stopPlatforms() {
        context.stop();
        platforms.forEach(platform -> System.clearProperty("router." + platform.vendor() + ".api-url"));
        servers.forEach(WireMockServer::stop);
    }

    @BeforeEach
    void emptyPlatforms() {
        platforms.forEach(FakePlatform::reset);
        vapi.otherKeys.add(FakeKeys.VAPI_CLINIC_A);
    }

    List<FakePlatform> platforms() {
        return platforms;
    }

    private Reconciler reconciler(FakePlatform platform) {
        return context.getRegistry().lookupByNameAndType("reconcilers", Reconcilers.class).byVendor()
                .get(platform.vendor());
    }

    private Webhooks.Answer webhookOf(FakePlatform platform, ObjectNode call) {
        byte[] body = platform.webhook(call);
        return switch (platform.vendor()) {
            case "retell" -> webhooks.retell(body);
            case "vapi" -> webhooks.vapi(body);
            case "elevenlabs" -> webhooks.elevenlabs(body);
            case "bland" -> webhooks.bland(body);
            case "hms-sovereign" -> webhooks.hms(body);
            default -> throw new IllegalArgumentException(platform.vendor());
        };
    }

    private void awaitLogged(FakePlatform platform, String... callIds) {
        await().atMost(Duration.ofSeconds(20)).until(() -> List.of(callIds).stream()
                .allMatch(id -> log.count("call_event WHERE vendor = '" + platform.vendor() + "' AND vendor_call_id = '"
                        + id + "'") == 1));
    }

    @ParameterizedTest
    @MethodSource("platforms")
    void aCallWhoseWebhookNeverCameIsStoredFromTheApiOnceAndALaterWebhookIsADuplicate(FakePlatform platform)
            throws Exception {
        Instant now = Instant.now();
        ObjectNode delivered = platform.call("call_webhook_came", now.minus(30, ChronoUnit.MINUTES), 120);
        assertEquals(202, webhookOf(platform, delivered).status());
        ObjectNode missed = platform.call("call_api_only_1", now.minus(20, ChronoUnit.MINUTES), 60);
        platform.call("call_api_only_2", now.minus(15, ChronoUnit.MINUTES), 300);
        ObjectNode longCall = platform.call("call_long", now.minus(10, ChronoUnit.MINUTES), 5400); // 90 minutes
        platform.call("call_too_recent", now.minusSeconds(30), 60); // its webhook may be on its way
        platform.call("call_too_old", now.minus(200, ChronoUnit.MINUTES), 60); // before a first poll looks

        assertNotNull(context.getRoute("reconcile-" + platform.vendor()), "polled on a schedule (hourly here)");
        assertEquals(Optional.of(new Reconciler.Outcome(4, 1, 3, 0)), reconciler(platform).poll());
        int pages = platform == vapi ? 1 : 3; // Vapi has no cursor: its 6 calls are one page
        assertTrue(platform.listRequests.get() >= pages, "every page followed: " + platform.listRequests.get());
        assertEquals(3, platform.getRequests.get(), "only the calls the inbox lacked are fetched");
        awaitLogged(platform, "call_webhook_came", "call_api_only_1", "call_api_only_2", "call_long");
        assertEquals(List.of(Map.of("received_via", "reconcile")), log.rows("SELECT received_via FROM inbox WHERE"
                + " vendor = '" + platform.vendor() + "' AND vendor_event_id = '"
                + platform.eventId("call_api_only_1") + "'"));
        assertEquals(platform.summaryOf(longCall), log.call(platform.vendor(), "call_long").get("summary"),
                "mapped as its webhook is");
        String stored = "SELECT payload FROM inbox WHERE vendor = '" + platform.vendor() + "'";
        for (Map<String, Object> row : log.rows(stored)) {
            assertFalse(String.valueOf(row.get("payload")).contains("SYSTEM PROMPT"), "prompts are never stored");
        }
        long deliveries = log.count("delivery WHERE subject_id = 'call_api_only_1'");

        Webhooks.Answer late = webhookOf(platform, missed);
        assertEquals(200, late.status(), "the webhook that arrives at last is a duplicate: " + late.body());
        assertEquals(1, log.count("call_event WHERE vendor_call_id = 'call_api_only_1'"));
        assertEquals(deliveries, log.count("delivery WHERE subject_id = 'call_api_only_1'"), "every sink acts once");

        int fetched = platform.getRequests.get();
        Optional<Reconciler.Outcome> next = reconciler(platform).poll();
        assertEquals(0, next.map(Reconciler.Outcome::stored).orElse(0), "the next window starts at the watermark");
        assertEquals(fetched, platform.getRequests.get());
    }

    @Test
    void anAccountIsReconciledWithItsOwnKeyInAWindowOfItsOwnAndItsCallsAreStoredAsItsOwn() throws Exception {
        Reconciler clinic = context.getRegistry().lookupByNameAndType("reconcilers", Reconcilers.class).byVendor()
                .get("vapi/clinic-a");
        assertNotNull(clinic, "router.vapi.accounts names clinic-a, whose API key is set");
        assertNotNull(context.getRoute("reconcile-vapi-clinic-a"));
        vapi.call("call_of_clinic_a", Instant.now().minus(10, ChronoUnit.MINUTES), 60);
        assertEquals(1, clinic.poll().orElseThrow().stored());
        assertTrue(vapi.keysSeen.stream().allMatch(FakeKeys.VAPI_CLINIC_A::equals), "its own key: " + vapi.keysSeen);
        assertEquals(List.of(Map.of("account", "clinic-a")), log.rows("SELECT account FROM inbox"
                + " WHERE vendor_event_id = 'call_of_clinic_a'"));
        awaitLogged(vapi, "call_of_clinic_a");
        assertEquals("clinic-a", log.call("vapi", "call_of_clinic_a").get("account"));
        assertEquals(List.of(Map.of("vendor", "vapi/clinic-a")), log.rows("SELECT vendor FROM reconcile_window"));
    }

    @Test
    void aFullVapiPageIsAskedAgainInHalvesUntilEveryCallIsListed() throws Exception {
        Instant now = Instant.now();
        int count = 130; // more than the 100 a page holds
        for (int i = 0; i < count; i++) {
            vapi.call("call_busy_" + i, now.minusSeconds(300 + 20L * i), 45);
        }
        assertEquals(Optional.of(new Reconciler.Outcome(count, 0, count, 0)), reconciler(vapi).poll());
        assertTrue(vapi.listRequests.get() > 2, "the full page was split: " + vapi.listRequests.get());
        assertEquals(count, vapi.getRequests.get(), "each call fetched once");
        await().atMost(Duration.ofSeconds(60)).until(() -> log.count("call_event WHERE vendor = 'vapi'") == count);
    }

    @Test
    void aFailedElevenLabsConversationInWhichNobodySpokeIsStoredAsTheCallThatNeverConnected() throws Exception {
        ObjectNode conversation = elevenlabs.call("conv_never_connected", Instant.now().minus(10, ChronoUnit.MINUTES),
                0);
        conversation.put("status", "failed").putArray("transcript");
        ((ObjectNode) conversation.get("metadata")).put("termination_reason", "busy");
        assertEquals(1, reconciler(elevenlabs).poll().orElseThrow().stored());
        awaitLogged(elevenlabs, "conv_never_connected");
        assertEquals(List.of(Map.of("vendor_event_type", "call_initiation_failure")), log.rows("SELECT"
                + " vendor_event_type FROM inbox WHERE vendor_event_id = 'conv_never_connected'"));
        assertEquals("BUSY", log.call("elevenlabs", "conv_never_connected").get("connectivity"));
    }

    @ParameterizedTest
    @MethodSource("platforms")
    void aPlatformThatAsksToWaitIsAskedAgainOnlyAfterItsRetryAfter(FakePlatform platform) throws Exception {
        platform.call("call_after_429", Instant.now().minus(10, ChronoUnit.MINUTES), 60);
        platform.faults.add(new FakePlatform.Fault(429, Map.of("Retry-After", "120"), "Too many requests"));
        assertEquals(Optional.empty(), reconciler(platform).poll());
        int asked = platform.listRequests.get();
        assertEquals(Optional.empty(), reconciler(platform).poll());
        assertEquals(asked, platform.listRequests.get(), "no request before Retry-After");
        assertEquals(List.of(Map.of("waits", "true")), log.rows("SELECT CASE WHEN not_before"
                + " > CURRENT_TIMESTAMP + INTERVAL '100' SECOND THEN 'true' ELSE 'false' END AS waits"
                + " FROM reconcile_window WHERE vendor = '" + platform.vendor() + "'"));
    }

    @ParameterizedTest
    @MethodSource("platforms")
    void aFailingPlatformIsTriedAgainAndAWindowThatFailedIsPolledAgain(FakePlatform platform) throws Exception {
        platform.call("call_during_outage", Instant.now().minus(10, ChronoUnit.MINUTES), 60);
        for (int i = 0; i < 3; i++) {
            platform.faults.add(new FakePlatform.Fault(500, Map.of(), "Internal Server Error"));
        }
        assertEquals(Optional.empty(), reconciler(platform).poll(), "three 500s: the poll gives up");
        assertEquals(3, platform.listRequests.get());
        assertEquals("failing", apiHealth(platform).get("api.state"));

        platform.faults.add(new FakePlatform.Fault(500, Map.of(), "Internal Server Error"));
        platform.faults.add(new FakePlatform.Fault(503, Map.of(), "Service Unavailable"));
        assertEquals(1, reconciler(platform).poll().orElseThrow().stored(),
                "the failed window again, answered at the third try");
        assertEquals("up", apiHealth(platform).get("api.state"));
        awaitLogged(platform, "call_during_outage");
    }

    @ParameterizedTest
    @MethodSource("platforms")
    void aRefusedKeyStopsThePollsUntilTheKeyChanges(FakePlatform platform) throws Exception {
        platform.faults.add(new FakePlatform.Fault(401, Map.of(), "Invalid API key"));
        assertEquals(Optional.empty(), reconciler(platform).poll());
        int asked = platform.listRequests.get();
        assertEquals(Optional.empty(), reconciler(platform).poll());
        assertEquals(asked, platform.listRequests.get(), "the refused key is not sent again");
        assertEquals("key refused", apiHealth(platform).get("api.state"));
        assertEquals("UP", HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().equals("database")).findFirst().orElseThrow().getState().name(),
                "readiness follows the database, not a platform's API");
    }

    @ParameterizedTest
    @MethodSource("platforms")
    void aRecordTheMappingCannotReadIsKeptAsAFailedInboxRowWithItsJson(FakePlatform platform) throws Exception {
        ObjectNode call = platform.call("call_unreadable", Instant.now().minus(10, ChronoUnit.MINUTES), 60);
        platform.unreadable.add("call_unreadable");
        assertEquals(1, reconciler(platform).poll().orElseThrow().stored());
        String vendor = "vendor = '" + platform.vendor() + "'";
        await().atMost(Duration.ofSeconds(20)).until(() -> !log.rows("SELECT status FROM inbox WHERE " + vendor
                + " AND status IN ('FAILED', 'DEAD')").isEmpty());
        String payload = (String) log.rows("SELECT payload FROM inbox WHERE " + vendor).get(0).get("payload");
        assertTrue(payload.contains(platform.summaryOf(call)), "the platform's JSON is kept for an operator");
    }

    @ParameterizedTest
    @MethodSource("platforms")
    void anOperatorBackfillsAChosenWindow(FakePlatform platform) throws Exception {
        Instant now = Instant.now();
        platform.call("call_in_outage_1", now.minus(6, ChronoUnit.HOURS), 60);
        platform.call("call_in_outage_2", now.minus(5, ChronoUnit.HOURS), 60);
        ObjectNode delivered = platform.call("call_in_outage_3", now.minus(4, ChronoUnit.HOURS), 60);
        assertEquals(202, webhookOf(platform, delivered).status());
        Webhooks.Answer answer = admin("{\"vendor\": \"" + platform.vendor() + "\", \"from\": \""
                + now.minus(7, ChronoUnit.HOURS) + "\", \"to\": \"" + now.minus(3, ChronoUnit.HOURS) + "\"}");
        assertEquals(200, answer.status(), answer.body().toString());
        assertEquals(Map.of("listed", 3, "known", 1, "stored", 2, "failed", 0), Map.of(
                "listed", answer.body().path("listed").asInt(), "known", answer.body().path("known").asInt(),
                "stored", answer.body().path("stored").asInt(), "failed", answer.body().path("failed").asInt()));
        awaitLogged(platform, "call_in_outage_1", "call_in_outage_2", "call_in_outage_3");
    }

    @Test
    void aBackfillNamesWhatIsWrongWithItsRequest() {
        Instant now = Instant.now();
        Webhooks.Answer unknown = admin("{\"vendor\": \"callkaro\", \"from\": \"" + now + "\", \"to\": \"" + now
                + "\"}");
        assertEquals(400, unknown.status());
        assertEquals("unknown_vendor", unknown.error());
        Webhooks.Answer badTime = admin("{\"vendor\": \"retell\", \"from\": \"yesterday\", \"to\": \"" + now
                + "\"}");
        assertEquals(400, badTime.status());
        assertEquals("invalid_field", badTime.error());
    }

    @Test
    void theAdminScriptExitsWithAFailureWhenTheRouterRefusesAndPrintsWhy() throws Exception {
        String now = Instant.now().toString();
        String from = Instant.now().minus(1, ChronoUnit.HOURS).toString();
        AdminScript.Result refused = adminScript("reconcile", "callkaro", from, now);
        assertEquals(1, refused.exit(), refused.output());
        assertTrue(refused.output().contains("unknown_vendor") && refused.output().contains("answered 400"),
                refused.output());
        AdminScript.Result done = adminScript("reconcile", "retell", from, now);
        assertEquals(0, done.exit(), done.output());
        assertTrue(done.output().contains("\"listed\""), done.output());
        assertEquals(2, adminScript("reconcile", "retell").exit(), "a usage error");
    }

    private AdminScript.Result adminScript(String... arguments) throws Exception {
        return AdminScript.run(webhooks.admin().base(), SalesforceOrgContract.ADMIN_TOKEN, arguments);
    }

    @Test
    void twoInstancesPollAWindowOnce() throws Exception {
        retell.call("call_polled_once", Instant.now().minus(10, ChronoUnit.MINUTES), 60);
        retell.listDelayMillis = 500;
        Reconciler other = new Reconciler(new Reconciler.Polled(new RetellCalls(), "default", webhook(),
                new PlatformApi(retellServer.baseUrl(), new RetellCalls().credentialHeader(Webhooks.RETELL_API_KEY), 1,
                        Duration.ofMillis(20)), Webhooks.RETELL_API_KEY),
                new Reconciler.Store(new Sql(dataSource), context.getRegistry().lookupByNameAndType("inbox",
                        Inbox.class), () -> { }),
                reconciler(retell).schedule(), "another-instance",
                context.getRegistry().lookupByNameAndType("routerMetrics", RouterMetrics.class));
        CompletableFuture<Optional<Reconciler.Outcome>> first = CompletableFuture.supplyAsync(this::poll);
        CompletableFuture<Optional<Reconciler.Outcome>> second = CompletableFuture.supplyAsync(() -> {
            try {
                return other.poll();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<Optional<Reconciler.Outcome>> outcomes = List.of(first.get(), second.get());
        assertEquals(1, outcomes.stream().filter(Optional::isPresent).count(), "one poll holds the lease");
        assertEquals(1, retell.listRequests.get());
        assertEquals(1, retell.getRequests.get());
    }

    private Optional<Reconciler.Outcome> poll() {
        try {
            return reconciler(retell).poll();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private VendorWebhook webhook() {
        return IntakeConfiguration.vendorWebhooks(RouterConfiguration.withCodeDefaults(context)).get("retell");
    }

    private Map<String, Object> apiHealth(FakePlatform platform) {
        HealthCheck check = context.getRegistry().lookupByNameAndType(platform.vendor() + "ApiHealthCheck",
                HealthCheck.class);
        assertNotNull(check);
        return check.call().getDetails();
    }

    private Webhooks.Answer admin(String body) {
        return webhooks.admin().post("/admin/reconcile", body.getBytes(StandardCharsets.UTF_8), "application/json",
                "Authorization", "Bearer " + SalesforceOrgContract.ADMIN_TOKEN);
    }
}
