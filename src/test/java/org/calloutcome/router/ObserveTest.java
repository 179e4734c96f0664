package org.calloutcome.router;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.support.RouterProcess;
import org.calloutcome.router.support.TcpProxy;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Health and metrics as operators and Prometheus read them, on the management port, apart from the webhooks (which
 * do not serve them). The router reaches PostgreSQL
 * through a connection the test can cut: a database outage takes readiness down (intake could not store webhooks),
 * liveness stays up.
 */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.user=postgres",
        "router.db.schema=call_router_observe",
        "router.db.pool-size=4",
        "router.mail.outbox=target/outbox-observe",
        "router.clarion.token=" + Webhooks.CLARION_TOKEN,
        "router.metrics.refresh-ms=200" })
class ObserveTest extends RouterTest {
    private static final TcpProxy NETWORK;
    private static final int MANAGEMENT_PORT = RouterProcess.freePort();
    private final HttpClient http = HttpClient.newHttpClient();

    static {
        try {
            NETWORK = new TcpProxy(RouterProcess.freePort(), 5432).start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        // the router reaches PostgreSQL through a connection the test can cut
        System.setProperty("router.db.url", "jdbc:postgresql://localhost:" + NETWORK.port() + "/test");
        // as in production: health and metrics on a port of their own (the build's tests share the webhook port)
        System.setProperty("camel.management.port", String.valueOf(MANAGEMENT_PORT));
    }

    @AfterAll
    void forgetDatabaseAndPort() {
        context.stop();
        System.clearProperty("router.db.url");
        System.clearProperty("camel.management.port");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return get("http://localhost:" + MANAGEMENT_PORT, path);
    }

    private HttpResponse<String> get(String base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void healthAndMetricsAreServedOnTheManagementPortAndNotBesideTheWebhooks() throws Exception {
        assertEquals(200, get("/observe/health/ready").statusCode());
        assertTrue(get("/observe/metrics").body().contains("router_webhooks_total"));
        for (String path : java.util.List.of("/observe/metrics", "/observe/health", "/observe/health/ready")) {
            assertEquals(404, get(webhooks.base(), path).statusCode(), path + " beside the webhooks");
        }
        HttpResponse<String> webhook = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + MANAGEMENT_PORT + "/webhooks/clarion"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Webhooks.example("clarion-end-of-call.json")))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + Webhooks.CLARION_TOKEN)
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, webhook.statusCode(), "no webhook is taken on the management port");
        assertEquals(0, log.count("inbox"));
    }

    private static JsonNode check(HttpResponse<String> health, String name) throws Exception {
        for (JsonNode check : Json.MAPPER.readTree(health.body()).path("checks")) {
            if (name.equals(check.path("name").asText())) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health.body());
    }

    @Test
    void readinessFollowsTheDatabaseAndLivenessDoesNot() throws Exception {
        HttpResponse<String> ready = get("/observe/health/ready");
        assertEquals(200, ready.statusCode(), ready.body());
        assertEquals("UP", check(ready, "database").path("status").asText());

        NETWORK.cut();
        try {
            HttpResponse<String> down = get("/observe/health/ready");
            assertEquals(503, down.statusCode(), down.body());
            assertEquals("DOWN", check(down, "database").path("status").asText());
            assertEquals(200, get("/observe/health/live").statusCode(), "no reason to restart the router");
        } finally {
            NETWORK.start();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/observe/health/ready").statusCode() == 200);
    }

    @Test
    void aSinkThatFailsIsReportedWithoutTakingReadinessDown() throws Exception {
        log.execute("INSERT INTO delivery (id, sink, delivery_key, rule, event_id, vendor, event_kind, subject_id,"
                + " status, attempts, created_at, next_attempt_at, last_error) VALUES (1, 'mail', 'k', 'opt-out',"
                + " '5c4d030f-43e3-4e65-899e-8148521e660f', 'clarion', 'call-ended', '1', 'FAILED', 1, CURRENT_TIMESTAMP,"
                + " CURRENT_TIMESTAMP + INTERVAL '1' HOUR, 'jakarta.mail.MessagingException: +14155550123 refused')");
        HttpResponse<String> health = get("/observe/health?data=true");
        assertEquals(200, health.statusCode(), health.body());
        JsonNode mail = check(health, "sink-mail");
        assertEquals("UP", mail.path("status").asText());
        assertEquals("failing", mail.path("data").path("sink.state").asText(), mail.toString());
        assertEquals("jakarta.mail.MessagingException", mail.path("data").path("sink.error").asText());
        assertFalse(health.body().contains("4155550123"), "no call data in the health answer");
        assertEquals("not configured", check(health, "sink-salesforce").path("data").path("sink.state").asText());
        assertEquals(200, get("/observe/health/ready").statusCode());
    }

    @Test
    void webhooksBacklogAndProcessingTimeInPrometheusFormat() throws Exception {
        String eventId = webhooks.clarion(Webhooks.example("clarion-end-of-call.json")).eventId();
        log.awaitProcessed(eventId);
        webhooks.clarion(Webhooks.example("clarion-end-of-call.json"));
        webhooks.clarion("{\"outreach\": []}".getBytes(StandardCharsets.UTF_8));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = get("/observe/metrics").body();
            String clarion = "router_webhooks_total{account=\"default\",answer=\"%s\",credential=\"current\","
                    + "reason=\"%s\",vendor=\"clarion\"} 1.0";
            assertTrue(metrics.contains(clarion.formatted("accepted", "none")), metrics);
            assertTrue(metrics.contains(clarion.formatted("duplicate", "none")));
            assertTrue(metrics.contains(clarion.formatted("refused", "missing_field")),
                    "verified, then refused for its content");
            assertTrue(metrics.contains("router_inbox_backlog 0.0"));
            assertTrue(metrics.contains("router_event_processing_seconds_count"));
            assertTrue(metrics.contains("router_deliveries{action=\"log-call\",sink=\"salesforce\",state=\"SKIPPED\"} 1.0"),
                    metrics);
        });
        String metrics = get("/observe/metrics").body();
        assertFalse(metrics.contains("48213"), "no call id as a label");
        // the call's number, +14155550123, in any form (a bare "0123" can be the digits of a timing)
        assertFalse(metrics.contains("4155550123") || metrics.contains("555-0123") || metrics.contains("555 0123"),
                "no phone number");
    }

    /** Series alerts and rate() read are there from the start, at 0, before their first event (none of these come). */
    @Test
    void theKnownSeriesAreExportedAtZeroBeforeTheirFirstEvent() throws Exception {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = get("/observe/metrics").body();
            for (String series : java.util.List.of(
                    "router_webhooks_total{account=\"default\",answer=\"accepted\",credential=\"current\","
                            + "reason=\"none\",vendor=\"vapi\"} 0.0",
                    "router_webhooks_total{account=\"default\",answer=\"accepted\",credential=\"previous\","
                            + "reason=\"none\",vendor=\"vapi\"} 0.0",
                    "router_webhooks_total{account=\"default\",answer=\"refused\",credential=\"none\","
                            + "reason=\"invalid_signature\",vendor=\"bland\"} 0.0",
                    "router_deliveries_finished_total{action=\"do-not-call\",result=\"dead\",sink=\"salesforce\"} 0.0",
                    "router_deliveries{action=\"opt-out\",sink=\"mail\",state=\"DEAD\"} 0.0",
                    "router_inbox_events{state=\"DEAD\"} 0.0",
                    "router_mails_total{result=\"failed\"} 0.0")) {
                assertTrue(metrics.contains(series), series + " in\n" + metrics);
            }
        });
    }
}
