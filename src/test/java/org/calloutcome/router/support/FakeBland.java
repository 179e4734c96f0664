package org.calloutcome.router.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
 * A fake of Bland's API of calls, as docs.bland.ai gives it: {@code GET /v1/calls} ({@code from} / {@code to} indexes,
 * {@code limit} defaulting to 1000, {@code ascending} false by default on {@code created_at}; answer {@code count} and
 * {@code calls} of call metadata) and {@code GET /v1/calls/{call_id}} (the call details its webhook carries). The
 * key in {@code authorization}, without a scheme; errors as Bland words them ({@code {"status": "error", "message"}}).
 */
public final class FakeBland extends FakePlatform {
    private static final String CALLS = "/v1/calls";
    /** As Bland writes times: microseconds and an offset, {@code 2023-12-21T23:25:14.801193+00:00}. */
    private static final DateTimeFormatter BLAND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx")
            .withZone(ZoneOffset.UTC);

    public FakeBland(String apiKey) {
        super(apiKey);
    }

    @Override
    public String vendor() {
        return "bland";
    }

    /** A completed call from the documented webhook, with the request that started it (its prompt). */
    @Override
    public ObjectNode call(String callId, Instant endedAt, int seconds) {
        ObjectNode call = example("bland-call-completed.json");
        Instant started = endedAt.minusSeconds(seconds);
        call.put("call_id", callId).put("c_id", callId).put("call_length", seconds / 60.0);
        call.put("created_at", BLAND_TIME.format(started.minusSeconds(3)));
        call.put("started_at", BLAND_TIME.format(started));
        call.putObject("request_data").put("phone_number", "14155550123")
                .put("task", "SYSTEM PROMPT: be persuasive").put("wait", false);
        calls.add(call);
        return call;
    }

    @Override
    public byte[] webhook(ObjectNode call) {
        return call.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String summaryOf(ObjectNode call) {
        return call.path("summary").asText();
    }

    @Override
    protected String idField() {
        return "call_id";
    }

    @Override
    protected ObjectNode withoutId(ObjectNode call) {
        return call.deepCopy().without(List.of("call_id", "c_id"));
    }

    @Override
    protected String key(Request request) {
        return request.getHeader("authorization");
    }

    @Override
    protected boolean listing(Request request) {
        return gets(request, CALLS);
    }

    @Override
    protected Optional<String> getting(Request request) {
        return getsOne(request, CALLS);
    }

    @Override
    protected JsonNode list(Request request) {
        List<ObjectNode> matching = new ArrayList<>(calls);
        Comparator<ObjectNode> created = Comparator.comparing(c -> OffsetDateTime.parse(c.path("created_at").asText()));
        matching.sort("true".equals(query(request, "ascending")) ? created : created.reversed());
        String from = query(request, "from");
        int first = from == null ? 0 : Integer.parseInt(from);
        String limit = query(request, "limit");
        List<ObjectNode> page = page(matching, first).stream().limit(limit == null ? 1000 : Integer.parseInt(limit))
                .toList();
        ObjectNode answer = Json.MAPPER.createObjectNode().put("count", matching.size());
        ArrayNode items = answer.putArray("calls");
        for (ObjectNode call : page) {
            ObjectNode item = items.addObject();
            for (String field : List.of("call_id", "created_at", "call_length", "to", "from", "completed",
                    "queue_status", "error_message", "answered_by", "batch_id")) {
                item.set(field, call.get(field));
            }
        }
        return answer;
    }

    @Override
    protected JsonNode error(int status, String message) {
        return Json.MAPPER.createObjectNode().put("status", "error").put("message", message);
    }

    @Override
    protected String unauthorized() {
        return "Invalid API key";
    }
}
