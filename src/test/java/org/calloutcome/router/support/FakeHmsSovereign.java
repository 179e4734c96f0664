package org.calloutcome.router.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Request;
import org.calloutcome.router.normalize.Json;

/**
 * A fake of HMS Sovereign / VoiceDock's API of calls, as its API reference gives it: {@code GET /calls}
 * ({@code start_date}, {@code end_date} ISO 8601 on the call's start, {@code limit} default 100 and at most 1,000,
 * {@code offset}; answer {@code calls} and {@code pagination {total, limit, offset}}, newest first) and
 * {@code GET /calls/{id}} (one call, the same shape). A Bearer API key; errors as its reference shows them
 * ({@code {"error", "message"}}).
 */
public final class FakeHmsSovereign extends FakePlatform {
    private static final String CALLS = "/calls";

    public FakeHmsSovereign(String apiKey) {
        super(apiKey);
    }

    @Override
    public String vendor() {
        return "hms-sovereign";
    }

    /** A finished call, from the API reference's example with the documented webhook's conversation. */
    @Override
    public ObjectNode call(String callId, Instant endedAt, int seconds) {
        ObjectNode report = (ObjectNode) example("hms-sovereign-end-of-call-report.json").get("message");
        ObjectNode call = Json.MAPPER.createObjectNode().put("id", callId)
                .put("caller_phone", "+31612345678").put("assistant_phone", "+31850835037").put("status", "ended")
                .put("started_at", endedAt.minusSeconds(seconds).toString()).put("ended_at", endedAt.toString())
                .put("duration_seconds", seconds).put("summary", report.path("summary").asText());
        call.set("analysis_result", report.get("analysis"));
        call.set("messages", report.get("messages"));
        call.put("agent_id", "2b1e3b65-2c04-4fa2-a2d7-467901e98978").put("agent_name", "Front desk")
                .put("business_name", "HMS Sovereign Demo").put("phone_number", "+31850835037")
                .put("created_at", endedAt.minusSeconds(seconds + 2).toString())
                .put("updated_at", endedAt.plusSeconds(1).toString());
        calls.add(call);
        return call;
    }

    /** The documented end-of-call report, about this call. */
    @Override
    public byte[] webhook(ObjectNode call) {
        ObjectNode payload = example("hms-sovereign-end-of-call-report.json");
        ObjectNode message = (ObjectNode) payload.get("message");
        ((ObjectNode) message.get("call")).put("id", call.path("id").asText());
        message.put("timestamp", call.path("ended_at").asText());
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String summaryOf(ObjectNode call) {
        return call.path("summary").asText();
    }

    @Override
    protected String idField() {
        return "id";
    }

    @Override
    protected String key(Request request) {
        return bearer(request.getHeader("Authorization"));
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
        String start = query(request, "start_date");
        String end = query(request, "end_date");
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode call : calls) {
            Instant started = Instant.parse(call.path("started_at").asText());
            if ((start == null || !started.isBefore(Instant.parse(start)))
                    && (end == null || !started.isAfter(Instant.parse(end)))) {
                matching.add(call);
            }
        }
        matching.sort(Comparator.comparing((ObjectNode c) -> Instant.parse(c.path("created_at").asText()))
                .reversed());
        String limit = query(request, "limit");
        int wanted = limit == null ? 100 : Integer.parseInt(limit);
        if (wanted > 1000) {
            return error(400, "limit must be at most 1000");
        }
        String offset = query(request, "offset");
        int first = offset == null ? 0 : Integer.parseInt(offset);
        List<ObjectNode> page = page(matching, first).stream().limit(wanted).toList();
        ObjectNode answer = Json.MAPPER.createObjectNode();
        page.forEach(answer.putArray("calls")::add);
        answer.putObject("pagination").put("total", matching.size()).put("limit", wanted).put("offset", first);
        return answer;
    }

    @Override
    protected JsonNode error(int status, String message) {
        String error = switch (status) {
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            default -> status >= 500 ? "Internal Server Error" : "Bad Request";
        };
        return Json.MAPPER.createObjectNode().put("error", error).put("message", message);
    }

    @Override
    protected String unauthorized() {
        return "Invalid or missing API key";
    }
}
