package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.Webhooks;
import org.calloutcome.router.support.Webhooks.Answer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * What intake refuses, once for all platforms: each request is answered with its status and a JSON body naming the
 * problem, and nothing of it is stored. (Refusing touches no database: this runs on H2 alone.)
 */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:h2:mem:webhook-refusals;DB_CLOSE_DELAY=-1",
        "router.mail.outbox=target/outbox-refusals",
        "router.altur.secret=" + Webhooks.ALTUR_SECRET,
        "router.hms-sovereign.secret=" + Webhooks.HMS_SECRET,
        "router.clarion.token=" + Webhooks.CLARION_TOKEN,
        "router.callkaro.token=" + Webhooks.CALLKARO_TOKEN,
        "router.max-body-bytes=65536" })
class WebhookRefusalsTest extends RouterTest {
    private static final byte[] ALTUR = Webhooks.example("altur-on-call-end.json");
    private static final byte[] HMS = Webhooks.example("hms-sovereign-end-of-call-report.json");
    private static final byte[] CLARION = Webhooks.example("clarion-end-of-call.json");

    private static Arguments refused(String what, int status, String error, Function<Webhooks, Answer> request) {
        return Arguments.of(what, status, error, request);
    }

    static Stream<Arguments> requests() {
        byte[] tampered = new String(ALTUR, StandardCharsets.UTF_8).replace("John Doe", "Jane Doe")
                .getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                refused("Altur without a signature", 401, "missing_signature",
                        w -> w.post("/webhooks/altur", ALTUR, "application/json")),
                refused("Altur with a wrong signature", 401, "invalid_signature", w -> w.altur(ALTUR, "0".repeat(64))),
                refused("Altur with the original's signature on a tampered body", 401, "invalid_signature",
                        w -> w.altur(tampered, Webhooks.hmacHex(Webhooks.ALTUR_SECRET, ALTUR))),
                refused("HMS Sovereign signed ten minutes ago", 401, "stale_timestamp",
                        w -> w.hms(HMS, Instant.now().getEpochSecond() - 600)),
                refused("HMS Sovereign with a wrong signature", 401, "invalid_signature",
                        w -> w.post("/webhooks/hms-sovereign", HMS, "application/json",
                                "X-Webhook-Timestamp", String.valueOf(Instant.now().getEpochSecond()),
                                "X-Webhook-Signature", "sha256=" + "ab".repeat(32))),
                refused("Clarion without a token", 401, "missing_token",
                        w -> w.post("/webhooks/clarion", CLARION, "application/json")),
                refused("Clarion with a guessed token", 401, "invalid_token",
                        w -> w.post("/webhooks/clarion?token=guess", CLARION, "application/json")),
                refused("CallKaro with a guessed bearer token", 401, "invalid_token",
                        w -> w.post("/webhooks/callkaro", CLARION, "application/json", "Authorization",
                                "Bearer guess")),
                refused("a body cut short", 400, "malformed_json",
                        w -> w.altur("{\"id\": \"cll_1\",".getBytes(StandardCharsets.UTF_8))),
                refused("an array instead of an object", 400, "malformed_json",
                        w -> w.altur("[1, 2]".getBytes(StandardCharsets.UTF_8))),
                refused("text/plain", 415, "unsupported_media_type",
                        w -> w.post("/webhooks/clarion?token=" + Webhooks.CLARION_TOKEN, CLARION, "text/plain")),
                refused("a body past router.max-body-bytes", 413, "body_too_large",
                        w -> w.altur(("{\"id\":\"big\",\"pad\":\"" + "x".repeat(70_000) + "\"}")
                                .getBytes(StandardCharsets.UTF_8))),
                refused("a CallKaro call without its id", 422, "missing_field",
                        w -> w.callkaro("{\"event\":\"call_ended\",\"data\":{\"name\":\"outbound\"}}"
                                .getBytes(StandardCharsets.UTF_8))),
                refused("a Clarion payload of neither kind", 422, "unrecognized_payload",
                        w -> w.clarion("{\"id\":1}".getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest(name = "{0}: {1} {2}")
    @MethodSource("requests")
    void isRefusedWithAJsonBodyAndNothingStored(String what, int status, String error,
            Function<Webhooks, Answer> request) {
        Answer answer = request.apply(webhooks);
        assertEquals(status, answer.status(), answer.body().toString());
        assertEquals(error, answer.error(), answer.body().toString());
        assertNotNull(answer.body().path("message").asText(null), "the error body explains itself");
        assertEquals(0, log.count("inbox"));
    }
}
