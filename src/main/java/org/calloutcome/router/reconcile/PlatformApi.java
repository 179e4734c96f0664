package org.calloutcome.router.reconcile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.mapping.CallDirectory;
import org.calloutcome.router.normalize.Json;

/**
 * Sends a platform's API requests: its base URL, its API key in the header the platform names. A 5xx answer or a
 * request that fails or times out is tried again after a backoff; a 429 (with its {@code Retry-After}), a refused key
 * (401, 403) or another refusal ends the poll as a {@link PlatformApiError} of its kind.
 */
public final class PlatformApi {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final List<String> credentialHeader;
    private final int attempts;
    private final Duration firstRetry;

    public PlatformApi(String baseUrl, List<String> credentialHeader, int attempts, Duration firstRetry) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.credentialHeader = credentialHeader;
        this.attempts = attempts;
        this.firstRetry = firstRetry;
    }

    public JsonNode send(CallDirectory.Request request) throws PlatformApiError, InterruptedException {
        PlatformApiError last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                Thread.sleep(firstRetry.multipliedBy(1L << (attempt - 2)).toMillis());
            }
            try {
                HttpResponse<String> answer = http.send(build(request), HttpResponse.BodyHandlers.ofString());
                int status = answer.statusCode();
                if (status >= 200 && status < 300) {
                    return Json.MAPPER.readTree(answer.body());
                }
                if (status == 429) {
                    throw PlatformApiError.busy(answer.headers().firstValue("Retry-After").orElse(null));
                }
                if (status == 401 || status == 403) {
                    throw new PlatformApiError(PlatformApiError.Kind.REFUSED_KEY, status + " " + request.path(), null);
                }
                last = new PlatformApiError(status >= 500 ? PlatformApiError.Kind.DOWN : PlatformApiError.Kind.REFUSED,
                        status + " " + request.path(), null);
                if (status < 500) {
                    throw last;
                }
            } catch (IOException e) {
                last = new PlatformApiError(PlatformApiError.Kind.DOWN, e.getClass().getSimpleName() + " "
                        + request.path(), null);
            }
        }
        throw last;
    }

    private HttpRequest build(CallDirectory.Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.path())).timeout(TIMEOUT)
                .header("Accept", "application/json").header(credentialHeader.get(0), credentialHeader.get(1));
        if (request.body() == null) {
            return builder.method(request.method(), HttpRequest.BodyPublishers.noBody()).build();
        }
        return builder.header("Content-Type", "application/json")
                .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8))
                .build();
    }
}
