package org.calloutcome.router.mapping;

import java.time.Instant;
import java.util.UUID;

import org.calloutcome.router.event.EventKind;

/** One accepted webhook, as stored in the inbox, with the vendor account it came from. */
public record InboxEntry(
        UUID eventId,
        String vendor,
        EventKind eventKind,
        String vendorEventId,
        String vendorEventType,
        String payload,
        Instant receivedAt,
        int attempts,
        String account) {
}
