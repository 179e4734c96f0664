package org.calloutcome.router.delivery;

/** What a sink did for one rule: a result to record, or the remote system's refusal (kept in the dead letter). */
public record ActionResult(String result, String refusal) {

    public static ActionResult done(String result) {
        return new ActionResult(result, null);
    }

    public static ActionResult refused(String refusal) {
        return new ActionResult(null, refusal);
    }
}
