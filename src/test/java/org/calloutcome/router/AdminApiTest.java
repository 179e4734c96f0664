package org.calloutcome.router;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.support.AdminScript;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Failed and dead work, seen and replayed over HTTP while the router runs, and processed events reprocessed, behind
 * the admin token.
 */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:h2:mem:admin-api;DB_CLOSE_DELAY=-1", 
        "router.admin.token=" + AdminApiTest.TOKEN,
        "router.mail.outbox=" + AdminApiTest.OUTBOX,
        "router.inbox.scan-interval-ms=200",
        "router.clarion.token=" + Webhooks.CLARION_TOKEN })
class AdminApiTest extends RouterTest {
    static final String TOKEN = "admin-api-test-token-0123456789-abcdefghij";
    static final String OUTBOX = "target/outbox-admin";
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void emptyOutbox() throws Exception {
        Files.createDirectories(Path.of(OUTBOX));
        for (Path mail : mails()) {
            Files.delete(mail);
        }
    }

    private static List<Path> mails() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(OUTBOX))) {
            return files.filter(f -> f.toString().endsWith(".eml")).toList();
        }
    }

    private HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(webhooks.admin().base() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private JsonNode admin(String method, String path, String body) throws Exception {
        HttpResponse<String> answer = call(method, path, TOKEN, body);
        assertEquals(200, answer.statusCode(), answer.body());
        return Json.MAPPER.readTree(answer.body());
    }

    private String optOut() {
        String call = new String(Webhooks.example("clarion-end-of-call.json"), StandardCharsets.UTF_8)
                .replace("\"failure_reason\": null", "\"failure_reason\": \"opt-out\"");
        return webhooks.clarion(call.getBytes(StandardCharsets.UTF_8)).eventId();
    }

    @Test
    void withoutTheTokenNothingIsShown() throws Exception {
        HttpResponse<String> missing = call("GET", "/admin/inbox", null, null);
        assertEquals(401, missing.statusCode(), missing.body());
        assertEquals("missing_token", Json.MAPPER.readTree(missing.body()).path("error").asText());
        HttpResponse<String> wrong = call("POST", "/admin/inbox/replay", "not-the-token", "{}");
        assertEquals(401, wrong.statusCode());
        assertEquals("invalid_token", Json.MAPPER.readTree(wrong.body()).path("error").asText());
    }

    @Test
    void theAdminApiIsServedOnItsOwnPortAndNotBesideTheWebhooks() throws Exception {
        assertTrue(!webhooks.admin().base().equals(webhooks.base()), "two ports");
        for (String path : List.of("/admin/inbox", "/admin/status", "/admin/inbox/resolve")) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(webhooks.base() + path))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(404, answer.statusCode(), path + " beside the webhooks: " + answer.body());
            assertEquals("not_found", Json.MAPPER.readTree(answer.body()).path("error").asText());
        }
        // and no webhook is taken on the admin port
        HttpResponse<String> webhook = http.send(HttpRequest.newBuilder(
                URI.create(webhooks.admin().base() + "/webhooks/clarion"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Webhooks.example("clarion-end-of-call.json")))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + Webhooks.CLARION_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(404, webhook.statusCode(), webhook.body());
        assertEquals(0, log.count("inbox"));
        assertEquals(200, call("GET", "/admin/inbox", TOKEN, null).statusCode());
        HttpResponse<String> wrongMethod = call("DELETE", "/admin/inbox", TOKEN, null);
        assertEquals(405, wrongMethod.statusCode(), wrongMethod.body());
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedBeforeItIsReadAndNoAnswerCanBeFramedOrSniffed() throws Exception {
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded"}) {
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(webhooks.admin().base()
                    + "/admin/inbox/resolve")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .header("Content-Type", type).header("Authorization", "Bearer " + TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertEquals(415, refused.statusCode(), type);
            assertEquals("unsupported_media_type", Json.MAPPER.readTree(refused.body()).path("error").asText());
        }
        HttpResponse<String> listed = call("GET", "/admin/inbox", TOKEN, null);
        assertEquals("nosniff", listed.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("DENY", listed.headers().firstValue("X-Frame-Options").orElse(""));
    }

    @Test
    void aDeadEventIsListedWithItsErrorAndReplayedOnce() throws Exception {
        String eventId = optOut();
        log.awaitProcessed(eventId);
        await().atMost(Duration.ofSeconds(20)).until(() -> mails().size() == 1);
        // as if processing had failed for good: the event is DEAD with its reason
        log.execute("UPDATE inbox SET status = 'DEAD', attempts = 10, next_attempt_at = NULL,"
                + " last_error = 'java.sql.SQLException: the database went away' WHERE event_id = '" + eventId + "'");

        JsonNode dead = admin("GET", "/admin/inbox?state=DEAD&vendor=clarion", null).path("inbox");
        assertEquals(1, dead.size(), dead.toString());
        assertEquals(eventId, dead.path(0).path("eventId").asText());
        assertEquals("java.sql.SQLException: the database went away", dead.path(0).path("error").asText());
        assertEquals(0, admin("GET", "/admin/inbox?state=DEAD&vendor=altur", null).path("inbox").size());

        assertEquals(1, admin("POST", "/admin/inbox/replay", "{\"ids\": [\"" + eventId + "\"]}").path("replayed")
                .asInt());
        log.awaitProcessed(eventId);
        assertEquals(List.of(Map.of("attempts", "1")), log.rows("SELECT attempts FROM inbox"), "attempts start again");
        assertEquals(0, admin("POST", "/admin/inbox/replay", "{}").path("replayed").asInt(), "nothing left to replay");
        assertEquals(1, log.count("call_event"), "one call log row");
        assertEquals(1, mails().size(), "the alert was not sent again");
    }

    @Test
    void aDeadAlertIsReplayedOnceAndAResolvedOneIsNoLongerListed() throws Exception {
        context.getRouteController().stopRoute("deliver-mail");
        String eventId;
        try {
            eventId = optOut();
            log.awaitProcessed(eventId);
            log.execute("UPDATE delivery SET status = 'DEAD', attempts = 10, next_attempt_at = NULL,"
                    + " last_error = 'jakarta.mail.MessagingException: 554 rejected' WHERE sink = 'mail'");
        } finally {
            context.getRouteController().startRoute("deliver-mail");
        }
        JsonNode dead = admin("GET", "/admin/deliveries?state=DEAD&sink=mail", null).path("deliveries");
        assertEquals(1, dead.size(), dead.toString());
        assertEquals("opt-out", dead.path(0).path("action").asText());
        assertEquals(0, mails().size());

        String id = dead.path(0).path("id").asText();
        assertEquals(1, admin("POST", "/admin/deliveries/replay", "{\"ids\": [" + id + "]}").path("replayed").asInt());
        await().atMost(Duration.ofSeconds(20)).until(() -> mails().size() == 1);
        assertEquals(0, admin("POST", "/admin/deliveries/replay", "{\"ids\": [" + id + "]}").path("replayed").asInt(),
                "a done alert is not replayed");

        log.execute("UPDATE delivery SET status = 'DEAD', next_attempt_at = NULL WHERE sink = 'mail'");
        assertEquals(1, admin("POST", "/admin/deliveries/resolve", "{\"sink\": \"mail\"}").path("resolved").asInt());
        assertEquals(0, admin("GET", "/admin/deliveries", null).path("deliveries").size());
        assertEquals(1, mails().size());
    }

    /**
     * An opt-out processed under an older mapping that read its outcome as UNKNOWN: no DoNotCall, no alert. Reprocessed
     * with today's mapping, the call log row says OPTED_OUT and only the missing actions are queued; the call Task
     * asked for before is not asked again, and a second reprocess adds nothing.
     */
    @Test
    void aProcessedEventIsReprocessedWithTodaysMappingAndOnlyNewActionsAreQueued() throws Exception {
        String eventId = optOut();
        log.awaitProcessed(eventId);
        await().atMost(Duration.ofSeconds(20)).until(() -> mails().size() == 1);
        Files.delete(mails().get(0));
        // what the older mapping left: an UNKNOWN outcome and only the call Task
        log.execute("UPDATE call_event SET business_outcome = 'UNKNOWN', opt_out = FALSE");
        log.execute("DELETE FROM delivery WHERE rule <> 'log-call'");
        log.execute("DELETE FROM mail_sent");
        assertEquals(List.of(Map.of("rule", "log-call")), log.rows("SELECT rule FROM delivery"));

        JsonNode done = admin("POST", "/admin/inbox/reprocess", "{\"ids\": [\"" + eventId + "\"]}");
        assertEquals(1, done.path("reprocessed").asInt(), done.toString());
        assertEquals(0, done.path("failed").asInt());
        assertEquals(2, done.path("newActions").asInt(), "the DoNotCall and the opt-out alert: " + done);
        assertEquals(0, done.path("redacted").asInt());
        assertEquals("PROCESSED", log.inboxStatus(eventId));
        assertEquals("OPTED_OUT", log.call("clarion", "48213").get("business_outcome"));
        assertEquals(List.of(Map.of("rule", "do-not-call", "n", "1"), Map.of("rule", "log-call", "n", "1"),
                Map.of("rule", "opt-out", "n", "1")),
                log.rows("SELECT rule, COUNT(*) AS n FROM delivery GROUP BY rule ORDER BY rule"));
        await().atMost(Duration.ofSeconds(20)).until(() -> mails().size() == 1);

        String since = Instant.now().minusSeconds(3600).toString();
        JsonNode again = admin("POST", "/admin/inbox/reprocess", "{\"vendor\": \"clarion\", \"since\": \""
                + since + "\"}");
        assertEquals(1, again.path("reprocessed").asInt(), again.toString());
        assertEquals(0, again.path("newActions").asInt(), "everything asked for was asked before");
        assertEquals(1, log.count("call_event"));
        assertEquals(0, admin("POST", "/admin/inbox/reprocess", "{\"vendor\": \"altur\", \"since\": \"" + since
                + "\"}").path("reprocessed").asInt(), "another vendor's events only");
        AdminScript.Result script = AdminScript.run(webhooks.admin().base(), TOKEN, "reprocess", "{\"ids\": [\"" + eventId
                + "\"]}");
        assertEquals(0, script.exit(), script.output());
        assertTrue(script.output().contains("\"reprocessed\":1"), script.output());
        assertEquals(1, mails().size(), "the alert was sent once");
    }

    @Test
    void anEventWhosePayloadWasRemovedIsNotReprocessedAndSaysSo() throws Exception {
        String eventId = optOut();
        log.awaitProcessed(eventId);
        log.execute("UPDATE inbox SET payload = '{\"redacted\":true}', redacted_at = CURRENT_TIMESTAMP");

        JsonNode done = admin("POST", "/admin/inbox/reprocess", "{\"ids\": [\"" + eventId + "\"]}");
        assertEquals(0, done.path("reprocessed").asInt(), done.toString());
        assertEquals(1, done.path("redacted").asInt());
        assertEquals("PROCESSED", log.inboxStatus(eventId));
        assertEquals("OPTED_OUT", log.call("clarion", "48213").get("business_outcome"));
    }

    @Test
    void reprocessingNeedsToBeToldWhich() throws Exception {
        HttpResponse<String> answer = call("POST", "/admin/inbox/reprocess", TOKEN, "{}");
        assertEquals(400, answer.statusCode());
        assertEquals("missing_filter", Json.MAPPER.readTree(answer.body()).path("error").asText());
        HttpResponse<String> badTime = call("POST", "/admin/inbox/reprocess", TOKEN, "{\"since\": \"yesterday\"}");
        assertEquals(400, badTime.statusCode());
        assertEquals("invalid_filter", Json.MAPPER.readTree(badTime.body()).path("error").asText());
    }

    @Test
    void aFilterThatMakesNoSenseIsRefused() throws Exception {
        HttpResponse<String> answer = call("POST", "/admin/inbox/replay", TOKEN, "{\"state\": \"PROCESSED\"}");
        assertEquals(400, answer.statusCode());
        assertEquals("invalid_filter", Json.MAPPER.readTree(answer.body()).path("error").asText());
    }
}
