package org.calloutcome.router;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.normalize.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Requests no route takes are answered in JSON too, and say what would have been taken. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:h2:mem:http-answers;DB_CLOSE_DELAY=-1",
        "router.mail.outbox=target/outbox-http-answers",
        "router.max-body-bytes=5000",
        "camel.server.max-body-size=20000" })
class HttpAnswersTest extends RouterTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(webhooks.base() + path)).header("Content-Type",
                "application/json").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> answer) throws Exception {
        assertEquals("application/json", answer.headers().firstValue("Content-Type").orElse(""));
        return Json.MAPPER.readTree(answer.body());
    }

    @Test
    void anUnknownPathIsA404InJson() throws Exception {
        HttpResponse<String> answer = send("POST", "/webhooks/nobody", "{}");
        assertEquals(404, answer.statusCode());
        assertEquals("not_found", json(answer).path("error").asText());
    }

    @Test
    void aWrongMethodIsA405ThatSaysWhichOneIsTaken() throws Exception {
        HttpResponse<String> answer = send("GET", "/webhooks/altur", null);
        assertEquals(405, answer.statusCode());
        assertEquals("POST", answer.headers().firstValue("Allow").orElse(""));
        assertEquals("method_not_allowed", json(answer).path("error").asText());
        assertEquals("GET", send("POST", "/observe/health", "{}").headers().firstValue("Allow").orElse(""));
    }

    @Test
    void aBodyPastTheServersLimitIsA413InJson() throws Exception {
        HttpResponse<String> answer = send("POST", "/webhooks/altur", "{\"id\": \"" + "x".repeat(30_000) + "\"}");
        assertEquals(413, answer.statusCode());
        assertEquals("body_too_large", json(answer).path("error").asText());
        assertEquals(0, log.count("inbox"));
    }
}
