package org.calloutcome.router.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Request;
import org.calloutcome.router.normalize.Json;

/**
 * A fake of ElevenLabs Agents' API of conversations, as @elevenlabs/elevenlabs-js types it (on the wire, snake case):
 * {@code GET /v1/convai/conversations} ({@code call_start_after_unix}, {@code call_start_before_unix} in seconds,
 * {@code page_size} at most 100, {@code cursor}; answer {@code conversations} of summaries, {@code next_cursor},
 * {@code has_more}) and {@code GET /v1/convai/conversations/{conversation_id}} (the whole conversation). The key in
 * {@code xi-api-key}; errors as ElevenLabs answers them ({@code {"detail": {"status", "message"}}}).
 */
public final class FakeElevenLabs extends FakePlatform {
    private static final String CONVERSATIONS = "/v1/convai/conversations";

    public FakeElevenLabs(String apiKey) {
        super(apiKey);
    }

    @Override
    public String vendor() {
        return "elevenlabs";
    }

    /** A finished phone conversation from the documented post-call transcription. */
    @Override
    public ObjectNode call(String callId, Instant endedAt, int seconds) {
        ObjectNode conversation = (ObjectNode) example("elevenlabs-post-call-transcription.json").get("data");
        conversation.put("conversation_id", callId).put("has_audio", true).put("has_user_audio", true)
                .put("has_response_audio", true);
        ((ObjectNode) conversation.get("metadata")).put("start_time_unix_secs", endedAt.getEpochSecond() - seconds)
                .put("call_duration_secs", seconds);
        ((ObjectNode) conversation.get("conversation_initiation_client_data")).putObject("conversation_config_override")
                .putObject("agent").put("first_message", "Hello!").putObject("prompt")
                .put("prompt", "SYSTEM PROMPT: be persuasive");
        calls.add(conversation);
        return conversation;
    }

    @Override
    public byte[] webhook(ObjectNode conversation) {
        ObjectNode payload = Json.MAPPER.createObjectNode().put("type", "post_call_transcription")
                .put("event_timestamp", Instant.now().getEpochSecond());
        payload.set("data", conversation);
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String summaryOf(ObjectNode conversation) {
        return conversation.at("/analysis/transcript_summary").asText();
    }

    @Override
    protected String idField() {
        return "conversation_id";
    }

    @Override
    protected String key(Request request) {
        return request.getHeader("xi-api-key");
    }

    @Override
    protected boolean listing(Request request) {
        return gets(request, CONVERSATIONS);
    }

    @Override
    protected Optional<String> getting(Request request) {
        return getsOne(request, CONVERSATIONS);
    }

    @Override
    protected JsonNode list(Request request) {
        String after = query(request, "call_start_after_unix");
        String before = query(request, "call_start_before_unix");
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode conversation : calls) {
            long start = conversation.at("/metadata/start_time_unix_secs").asLong();
            boolean afterStart = after == null || start > Long.parseLong(after);
            if (afterStart && (before == null || start < Long.parseLong(before))) {
                matching.add(conversation);
            }
        }
        matching.sort(Comparator.comparingLong((ObjectNode c) -> c.at("/metadata/start_time_unix_secs").asLong())
                .reversed());
        String cursor = query(request, "cursor");
        int first = cursor == null ? 0 : Integer.parseInt(cursor.substring("page-".length()));
        String size = query(request, "page_size");
        int wanted = size == null ? 30 : Integer.parseInt(size);
        if (wanted > 100) {
            return error(422, "page_size can not exceed 100");
        }
        List<ObjectNode> page = page(matching, first).stream().limit(wanted).toList();
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode items = answer.putArray("conversations");
        for (ObjectNode conversation : page) {
            JsonNode metadata = conversation.get("metadata");
            items.addObject().put("agent_id", conversation.path("agent_id").asText())
                    .put("conversation_id", conversation.path("conversation_id").asText())
                    .put("start_time_unix_secs", metadata.path("start_time_unix_secs").asLong())
                    .put("call_duration_secs", metadata.path("call_duration_secs").asLong())
                    .put("message_count", conversation.path("transcript").size())
                    .put("status", conversation.path("status").asText())
                    .put("call_successful", conversation.at("/analysis/call_successful").asText())
                    .put("direction", metadata.at("/phone_call/direction").asText());
        }
        int next = first + page.size();
        answer.put("has_more", next < matching.size());
        if (next < matching.size()) {
            answer.put("next_cursor", "page-" + next);
        }
        return answer;
    }

    @Override
    protected JsonNode error(int status, String message) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.putObject("detail").put("status", status == 401 ? "invalid_api_key" : "error").put("message", message);
        return body;
    }

    @Override
    protected String unauthorized() {
        return "Invalid API key";
    }
}
