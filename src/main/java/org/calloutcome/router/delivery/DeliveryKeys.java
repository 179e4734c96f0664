package org.calloutcome.router.delivery;

import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.EventKind;

/**
 * What makes two deliveries of one sink the same work: (rule, vendor, event kind, subject, and the platform account
 * when it is not the default one: two accounts' calls with one id are two calls). Asking twice under one key is a
 * no-op. Other sinks look a Salesforce delivery up by its key (an alert links the call's Task).
 */
public final class DeliveryKeys {
    private DeliveryKeys() {
    }

    public static String of(String rule, CallEvent event) {
        String key = String.join("|", rule, event.getVendor(), event.getEventKind().id(), event.subject());
        String account = event.getAccount();
        return account == null || account.equals("default") ? key : key + "|" + account;
    }

    /** The platform account a delivery key names: the one after its subject, else the default one. */
    public static String account(String key) {
        String[] parts = key.split("\\|");
        return parts.length > 4 ? parts[4] : "default";
    }

    /** The Salesforce delivery that logs an event's Task (a call's, or a sequence's summary). */
    public static String salesforceTask(CallEvent event) {
        boolean sequence = EventKind.SEQUENCE_ENDED.equals(event.getEventKind());
        return of(sequence ? "log-sequence" : "log-call", event);
    }

    /** The Salesforce delivery that records an event's opt-out (a call's, or a sequence's texting one). */
    public static String salesforceOptOut(CallEvent event) {
        boolean sequence = EventKind.SEQUENCE_ENDED.equals(event.getEventKind());
        return of(sequence ? "do-not-text" : "do-not-call", event);
    }
}
