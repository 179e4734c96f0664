package org.calloutcome.router.delivery;

import java.util.UUID;

/** One unit of work for a sink: what the rule asked for, about which event. */
public record Delivery(long id, String sink, String rule, UUID eventId, String vendor, String eventKind,
        String subjectId, int attempts) {
}
