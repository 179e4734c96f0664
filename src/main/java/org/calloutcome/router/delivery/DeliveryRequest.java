package org.calloutcome.router.delivery;

import org.calloutcome.router.event.CallEvent;

/** A routing rule's request that {@code sink} act on {@code event} under {@code rule} (an action or alert name). */
public record DeliveryRequest(CallEvent event, String sink, String rule) {
}
