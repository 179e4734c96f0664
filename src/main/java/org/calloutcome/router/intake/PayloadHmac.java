package org.calloutcome.router.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The signature shape vendors share: an HMAC of a payload format (the raw body with request values around it),
 * compared in constant time with each digest presented. When the format holds {@code {timestamp}}, that timestamp must
 * be within a window around now, which bounds how long a captured request can be replayed. Each vendor's verifier
 * only reads its headers.
 */
public final class PayloadHmac {
    /** How the vendor writes its timestamp. */
    public enum Epoch {
        SECONDS, MILLISECONDS,
        /** either, told apart by size (a vendor that does not say) */
        SECONDS_OR_MILLISECONDS
    }

    private static final long MILLISECONDS_FROM = 100_000_000_000L; // a count this large is milliseconds (after 1973)

    private final SignedPayload payload;
    private final Hmac.Algorithm algorithm;
    private final Epoch epoch;
    private final Duration window;
    private final Clock clock;
    private final boolean timestamped;

    public PayloadHmac(SignedPayload payload, Hmac.Algorithm algorithm, Epoch epoch, Duration window, Clock clock) {
        this.payload = payload;
        this.algorithm = algorithm;
        this.epoch = epoch;
        this.window = window;
        this.clock = clock;
        this.timestamped = payload.uses(SignedPayload.TIMESTAMP);
    }

    /** HMAC-SHA256 of a fixed format over a timestamp and the body. */
    public static PayloadHmac sha256(String format, Epoch epoch, Duration window, Clock clock) {
        return new PayloadHmac(SignedPayload.parse(format, Set.of(SignedPayload.TIMESTAMP)), Hmac.Algorithm.SHA256,
                epoch, window, clock);
    }

    public boolean timestamped() {
        return timestamped;
    }

    public void verify(String secret, String timestamp, byte[] body, List<byte[]> presented, String header) {
        verify(secret.getBytes(StandardCharsets.UTF_8), timestamp, body, Map.of(), presented, header);
    }

    /**
     * Throws a 401 {@link WebhookRejection} unless a presented digest signs this body with these request values (and,
     * when the format is timestamped, at a recent timestamp).
     */
    public void verify(byte[] key, String timestamp, byte[] body, Map<String, String> values, List<byte[]> presented,
            String header) {
        Map<String, String> signed = new HashMap<>(values);
        if (timestamped) {
            if (timestamp == null || !timestamp.strip().matches("\\d{1,15}")) {
                throw WebhookRejection.unauthorized("invalid_timestamp", "the signature's timestamp must be Unix "
                        + switch (epoch) {
                            case SECONDS -> "seconds";
                            case MILLISECONDS -> "milliseconds";
                            case SECONDS_OR_MILLISECONDS -> "seconds or milliseconds";
                        });
            }
            signed.put(SignedPayload.TIMESTAMP, timestamp.strip());
        }
        if (presented.isEmpty()
                || !Hmac.matchesAny(Hmac.mac(algorithm, key, payload.render(body, signed)), presented)) {
            throw WebhookRejection.unauthorized("invalid_signature", header + " does not match the body");
        }
        if (timestamped) {
            long value = Long.parseLong(timestamp.strip());
            boolean millis = epoch == Epoch.MILLISECONDS
                    || (epoch == Epoch.SECONDS_OR_MILLISECONDS && value >= MILLISECONDS_FROM);
            long now = millis ? clock.millis() : clock.instant().getEpochSecond();
            long allowed = millis ? window.toMillis() : window.toSeconds();
            if (Math.abs(now - value) > allowed) {
                throw WebhookRejection.unauthorized("stale_timestamp", "the signature's timestamp is more than "
                        + window.toSeconds() + " s away from now");
            }
        }
    }
}
