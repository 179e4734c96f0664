package org.calloutcome.router.event;

/** Whether the call reached a person, in one vocabulary for all vendors. */
public enum Connectivity {
    CONNECTED, VOICEMAIL, NO_ANSWER, BUSY, REJECTED, UNREACHABLE, INVALID_NUMBER, NOT_ATTEMPTED, FAILED, UNKNOWN
}
