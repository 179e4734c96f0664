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
 * A fake of Retell's API of calls, as retell-sdk types it: {@code POST /v3/list-calls} (body {@code CallListParams}:
 * {@code filter_criteria.start_timestamp} a range of epoch ms, {@code limit}, {@code pagination_key}, {@code
 * sort_order}; answer {@code CallListResponse}: {@code items} without transcripts, {@code has_more},
 * {@code pagination_key}) and {@code GET /v2/get-call/{call_id}} (the whole call). A Bearer API key; errors as Retell
 * answers them ({@code {"message": ...}}).
 */
public final class FakeRetell extends FakePlatform {

    public FakeRetell(String apiKey) {
        super(apiKey);
    }

    @Override
    public String vendor() {
        return "retell";
    }

    /** A phone call that ended at {@code endedAt} after {@code seconds}, analysed, from the documented example. */
    @Override
    public ObjectNode call(String callId, Instant endedAt, int seconds) {
        ObjectNode call = (ObjectNode) Json.at(example("retell-call-analyzed.json"), "call");
        call.put("call_id", callId);
        call.put("end_timestamp", endedAt.toEpochMilli());
        call.put("start_timestamp", endedAt.minusSeconds(seconds).toEpochMilli());
        call.put("duration_ms", seconds * 1000L);
        calls.add(call);
        return call;
    }

    @Override
    public byte[] webhook(ObjectNode call) {
        return Json.MAPPER.createObjectNode().put("event", "call_analyzed").set("call", call).toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String summaryOf(ObjectNode call) {
        return call.at("/call_analysis/call_summary").asText();
    }

    @Override
    public String eventId(String callId) {
        return callId + "/call_analyzed";
    }

    @Override
    protected String idField() {
        return "call_id";
    }

    @Override
    protected String key(Request request) {
        return bearer(request.getHeader("Authorization"));
    }

    @Override
    protected boolean listing(Request request) {
        return request.getMethod().getName().equals("POST") && request.getUrl().equals("/v3/list-calls");
    }

    @Override
    protected Optional<String> getting(Request request) {
        return request.getMethod().getName().equals("GET") && request.getUrl().startsWith("/v2/get-call/")
                ? Optional.of(request.getUrl().substring("/v2/get-call/".length())) : Optional.empty();
    }

    @Override
    protected JsonNode list(Request request) {
        JsonNode params = read(request.getBody());
        JsonNode range = params.at("/filter_criteria/start_timestamp/value");
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode call : calls) {
            long started = call.path("start_timestamp").asLong();
            if (range.isMissingNode() || started >= range.get(0).asLong() && started <= range.get(1).asLong()) {
                matching.add(call);
            }
        }
        matching.sort(Comparator.comparingLong(c -> c.path("start_timestamp").asLong()));
        int first = params.hasNonNull("pagination_key") ? Integer.parseInt(params.get("pagination_key").asText()) : 0;
        List<ObjectNode> page = page(matching, first);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode items = answer.putArray("items");
        for (ObjectNode call : page) {
            items.add(call.deepCopy().without(List.of("transcript", "transcript_object")));
        }
        int next = first + page.size();
        answer.put("has_more", next < matching.size());
        if (next < matching.size()) {
            answer.put("pagination_key", String.valueOf(next));
        }
        return answer;
    }

    @Override
    protected JsonNode error(int status, String message) {
        return Json.MAPPER.createObjectNode().put("message", message);
    }

    @Override
    protected String unauthorized() {
        return "Invalid API Key";
    }
}
