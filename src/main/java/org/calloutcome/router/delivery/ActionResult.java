package org.calloutcome.router.delivery;

/**
 * What a sink did for one rule. {@code DONE}: done, {@code result} says how (a record id). {@code NOT_DONE}: nothing
 * could be written and nothing will be (no person to write on); recorded as done, {@code result} says why.
 * {@code RETRY}: the remote system was busy for this record only; tried again after the sink's backoff.
 * {@code REFUSED}: the remote system refused it for good; kept as {@code DEAD} with {@code error}, and {@code result}
 * names the record it was about, when there is one.
 */
public record ActionResult(Kind kind, String result, String error) {

    public enum Kind { DONE, NOT_DONE, RETRY, REFUSED }

    public static ActionResult done(String result) {
        return new ActionResult(Kind.DONE, result, null);
    }

    public static ActionResult notDone(String why) {
        return new ActionResult(Kind.NOT_DONE, why, null);
    }

    public static ActionResult retry(String error) {
        return new ActionResult(Kind.RETRY, null, error);
    }

    public static ActionResult refused(String error) {
        return new ActionResult(Kind.REFUSED, null, error);
    }

    /** Refused, about this record (a Lead or Contact id). */
    public static ActionResult refused(String error, String record) {
        return new ActionResult(Kind.REFUSED, record, error);
    }

    /** The refusal kept in the dead letter, or null. */
    public String refusal() {
        return kind == Kind.REFUSED ? error : null;
    }

    /** How bad it is, for an action several records serve: the worst of them decides. */
    int severity() {
        return switch (kind) {
            case DONE, NOT_DONE -> 0;
            case RETRY -> 1;
            case REFUSED -> 2;
        };
    }

    /** The worse of the two; between equals, {@code other} when it is the action's own record (the call Task). */
    public ActionResult worse(ActionResult other, boolean otherIsPrimary) {
        return other.severity() > severity() || (otherIsPrimary && other.severity() == severity()) ? other : this;
    }
}
