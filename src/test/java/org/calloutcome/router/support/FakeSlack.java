package org.calloutcome.router.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.calloutcome.router.normalize.Json;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A Slack incoming webhook ({@code POST /services/T.../B.../...}) as Slack documents it ("Sending messages using
 * incoming webhooks"): a JSON body with {@code text}; {@code 200 ok} in plain text; errors as plain-text codes: a
 * revoked or disabled hook {@code 404 no_service} (or {@code 410} once its channel is archived,
 * {@code channel_is_archived}), {@code 403 invalid_token}, {@code 400 invalid_payload} for a body without text, and
 * {@code 429} with {@code Retry-After} when posting faster than about one message a second (Slack's rate limits page).
 */
public final class FakeSlack implements ResponseDefinitionTransformerV2 {
    public static final String NAME = "fake-slack";
    public static final String HOOK = "/services/T0FAKETEAM/B0FAKEHOOK/fakeWebhookSecret000000000";
    /** Every message posted and taken. */
    public final List<JsonNode> posted = new CopyOnWriteArrayList<>();
    /** The next this-many posts are rate limited. */
    public final AtomicInteger rateLimited = new AtomicInteger();
    /** The hook was revoked in Slack. */
    public volatile boolean revoked;
    public final WireMockServer server;

    public FakeSlack() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(this));
        server.start();
        server.stubFor(post(urlPathMatching("/services/.*")).willReturn(aResponse().withTransformers(NAME)));
    }

    public String webhookUrl() {
        return "http://localhost:" + server.port() + HOOK;
    }

    public void reset() {
        posted.clear();
        rateLimited.set(0);
        revoked = false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        if (revoked || !event.getRequest().getUrl().equals(HOOK)) {
            return text(404, "no_service");
        }
        if (rateLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return responseDefinition().withStatus(429).withHeader("Retry-After", "1")
                    .withHeader("Content-Type", "text/plain").withBody("rate_limited").build();
        }
        JsonNode message;
        try {
            message = Json.MAPPER.readTree(event.getRequest().getBodyAsString());
        } catch (Exception e) {
            return text(400, "invalid_payload");
        }
        if (!message.path("text").isTextual() || message.path("text").asText().isBlank()) {
            return text(400, "no_text");
        }
        posted.add(message);
        return text(200, "ok");
    }

    private static ResponseDefinition text(int status, String body) {
        return responseDefinition().withStatus(status).withHeader("Content-Type", "text/plain").withBody(body).build();
    }

    public void stop() {
        server.stop();
    }
}
