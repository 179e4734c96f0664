package org.calloutcome.router.reconcile;

import java.time.Duration;

/** Why a platform's API did not answer a poll: its kind decides what the next poll does. */
public final class PlatformApiError extends Exception {
    /** The platform asked to wait (429); its key was refused (401, 403); it is down (5xx, no answer); it refused. */
    public enum Kind {
        BUSY, REFUSED_KEY, DOWN, REFUSED
    }

    private final Kind kind;
    private final Duration retryAfter;

    public PlatformApiError(Kind kind, String message, Duration retryAfter) {
        super(kind + ": " + message);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    /** A 429: its Retry-After in seconds (an HTTP date, or none, waits a minute). */
    static PlatformApiError busy(String retryAfter) {
        Duration wait = Duration.ofMinutes(1);
        if (retryAfter != null && retryAfter.strip().matches("\\d+")) {
            wait = Duration.ofSeconds(Long.parseLong(retryAfter.strip()));
        }
        return new PlatformApiError(Kind.BUSY, "429, retry after " + wait.toSeconds() + " s", wait);
    }

    public Kind kind() {
        return kind;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
