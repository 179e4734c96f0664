package org.calloutcome.router.mapping;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.mapping.InboxEntry;
import org.calloutcome.router.mapping.EventKey;

/** What the router knows of one vendor's webhook: which event a payload is, what may be stored, how it maps. */
public interface VendorWebhook {

    /** The vendor's name in routes, configuration and the call log, e.g. {@code altur}. */
    String vendor();

    /**
     * Which event this payload is, or empty for an event kind the router does not process (answered 200 and
     * dropped). Throws a 422 {@code WebhookRejection} when the payload lacks the id that identifies it.
     */
    Optional<EventKey> identify(JsonNode payload);

    /** The payload as it may be stored; by default all of it. */
    default JsonNode storable(JsonNode payload) {
        return payload;
    }

    /** The canonical events this (stored) payload describes. */
    List<CallEvent> toCallEvents(JsonNode payload, InboxEntry entry);
}
