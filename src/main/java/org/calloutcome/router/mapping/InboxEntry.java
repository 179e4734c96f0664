package org.calloutcome.router.mapping;

import java.time.Instant;
import java.util.UUID;

import org.calloutcome.router.event.EventKind;

/** One accepted webhook delivery, as stored in the inbox. */
public record InboxEntry(
        UUID eventId,
        String vendor,
        EventKind eventKind,
        String vendorEventId,
        String vendorEventType,
        String payload,
        Instant receivedAt,
        int attempts) {
}
