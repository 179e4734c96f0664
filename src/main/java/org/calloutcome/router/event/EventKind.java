package org.calloutcome.router.event;

/** The kinds of vendor event the router processes. */
public final class EventKind {
    /** One call ended. */
    public static final String CALL_ENDED = "call-ended";
    /** A whole outreach sequence (several calls or messages to one person) ended. */
    public static final String SEQUENCE_ENDED = "sequence-ended";

    private EventKind() {
    }
}
