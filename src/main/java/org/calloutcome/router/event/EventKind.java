package org.calloutcome.router.event;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kinds of vendor event the router processes. Each is stored, keyed and matched in routing rules by its id
 * ({@code call-ended}, {@code sequence-ended}).
 */
public enum EventKind {
    /** One call ended. */
    CALL_ENDED("call-ended"),
    /** A whole outreach sequence (several calls or messages to one person) ended. */
    SEQUENCE_ENDED("sequence-ended");

    private final String id;

    EventKind(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static EventKind of(String id) {
        for (EventKind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no event kind '" + id + "'");
    }

    @Override
    public String toString() {
        return id;
    }
}
