package org.calloutcome.router.support;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.calloutcome.router.normalize.Json;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

/**
 * A calling platform's API of calls, served by WireMock: a listing and a get of one call, behind the platform's API
 * key, answering errors in the platform's own shape. Each platform's fake says how it lists, reads its key and words its
 * errors; this class keeps the calls, counts the requests, and gives the faults a test queues instead of answers.
 * Pages hold {@link #pageSize} calls, whatever the request asks, so that a few calls span several pages.
 */
public abstract class FakePlatform implements ResponseDefinitionTransformerV2 {

    /** One answer to give instead of the real one: a status, its headers and the platform's message. */
    public record Fault(int status, Map<String, String> headers, String message) {
    }

    public final List<ObjectNode> calls = new CopyOnWriteArrayList<>();
    public final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();
    public final AtomicInteger listRequests = new AtomicInteger();
    public final AtomicInteger getRequests = new AtomicInteger();
    /** Calls whose full record comes without its id: a record no mapping can read. */
    public final Set<String> unreadable = ConcurrentHashMap.newKeySet();
    public volatile int pageSize = 2;
    /** How long each answer to a listing takes. */
    public volatile long listDelayMillis;
    protected final String apiKey;
    /** Keys of other accounts the platform also knows (each account has its own). */
    public final Set<String> otherKeys = ConcurrentHashMap.newKeySet();
    /** The keys requests came with, in order. */
    public final List<String> keysSeen = new CopyOnWriteArrayList<>();

    protected FakePlatform(String apiKey) {
        this.apiKey = apiKey;
    }

    /** The router's name of the platform ({@code router.<vendor>.*}). */
    public abstract String vendor();

    /** A call that ended at {@code endedAt} after {@code seconds}, from the platform's documented example. */
    public abstract ObjectNode call(String callId, Instant endedAt, int seconds);

    /** The body of the end-of-call webhook the platform sends for a call. */
    public abstract byte[] webhook(ObjectNode call);

    /** The call's summary, as the call log shows it once mapped. */
    public abstract String summaryOf(ObjectNode call);

    /** The inbox key of the call's webhook. */
    public String eventId(String callId) {
        return callId;
    }

    /** The field of a call that holds its id. */
    protected abstract String idField();

    /** The API key the request carries where the platform expects it, or null. */
    protected abstract String key(Request request);

    /** The id of the call a request gets, or empty when it is not a get. */
    protected abstract Optional<String> getting(Request request);

    /** Whether the request lists calls. */
    protected abstract boolean listing(Request request);

    /** The listing's answer. */
    protected abstract JsonNode list(Request request);

    /** The platform's error body for a status and message. */
    protected abstract JsonNode error(int status, String message);

    /** The platform's message for a missing or wrong key. */
    protected abstract String unauthorized();

    /** The platform's name: what a parameterized test shows. */
    @Override
    public String toString() {
        return vendor();
    }

    public WireMockServer serve() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(this));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(getName())));
        return server;
    }

    public void reset() {
        calls.clear();
        faults.clear();
        unreadable.clear();
        listRequests.set(0);
        getRequests.set(0);
        keysSeen.clear();
        pageSize = 2;
        listDelayMillis = 0;
    }

    @Override
    public String getName() {
        return "fake-" + vendor();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        boolean listing = listing(request);
        Optional<String> getting = listing ? Optional.empty() : getting(request);
        if (listing) {
            listRequests.incrementAndGet();
        } else if (getting.isPresent()) {
            getRequests.incrementAndGet();
        } else {
            return answer(404, Map.of(), error(404, "Not Found"), 0);
        }
        String key = key(request);
        keysSeen.add(String.valueOf(key));
        if (key == null || !apiKey.equals(key) && !otherKeys.contains(key)) {
            return answer(401, Map.of(), error(401, unauthorized()), 0);
        }
        Fault fault = faults.poll();
        if (fault != null) {
            return answer(fault.status(), fault.headers(), error(fault.status(), fault.message()), 0);
        }
        if (listing) {
            return answer(200, Map.of(), list(request), listDelayMillis); // a slow platform: WireMock holds it back
        }
        String callId = getting.get();
        return calls.stream().filter(c -> callId.equals(c.path(idField()).asText())).findFirst()
                .map(call -> unreadable.contains(callId) ? withoutId(call) : call)
                .map(call -> answer(200, Map.of(), call, 0))
                .orElseGet(() -> answer(404, Map.of(), error(404, "Call not found"), 0));
    }

    /** The record of an unreadable call: without what identifies it. */
    protected ObjectNode withoutId(ObjectNode call) {
        return call.deepCopy().without(idField());
    }

    /** The calls in pages of {@link #pageSize}: those from index {@code first}. */
    protected List<ObjectNode> page(List<ObjectNode> matching, int first) {
        return matching.subList(Math.min(first, matching.size()), Math.min(matching.size(), first + pageSize));
    }

    protected static ObjectNode example(String name) {
        return (ObjectNode) read(Webhooks.example(name));
    }

    protected static JsonNode read(byte[] json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether the request is a GET of {@code path} itself (a listing), whatever its query. */
    protected static boolean gets(Request request, String path) {
        return request.getMethod().getName().equals("GET") && request.getUrl().split("\\?")[0].equals(path);
    }

    /** The last segment of a GET of {@code <collection>/<id>}, or empty. */
    protected static Optional<String> getsOne(Request request, String collection) {
        String path = request.getUrl().split("\\?")[0];
        return request.getMethod().getName().equals("GET") && path.startsWith(collection + "/")
                ? Optional.of(path.substring(collection.length() + 1)) : Optional.empty();
    }

    /** The token after {@code Bearer }, or null. */
    protected static String bearer(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
    }

    /** A query parameter of a request, or null. */
    protected static String query(Request request, String name) {
        var parameter = request.queryParameter(name);
        return parameter.isPresent() ? parameter.firstValue() : null;
    }

    private static ResponseDefinition answer(int status, Map<String, String> headers, JsonNode body, long delay) {
        var builder = responseDefinition().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body.toString()).withFixedDelay((int) delay);
        headers.forEach(builder::withHeader);
        return builder.build();
    }
}
