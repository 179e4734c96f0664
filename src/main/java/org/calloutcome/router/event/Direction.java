package org.calloutcome.router.event;

public enum Direction {
    INBOUND, OUTBOUND, UNKNOWN
}
