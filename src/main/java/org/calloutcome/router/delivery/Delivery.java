package org.calloutcome.router.delivery;

import java.util.UUID;

import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.EventKind;

/**
 * One unit of work for a sink: what the rule asked for, about which event. {@code event} is the call event as it was
 * normalized when processed (null until claimed); {@code attempts} counts this one.
 */
public record Delivery(long id, String sink, String rule, UUID eventId, String vendor, EventKind eventKind,
        String subjectId, int attempts, CallEvent event) {

    Delivery withEvent(CallEvent stored) {
        return new Delivery(id, sink, rule, eventId, vendor, eventKind, subjectId, attempts, stored);
    }
}
