package org.calloutcome.router.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.Request;
import org.calloutcome.router.normalize.Json;

/**
 * A fake of Vapi's API of calls, as @vapi-ai/server-sdk types it: {@code GET /call} ({@code ListCallsRequest}: the
 * {@code createdAt*} / {@code updatedAt*} filters {@code Gt Lt Ge Le} as ISO times, {@code limit} defaulting to 100;
 * answer a bare {@code Call[]}, newest first, no cursor) and {@code GET /call/{id}} (one {@code Call}). A Bearer
 * private key; errors as Vapi's NestJS API words them ({@code {"message", "error", "statusCode"}}). Pages are as
 * long as the {@code limit} asked.
 */
public final class FakeVapi extends FakePlatform {

    public FakeVapi(String apiKey) {
        super(apiKey);
    }

    @Override
    public String vendor() {
        return "vapi";
    }

    /** An outbound phone call from the documented end-of-call report, as the API stores it. */
    @Override
    public ObjectNode call(String callId, Instant endedAt, int seconds) {
        ObjectNode message = (ObjectNode) example("vapi-end-of-call-report.json").get("message");
        ObjectNode call = (ObjectNode) message.get("call");
        call.put("id", callId).put("status", "ended");
        Instant started = endedAt.minusSeconds(seconds);
        call.put("createdAt", started.minusSeconds(2).toString()).put("updatedAt", endedAt.plusSeconds(3).toString());
        call.put("startedAt", started.toString()).put("endedAt", endedAt.toString());
        for (String field : List.of("endedReason", "artifact", "analysis", "customer", "phoneNumber", "cost")) {
            if (message.has(field)) {
                call.set(field, message.get(field));
            }
        }
        call.putObject("assistant").put("name", "Riley").putObject("model").put("provider", "openai")
                .putArray("messages").addObject().put("role", "system").put("content", "SYSTEM PROMPT: be persuasive");
        calls.add(call);
        return call;
    }

    @Override
    public byte[] webhook(ObjectNode call) {
        ObjectNode payload = example("vapi-end-of-call-report.json");
        ((ObjectNode) payload.get("message")).set("call", call);
        ((ObjectNode) payload.get("message")).put("endedAt", call.path("endedAt").asText());
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String summaryOf(ObjectNode call) {
        return call.at("/analysis/summary").asText();
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
        return gets(request, "/call");
    }

    @Override
    protected Optional<String> getting(Request request) {
        return getsOne(request, "/call");
    }

    @Override
    protected JsonNode list(Request request) {
        List<Predicate<ObjectNode>> filters = new ArrayList<>();
        for (String field : List.of("createdAt", "updatedAt")) {
            bound(filters, request, field, "Gt", c -> c > 0);
            bound(filters, request, field, "Ge", c -> c >= 0);
            bound(filters, request, field, "Lt", c -> c < 0);
            bound(filters, request, field, "Le", c -> c <= 0);
        }
        List<ObjectNode> matching = new ArrayList<>(calls.stream()
                .filter(c -> filters.stream().allMatch(f -> f.test(c))).toList());
        matching.sort(Comparator.comparing((ObjectNode c) -> Instant.parse(c.path("createdAt").asText())).reversed());
        String limit = query(request, "limit");
        int size = limit == null ? 100 : Integer.parseInt(limit); // no cursor: a full page is all a caller learns
        ArrayNode answer = Json.MAPPER.createArrayNode();
        matching.stream().limit(size).forEach(answer::add);
        return answer;
    }

    private static void bound(List<Predicate<ObjectNode>> filters, Request request, String field, String op,
            java.util.function.IntPredicate holds) {
        String value = query(request, field + op);
        if (value != null) {
            Instant limit = Instant.parse(value);
            filters.add(call -> holds.test(Instant.parse(call.path(field).asText()).compareTo(limit)));
        }
    }

    @Override
    protected JsonNode error(int status, String message) {
        String error = switch (status) {
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            default -> status >= 500 ? "Internal Server Error" : "Bad Request";
        };
        return Json.MAPPER.createObjectNode().put("message", message).put("error", error).put("statusCode", status);
    }

    @Override
    protected String unauthorized() {
        return "Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.";
    }
}
