package org.calloutcome.router.platforms.elevenlabs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.calloutcome.router.mapping.CallDirectory;
import org.calloutcome.router.normalize.Json;

/**
 * ElevenLabs Agents' API of conversations (@elevenlabs/elevenlabs-js: {@code conversationalAi.conversations.list} and
 * {@code .get}): {@code GET /v1/convai/conversations} filtered on the start ({@code call_start_after_unix},
 * {@code call_start_before_unix}, seconds), {@code page_size} at most 100, paged by {@code cursor} while
 * {@code has_more}; {@code GET /v1/convai/conversations/{conversation_id}} for the whole conversation, which is what
 * the {@code post_call_transcription} webhook carries as its {@code data}. The listing starts two hours (the longest
 * call reconciled) before the window and keeps the conversations that ended in it (start plus duration) and are
 * finished ({@code done}, {@code failed}). A failed conversation in which nobody spoke is stored as the
 * {@code call_initiation_failure} webhook.
 */
public final class ElevenLabsCalls implements CallDirectory {
    private static final Duration LONGEST_CALL = Duration.ofHours(2);
    private static final int PAGE = 100;
    private static final Set<String> FINISHED = Set.of("done", "failed");

    @Override
    public String vendor() {
        return ElevenLabsWebhook.VENDOR;
    }

    @Override
    public List<String> credentialHeader(String apiKey) {
        return List.of("xi-api-key", apiKey);
    }

    @Override
    public Request list(Instant from, Instant to, String cursor) {
        // the filter is in whole seconds: one second either side, the window itself is kept below
        String path = "/v1/convai/conversations?call_start_after_unix="
                + (from.minus(LONGEST_CALL).getEpochSecond() - 1) + "&call_start_before_unix="
                + (to.getEpochSecond() + 1) + "&page_size=" + PAGE;
        return Request.get(cursor == null ? path : path + "&cursor=" + URLEncoder.encode(cursor,
                StandardCharsets.UTF_8));
    }

    @Override
    public Page page(JsonNode answer, Instant from, Instant to, String cursor) {
        List<String> ended = new ArrayList<>();
        for (JsonNode conversation : answer.path("conversations")) {
            String id = Json.text(conversation, "conversation_id");
            JsonNode start = conversation.get("start_time_unix_secs");
            if (id == null || start == null || !start.canConvertToLong()
                    || !FINISHED.contains(Json.text(conversation, "status"))) {
                continue;
            }
            Instant endedAt = Instant.ofEpochSecond(start.asLong() + conversation.path("call_duration_secs").asLong());
            if (!endedAt.isBefore(from) && endedAt.isBefore(to)) {
                ended.add(id);
            }
        }
        String next = answer.path("has_more").asBoolean(false) ? Json.text(answer, "next_cursor") : null;
        return new Page(ended, next);
    }

    @Override
    public Request get(String callId) {
        return Request.get("/v1/convai/conversations/" + URLEncoder.encode(callId, StandardCharsets.UTF_8));
    }

    @Override
    public JsonNode asWebhook(JsonNode conversation) {
        ObjectNode payload = Json.MAPPER.createObjectNode();
        JsonNode metadata = Json.at(conversation, "metadata");
        if ("failed".equals(Json.text(conversation, "status")) && !spoken(conversation.get("transcript"))) {
            payload.put("type", "call_initiation_failure");
            ObjectNode data = payload.putObject("data");
            data.set("agent_id", conversation.get("agent_id"));
            data.set("conversation_id", conversation.get("conversation_id"));
            data.put("failure_reason", Json.text(metadata, "termination_reason"));
            data.set("metadata", metadata);
        } else {
            payload.put("type", "post_call_transcription");
            payload.set("data", conversation);
        }
        JsonNode start = metadata.get("start_time_unix_secs");
        if (start != null && start.canConvertToLong()) {
            payload.put("event_timestamp", start.asLong() + metadata.path("call_duration_secs").asLong());
        }
        return payload;
    }

    private static boolean spoken(JsonNode transcript) {
        return transcript instanceof ArrayNode turns && !turns.isEmpty();
    }

    @Override
    public List<String> eventIds(String callId) {
        return List.of(callId);
    }
}
