package org.calloutcome.router.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The timestamped signature shapes vendors share: HMAC-SHA256 of the timestamp and the raw body (in the vendor's
 * layout), compared in constant time with each digest presented, then the timestamp held to a window around now, which
 * bounds how long a captured request can be replayed. Each vendor's verifier only reads its headers.
 */
public final class TimestampedHmac {
    /** How the signed bytes are laid out. */
    public enum Layout {
        /** {@code "<timestamp>.<body>"} (HMS Sovereign, ElevenLabs) */
        TIMESTAMP_DOT_BODY,
        /** the body immediately followed by the timestamp (Retell) */
        BODY_THEN_TIMESTAMP
    }

    private final Layout layout;
    private final boolean milliseconds;
    private final Duration window;
    private final Clock clock;

    /** @param milliseconds whether timestamps are epoch milliseconds (else seconds) */
    public TimestampedHmac(Layout layout, boolean milliseconds, Duration window, Clock clock) {
        this.layout = layout;
        this.milliseconds = milliseconds;
        this.window = window;
        this.clock = clock;
    }

    /** Throws a 401 {@link WebhookRejection} unless a presented digest signs this body at this (recent) timestamp. */
    public void verify(String secret, String timestamp, byte[] body, List<byte[]> presented, String header) {
        if (timestamp == null || !timestamp.strip().matches("\\d{1,15}")) {
            throw WebhookRejection.unauthorized("invalid_timestamp", "the signature's timestamp must be Unix "
                    + (milliseconds ? "milliseconds" : "seconds"));
        }
        String time = timestamp.strip();
        byte[] stamp = (layout == Layout.TIMESTAMP_DOT_BODY ? time + "." : time).getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[stamp.length + body.length];
        if (layout == Layout.TIMESTAMP_DOT_BODY) {
            System.arraycopy(stamp, 0, signed, 0, stamp.length);
            System.arraycopy(body, 0, signed, stamp.length, body.length);
        } else {
            System.arraycopy(body, 0, signed, 0, body.length);
            System.arraycopy(stamp, 0, signed, body.length, stamp.length);
        }
        if (presented.isEmpty() || !Hmac.matchesAny(Hmac.sha256(secret, signed), presented)) {
            throw WebhookRejection.unauthorized("invalid_signature", header + " does not match the body");
        }
        long now = milliseconds ? clock.millis() : clock.instant().getEpochSecond();
        long allowed = milliseconds ? window.toMillis() : window.toSeconds();
        if (Math.abs(now - Long.parseLong(time)) > allowed) {
            throw WebhookRejection.unauthorized("stale_timestamp", "the signature's timestamp is more than "
                    + window.toSeconds() + " s away from now");
        }
    }
}
