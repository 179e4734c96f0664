package org.calloutcome.router.normalize;

import java.util.Locale;

import org.calloutcome.router.event.Connectivity;

/**
 * Reads Vapi-style ended reasons ({@code customer-ended-call}, {@code customer-did-not-answer},
 * {@code twilio-failed-to-connect-call}, ...), which Clarion and HMS Sovereign share. The list is long and grows, so
 * it is read by the words in it; a reason with none of them is {@link Connectivity#UNKNOWN}.
 */
public final class EndedReasons {
    private EndedReasons() {
    }

    public static Connectivity connectivity(String endedReason) {
        if (endedReason == null) {
            return Connectivity.UNKNOWN;
        }
        String reason = endedReason.toLowerCase(Locale.ROOT);
        if (reason.contains("voicemail")) {
            return Connectivity.VOICEMAIL;
        }
        if (reason.contains("did-not-answer") || reason.contains("no-answer")) {
            return Connectivity.NO_ANSWER;
        }
        if (reason.contains("busy")) {
            return Connectivity.BUSY;
        }
        if (reason.contains("rejected") || reason.contains("declined")) {
            return Connectivity.REJECTED;
        }
        if (reason.contains("invalid") && reason.contains("number")) {
            return Connectivity.INVALID_NUMBER;
        }
        if (reason.contains("error") || reason.contains("failed") || reason.contains("fault")) {
            return Connectivity.FAILED;
        }
        if (reason.contains("ended") || reason.contains("forwarded") || reason.contains("timed-out")
                || reason.contains("max-duration") || reason.contains("end-call")) {
            return Connectivity.CONNECTED;
        }
        return Connectivity.UNKNOWN;
    }
}
