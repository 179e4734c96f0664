package org.calloutcome.router.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.calloutcome.router.normalize.Json;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/**
 * A fake of Retell's API of calls, as retell-sdk types it: {@code POST /v3/list-calls} (body {@code CallListParams}:
 * {@code filter_criteria.start_timestamp} a range of epoch ms, {@code limit}, {@code pagination_key}, {@code
 * sort_order}; answer {@code CallListResponse}: {@code items} without transcripts, {@code has_more},
 * {@code pagination_key}) and {@code GET /v2/get-call/{call_id}} (the whole call). A Bearer API key; errors as Retell
 * answers them ({@code {"message": ...}}). Pages are {@link #pageSize} calls, whatever the limit asked.
 */
public final class FakeRetell implements ResponseDefinitionTransformerV2 {
    private static final String NAME = "fake-retell";

    /** One answer to give instead of the real one: a status, its headers and body. */
    public record Fault(int status, Map<String, String> headers, String message) {
    }

    public final List<ObjectNode> calls = new CopyOnWriteArrayList<>();
    public final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    public final AtomicInteger listRequests = new AtomicInteger();
    public final AtomicInteger getRequests = new AtomicInteger();
    public final List<JsonNode> listBodies = new CopyOnWriteArrayList<>();
    /** Calls whose full record comes without its {@code call_id}: a record no mapping can read. */
    public final java.util.Set<String> unreadable = java.util.concurrent.ConcurrentHashMap.newKeySet();
    public volatile int pageSize = 2;
    /** How long each answer to a listing takes. */
    public volatile long listDelayMillis;
    private final String apiKey;

    public FakeRetell(String apiKey) {
        this.apiKey = apiKey;
    }

    public WireMockServer serve() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(this));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(NAME)));
        return server;
    }

    /** A phone call that ended at {@code endedAt} after {@code seconds}, analysed, from the documented example. */
    public ObjectNode call(String callId, Instant endedAt, int seconds) {
        ObjectNode call = (ObjectNode) Json.at(read(Webhooks.example("retell-call-analyzed.json")), "call");
        call.put("call_id", callId);
        call.put("end_timestamp", endedAt.toEpochMilli());
        call.put("start_timestamp", endedAt.minusSeconds(seconds).toEpochMilli());
        call.put("duration_ms", seconds * 1000L);
        calls.add(call);
        return call;
    }

    public void reset() {
        calls.clear();
        faults.clear();
        unreadable.clear();
        listBodies.clear();
        listRequests.set(0);
        getRequests.set(0);
        pageSize = 2;
        listDelayMillis = 0;
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
        String path = event.getRequest().getUrl();
        String method = event.getRequest().getMethod().getName();
        boolean listing = method.equals("POST") && path.equals("/v3/list-calls");
        boolean getting = method.equals("GET") && path.startsWith("/v2/get-call/");
        if (listing) {
            listRequests.incrementAndGet();
        } else if (getting) {
            getRequests.incrementAndGet();
        } else {
            return error(404, Map.of(), "Not Found");
        }
        if (!("Bearer " + apiKey).equals(event.getRequest().getHeader("Authorization"))) {
            return error(401, Map.of(), "Invalid API Key");
        }
        Fault fault = faults.poll();
        if (fault != null) {
            return error(fault.status(), fault.headers(), fault.message());
        }
        return listing ? list(read(event.getRequest().getBodyAsString().getBytes())) : get(path.substring(13));
    }

    private ResponseDefinition list(JsonNode params) {
        listBodies.add(params);
        JsonNode range = params.at("/filter_criteria/start_timestamp/value");
        List<ObjectNode> matching = new ArrayList<>();
        for (ObjectNode call : calls) {
            long started = call.path("start_timestamp").asLong();
            if (range.isMissingNode() || started >= range.get(0).asLong() && started <= range.get(1).asLong()) {
                matching.add(call);
            }
        }
        matching.sort(java.util.Comparator.comparingLong(c -> c.path("start_timestamp").asLong()));
        int from = params.hasNonNull("pagination_key") ? Integer.parseInt(params.get("pagination_key").asText()) : 0;
        int to = Math.min(matching.size(), from + Math.min(pageSize, params.path("limit").asInt(1000)));
        ObjectNode answer = Json.MAPPER.createObjectNode();
        ArrayNode items = answer.putArray("items");
        for (ObjectNode call : matching.subList(from, to)) {
            ObjectNode item = call.deepCopy();
            item.remove(List.of("transcript", "transcript_object"));
            items.add(item);
        }
        answer.put("has_more", to < matching.size());
        if (to < matching.size()) {
            answer.put("pagination_key", String.valueOf(to));
        }
        // a slow platform: WireMock holds the answer back
        return responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(answer.toString()).withFixedDelay((int) listDelayMillis).build();
    }

    private ResponseDefinition get(String callId) {
        return calls.stream().filter(c -> c.path("call_id").asText().equals(callId)).findFirst()
                .map(call -> unreadable.contains(callId) ? call.deepCopy().without("call_id") : call)
                .map(call -> json(200, call.toString())).orElse(error(404, Map.of(), "Call not found"));
    }

    private static ResponseDefinition error(int status, Map<String, String> headers, String message) {
        var builder = responseDefinition().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(Json.MAPPER.createObjectNode().put("message", message).toString());
        headers.forEach(builder::withHeader);
        return builder.build();
    }

    private static ResponseDefinition json(int status, String body) {
        return responseDefinition().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)
                .build();
    }

    private static JsonNode read(byte[] json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
