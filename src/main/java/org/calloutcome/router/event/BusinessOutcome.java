package org.calloutcome.router.event;

/**
 * What the call achieved, in one vocabulary for all vendors.
 * <p>
 * Declared in priority order: when a call carries several signals (a payment promise and a callback request, say),
 * the first one listed here becomes the event's outcome; every signal still sets its flag.
 */
public enum BusinessOutcome {
    OPTED_OUT, ESCALATED, CONVERTED, CALLBACK_REQUESTED, RESOLVED, DECLINED, UNRESOLVED, NONE, UNKNOWN
}
