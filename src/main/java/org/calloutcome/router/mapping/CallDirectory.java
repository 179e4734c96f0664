package org.calloutcome.router.mapping;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A calling platform's API of calls, as reconciliation reads it: which calls ended in a window, and each call's full
 * record in the shape its webhook carries, so that the platform's {@link VendorWebhook} maps it and its inbox key is
 * the webhook's own (a webhook arriving later is a duplicate). Requests are described here and sent by the router.
 */
public interface CallDirectory {

    /** One request to the platform's API: a path under its base URL and, for a POST, a JSON body. */
    record Request(String method, String path, String body) {
        public static Request get(String path) {
            return new Request("GET", path, null);
        }

        public static Request post(String path, String body) {
            return new Request("POST", path, body);
        }
    }

    /** A page of listed calls: the ids of those that ended in the window, and the next page's cursor (null: last). */
    record Page(List<String> callIds, String next) {
    }

    String vendor();

    /** The header that carries the API key, and its value. */
    List<String> credentialHeader(String apiKey);

    /** The request for the page at {@code cursor} (null: the first) of calls that ended in [from, to). */
    Request list(Instant from, Instant to, String cursor);

    /**
     * The calls of a listed page that ended in [from, to), and where the next page starts; {@code cursor} is the one
     * the page was asked for.
     */
    Page page(JsonNode answer, Instant from, Instant to, String cursor);

    /** The request for one call's full record. */
    Request get(String callId);

    /** The full record as the platform's end-of-call webhook would have carried it. */
    JsonNode asWebhook(JsonNode call);

    /** The vendor event ids (inbox keys) the webhooks of one call have; the inbox holding one means it is known. */
    List<String> eventIds(String callId);
}
