package org.calloutcome.router.delivery;

import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.EventKind;

/**
 * What makes two deliveries of one sink the same work: (rule, vendor, event kind, subject). Asking twice under one key
 * is a no-op. Other sinks look a Salesforce delivery up by its key (an alert links the call's Task).
 */
public final class DeliveryKeys {
    private DeliveryKeys() {
    }

    public static String of(String rule, String vendor, EventKind eventKind, String subject) {
        return String.join("|", rule, vendor, eventKind.id(), subject);
    }

    /** The Salesforce delivery that logs an event's Task (a call's, or a sequence's summary). */
    public static String salesforceTask(CallEvent event) {
        boolean sequence = EventKind.SEQUENCE_ENDED.equals(event.getEventKind());
        return of(sequence ? "log-sequence" : "log-call", event.getVendor(), event.getEventKind(), event.subject());
    }

    /** The Salesforce delivery that records an event's opt-out (a call's, or a sequence's texting one). */
    public static String salesforceOptOut(CallEvent event) {
        boolean sequence = EventKind.SEQUENCE_ENDED.equals(event.getEventKind());
        return of(sequence ? "do-not-text" : "do-not-call", event.getVendor(), event.getEventKind(), event.subject());
    }
}
