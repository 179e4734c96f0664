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
import org.calloutcome.router.support.FakeRetell;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks that never arrived: the calls Retell's API lists are compared with the inbox, and those it lacks are fetched
 * and stored as their webhook would have been, once, whoever polls. Polls are driven by the test (the schedule is an
 * hour); the platform is a fake answering as retell-sdk types its API. Runs on H2 and PostgreSQL.
 */
abstract class ReconcileContract extends RouterTest {
    static final String API_KEY = "router.retell.api-key=" + Webhooks.RETELL_API_KEY;
    static final String HOURLY = "router.reconcile.interval-seconds=3600";
    static final String FAST_RETRY = "router.reconcile.first-retry-ms=20";
    static final String ADMIN = "router.admin.token=" + SalesforceOrgContract.ADMIN_TOKEN;

    private final FakeRetell retell = new FakeRetell(Webhooks.RETELL_API_KEY);
    private WireMockServer server;

    @BeforeAll
    void startRetell() {
        server = retell.serve();
        System.setProperty("router.retell.api-url", server.baseUrl()); // read when the router starts
    }

    @AfterAll
    void stopRetell() {
        context.stop();
        System.clearProperty("router.retell.api-url");
        server.stop();
    }

    @BeforeEach
    void emptyPlatform() {
        retell.reset();
    }

    private Reconciler reconciler() {
        return context.getRegistry().lookupByNameAndType("reconcilers", Reconcilers.class).byVendor().get("retell");
    }

    private Webhooks.Answer webhookOf(ObjectNode call) {
        return webhooks.retell(Json.MAPPER.createObjectNode().put("event", "call_analyzed").set("call", call)
                .toString().getBytes(StandardCharsets.UTF_8));
    }

    private void awaitLogged(String... callIds) {
        await().atMost(Duration.ofSeconds(20)).until(() -> List.of(callIds).stream()
                .allMatch(id -> log.count("call_event WHERE vendor = 'retell' AND vendor_call_id = '" + id + "'") == 1));
    }

    @Test
    void aCallWhoseWebhookNeverCameIsStoredFromTheApiOnceAndALaterWebhookIsADuplicate() throws Exception {
        Instant now = Instant.now();
        assertEquals(202, webhookOf(retell.call("call_webhook_came", now.minus(30, ChronoUnit.MINUTES), 120)).status());
        ObjectNode missed = retell.call("call_api_only_1", now.minus(20, ChronoUnit.MINUTES), 60);
        retell.call("call_api_only_2", now.minus(15, ChronoUnit.MINUTES), 300);
        retell.call("call_long", now.minus(10, ChronoUnit.MINUTES), 5400); // started 100 minutes before it ended
        retell.call("call_too_recent", now.minusSeconds(30), 60); // its webhook may be on its way
        retell.call("call_too_old", now.minus(200, ChronoUnit.MINUTES), 60); // before a first poll looks

        assertNotNull(context.getRoute("reconcile-retell"), "polled on a schedule (hourly here; the test polls now)");
        assertEquals(Optional.of(new Reconciler.Outcome(4, 1, 3, 0)), reconciler().poll());
        assertTrue(retell.listRequests.get() >= 3, "every page followed: " + retell.listRequests.get());
        assertEquals(3, retell.getRequests.get(), "only the calls the inbox lacked are fetched");
        awaitLogged("call_webhook_came", "call_api_only_1", "call_api_only_2", "call_long");
        assertEquals(List.of(Map.of("received_via", "reconcile")), log.rows("SELECT received_via FROM inbox"
                + " WHERE vendor_event_id = 'call_api_only_1/call_analyzed'"));
        assertEquals("José wants a call back next week about the renewal.",
                log.call("retell", "call_long").get("summary"), "mapped as its webhook is");
        long deliveries = log.count("delivery WHERE subject_id = 'call_api_only_1'");

        Webhooks.Answer late = webhookOf(missed);
        assertEquals(200, late.status(), "the webhook that arrives at last is a duplicate: " + late.body());
        assertEquals(1, log.count("call_event WHERE vendor_call_id = 'call_api_only_1'"));
        assertEquals(deliveries, log.count("delivery WHERE subject_id = 'call_api_only_1'"), "every sink acts once");

        int fetched = retell.getRequests.get();
        Optional<Reconciler.Outcome> next = reconciler().poll();
        assertEquals(0, next.map(Reconciler.Outcome::stored).orElse(0), "the next window starts at the watermark");
        assertEquals(fetched, retell.getRequests.get());
    }

    @Test
    void aPlatformThatAsksToWaitIsAskedAgainOnlyAfterItsRetryAfter() throws Exception {
        retell.call("call_after_429", Instant.now().minus(10, ChronoUnit.MINUTES), 60);
        retell.faults.add(new FakeRetell.Fault(429, Map.of("Retry-After", "120"), "Too many requests"));
        assertEquals(Optional.empty(), reconciler().poll());
        int asked = retell.listRequests.get();
        assertEquals(Optional.empty(), reconciler().poll());
        assertEquals(asked, retell.listRequests.get(), "no request before Retry-After");
        assertEquals(List.of(Map.of("waits", "true")), log.rows("SELECT CASE WHEN not_before"
                + " > CURRENT_TIMESTAMP + INTERVAL '100' SECOND THEN 'true' ELSE 'false' END AS waits"
                + " FROM reconcile_window WHERE vendor = 'retell'"));
    }

    @Test
    void aFailingPlatformIsTriedAgainAndAWindowThatFailedIsPolledAgain() throws Exception {
        retell.call("call_during_outage", Instant.now().minus(10, ChronoUnit.MINUTES), 60);
        for (int i = 0; i < 3; i++) {
            retell.faults.add(new FakeRetell.Fault(500, Map.of(), "Internal Server Error"));
        }
        assertEquals(Optional.empty(), reconciler().poll(), "three 500s: the poll gives up");
        assertEquals(3, retell.listRequests.get());
        assertEquals("failing", apiHealth().get("api.state"));

        retell.faults.add(new FakeRetell.Fault(500, Map.of(), "Internal Server Error"));
        retell.faults.add(new FakeRetell.Fault(503, Map.of(), "Service Unavailable"));
        assertEquals(1, reconciler().poll().orElseThrow().stored(),
                "the failed window again, answered at the third try");
        assertEquals("up", apiHealth().get("api.state"));
        awaitLogged("call_during_outage");
    }

    @Test
    void aRefusedKeyStopsThePollsUntilTheKeyChanges() throws Exception {
        retell.faults.add(new FakeRetell.Fault(401, Map.of(), "Invalid API Key"));
        assertEquals(Optional.empty(), reconciler().poll());
        int asked = retell.listRequests.get();
        assertEquals(Optional.empty(), reconciler().poll());
        assertEquals(asked, retell.listRequests.get(), "the refused key is not sent again");
        assertEquals("key refused", apiHealth().get("api.state"));
        assertEquals("UP", HealthCheckHelper.invokeReadiness(context).stream()
                .filter(r -> r.getCheck().getId().equals("database")).findFirst().orElseThrow().getState().name(),
                "readiness follows the database, not a platform's API");
    }

    @Test
    void aRecordTheMappingCannotReadIsKeptAsAFailedInboxRowWithItsJson() throws Exception {
        ObjectNode call = retell.call("call_unreadable", Instant.now().minus(10, ChronoUnit.MINUTES), 60);
        call.put("call_type", "phone_call");
        retell.unreadable.add("call_unreadable");
        assertEquals(1, reconciler().poll().orElseThrow().stored());
        await().atMost(Duration.ofSeconds(20)).until(() -> !log.rows("SELECT status FROM inbox WHERE vendor = 'retell'"
                + " AND status IN ('FAILED', 'DEAD')").isEmpty());
        String payload = (String) log.rows("SELECT payload FROM inbox WHERE vendor = 'retell'").get(0).get("payload");
        assertTrue(payload.contains("José"), "the platform's JSON is kept for an operator");
    }

    @Test
    void anOperatorBackfillsAChosenWindow() throws Exception {
        Instant now = Instant.now();
        retell.call("call_in_outage_1", now.minus(6, ChronoUnit.HOURS), 60);
        retell.call("call_in_outage_2", now.minus(5, ChronoUnit.HOURS), 60);
        assertEquals(202, webhookOf(retell.call("call_in_outage_3", now.minus(4, ChronoUnit.HOURS), 60)).status());
        Webhooks.Answer answer = admin("{\"vendor\": \"retell\", \"from\": \"" + now.minus(7, ChronoUnit.HOURS)
                + "\", \"to\": \"" + now.minus(3, ChronoUnit.HOURS) + "\"}");
        assertEquals(200, answer.status(), answer.body().toString());
        assertEquals(Map.of("listed", 3, "known", 1, "stored", 2, "failed", 0), Map.of(
                "listed", answer.body().path("listed").asInt(), "known", answer.body().path("known").asInt(),
                "stored", answer.body().path("stored").asInt(), "failed", answer.body().path("failed").asInt()));
        awaitLogged("call_in_outage_1", "call_in_outage_2", "call_in_outage_3");

        Webhooks.Answer unknown = admin("{\"vendor\": \"bland\", \"from\": \"" + now + "\", \"to\": \"" + now + "\"}");
        assertEquals(400, unknown.status());
        assertEquals("unknown_vendor", unknown.error());
        Webhooks.Answer badTime = admin("{\"vendor\": \"retell\", \"from\": \"yesterday\", \"to\": \"" + now + "\"}");
        assertEquals(400, badTime.status());
        assertEquals("invalid_field", badTime.error());
    }

    @Test
    void twoInstancesPollAWindowOnce() throws Exception {
        retell.call("call_polled_once", Instant.now().minus(10, ChronoUnit.MINUTES), 60);
        retell.listDelayMillis = 500;
        Reconciler other = new Reconciler(new Sql(dataSource), context.getRegistry().lookupByNameAndType("inbox",
                Inbox.class), new RetellCalls(), webhook(), new PlatformApi(server.baseUrl(),
                        new RetellCalls().credentialHeader(Webhooks.RETELL_API_KEY), 1, Duration.ofMillis(20)),
                Webhooks.RETELL_API_KEY, reconciler().schedule(), "another-instance",
                context.getRegistry().lookupByNameAndType("routerMetrics", RouterMetrics.class), () -> { });
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
            return reconciler().poll();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private VendorWebhook webhook() {
        return RouterConfiguration.vendorWebhooks(new Settings(context)).get("retell");
    }

    private Map<String, Object> apiHealth() {
        HealthCheck check = context.getRegistry().lookupByNameAndType("retellApiHealthCheck", HealthCheck.class);
        assertNotNull(check);
        return check.call().getDetails();
    }

    private Webhooks.Answer admin(String body) {
        return webhooks.post("/admin/reconcile", body.getBytes(StandardCharsets.UTF_8), "application/json",
                "Authorization", "Bearer " + SalesforceOrgContract.ADMIN_TOKEN);
    }
}
