package org.calloutcome.router.store;

import java.time.Duration;

/** Exponential backoff for work that failed: {@code first}, doubling up to {@code max}, for {@code maxAttempts}. */
public record Retry(Duration first, Duration max, int maxAttempts) {

    public Duration backoff(int attempts) {
        Duration delay = first.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return delay.compareTo(max) > 0 ? max : delay;
    }

    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }

    /** The failure's root cause, as kept in a {@code last_error} column (never logged: it may quote call data). */
    public static String describe(Throwable failure) {
        Throwable cause = rootCause(failure);
        String text = cause.getClass().getName() + ": " + cause.getMessage();
        return text.length() > 2000 ? text.substring(0, 2000) : text;
    }

    /** A {@code last_error}'s kind (its error code or exception class), never its text: that may quote call data. */
    public static String kind(String error) {
        int colon = error == null ? -1 : error.indexOf(':');
        return colon < 0 ? error : error.substring(0, colon);
    }

    public static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
