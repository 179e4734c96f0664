package org.calloutcome.router.platforms.retell;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.calloutcome.router.mapping.CallDirectory;
import org.calloutcome.router.normalize.Json;

/**
 * Retell's API of calls (retell-sdk: {@code client.call.list}, {@code client.call.retrieve}): {@code POST
 * /v3/list-calls} filtered on {@code start_timestamp} (epoch ms), paged by {@code pagination_key} while
 * {@code has_more}; {@code GET /v2/get-call/{call_id}} for the whole call. Listed items carry no transcript. Retell can
 * filter on a call's start only, so the listing starts two hours (Retell's longest call) before the window and keeps
 * the calls whose {@code end_timestamp} is in it. A call with its analysis is stored as its {@code call_analyzed}
 * webhook, else as {@code call_ended}.
 */
public final class RetellCalls implements CallDirectory {
    private static final Duration LONGEST_CALL = Duration.ofHours(2);
    private static final int PAGE = 1000;

    @Override
    public String vendor() {
        return RetellWebhook.VENDOR;
    }

    @Override
    public List<String> credentialHeader(String apiKey) {
        return List.of("Authorization", "Bearer " + apiKey);
    }

    @Override
    public Request list(Instant from, Instant to, String cursor) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode started = body.putObject("filter_criteria").putObject("start_timestamp");
        started.put("op", "bt").put("type", "range").putArray("value")
                .add(from.minus(LONGEST_CALL).toEpochMilli()).add(to.toEpochMilli());
        body.put("limit", PAGE).put("sort_order", "ascending");
        if (cursor != null) {
            body.put("pagination_key", cursor);
        }
        return Request.post("/v3/list-calls", body.toString());
    }

    @Override
    public Page page(JsonNode answer, Instant from, Instant to, String cursor) {
        List<String> ended = new ArrayList<>();
        for (JsonNode call : answer.path("items")) {
            JsonNode end = call.get("end_timestamp");
            String id = Json.text(call, "call_id");
            if (id != null && end != null && end.canConvertToLong()) {
                Instant endedAt = Instant.ofEpochMilli(end.asLong());
                if (!endedAt.isBefore(from) && endedAt.isBefore(to)) {
                    ended.add(id);
                }
            }
        }
        String next = answer.path("has_more").asBoolean(false) ? Json.text(answer, "pagination_key") : null;
        return new Page(ended, next);
    }

    @Override
    public Request get(String callId) {
        return Request.get("/v2/get-call/" + java.net.URLEncoder.encode(callId, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public JsonNode asWebhook(JsonNode call) {
        String event = call.hasNonNull("call_analysis") ? "call_analyzed" : "call_ended";
        return Json.MAPPER.valueToTree(Map.of("event", event, "call", call));
    }

    @Override
    public List<String> eventIds(String callId) {
        return List.of(callId + "/call_analyzed", callId + "/call_ended");
    }
}
