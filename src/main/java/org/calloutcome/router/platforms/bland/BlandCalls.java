package org.calloutcome.router.platforms.bland;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.mapping.CallDirectory;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.normalize.Timestamps;

/**
 * Bland's API of calls (docs.bland.ai, "List Calls" and "Call Details"): {@code GET /v1/calls} newest first by
 * {@code created_at}, a page being the indexes {@code from} to {@code to}; {@code GET /v1/calls/{call_id}} for the
 * whole call, the object its webhook carries. Newest first, a call created while the pages are read pushes the others
 * down a place: they are seen twice, never skipped. Pages are read until one is empty or reaches two hours (the
 * longest call reconciled) before the window; a call is kept when it is completed and its start ({@code started_at}, else {@code created_at})
 * plus {@code call_length} (minutes) is in the window.
 */
public final class BlandCalls implements CallDirectory {
    private static final Duration LONGEST_CALL = Duration.ofHours(2);
    private static final int PAGE = 1000;

    @Override
    public String vendor() {
        return BlandWebhook.VENDOR;
    }

    /** Bland takes the key itself, without a scheme. */
    @Override
    public List<String> credentialHeader(String apiKey) {
        return List.of("authorization", apiKey);
    }

    @Override
    public Request list(Instant from, Instant to, String cursor) {
        int first = cursor == null ? 0 : Integer.parseInt(cursor);
        return Request.get("/v1/calls?ascending=false&sort_by=created_at&from=" + first + "&to=" + (first + PAGE)
                + "&limit=" + PAGE);
    }

    @Override
    public Page page(JsonNode answer, Instant from, Instant to, String cursor) {
        List<String> ended = new ArrayList<>();
        JsonNode calls = answer.path("calls");
        Instant oldest = null;
        for (JsonNode call : calls) {
            Instant created = Timestamps.parse(Json.text(call, "created_at"), ZoneOffset.UTC);
            oldest = created == null || oldest != null && oldest.isBefore(created) ? oldest : created;
            Instant started = Timestamps.parse(Json.text(call, "started_at"), ZoneOffset.UTC);
            Instant endedAt = endedAt(started != null ? started : created, call.get("call_length"));
            String id = Json.first(Json.text(call, "call_id"), Json.text(call, "c_id"));
            if (id != null && Json.truthy(call.get("completed")) && endedAt != null && !endedAt.isBefore(from)
                    && endedAt.isBefore(to)) {
                ended.add(id);
            }
        }
        // a page shorter than asked may still not be the last (Bland may cap it): an empty page is
        boolean more = !calls.isEmpty() && oldest != null && !oldest.isBefore(from.minus(LONGEST_CALL));
        int first = cursor == null ? 0 : Integer.parseInt(cursor);
        return new Page(ended, more ? String.valueOf(first + calls.size()) : null);
    }

    private static Instant endedAt(Instant started, JsonNode minutes) {
        if (started == null || minutes == null || !minutes.isNumber()) {
            return null;
        }
        return started.plusMillis(Math.round(minutes.asDouble() * 60_000));
    }

    @Override
    public Request get(String callId) {
        return Request.get("/v1/calls/" + URLEncoder.encode(callId, StandardCharsets.UTF_8));
    }

    @Override
    public JsonNode asWebhook(JsonNode call) {
        return call;
    }

    @Override
    public List<String> eventIds(String callId) {
        return List.of(callId);
    }
}
