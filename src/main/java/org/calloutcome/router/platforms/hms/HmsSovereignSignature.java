package org.calloutcome.router.platforms.hms;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.calloutcome.router.intake.Hmac;
import org.calloutcome.router.intake.WebhookCredential;
import org.calloutcome.router.intake.WebhookRejection;

/**
 * Verifies {@code X-Webhook-Signature: sha256=<hex HMAC-SHA256(secret, "<X-Webhook-Timestamp>.<raw body>")>} (an
 * older page shows it without the {@code sha256=} prefix) and refuses timestamps outside the window, which bounds how
 * long a captured request can be replayed.
 */
public final class HmsSovereignSignature implements Processor {
    public static final String SIGNATURE = "X-Webhook-Signature";
    public static final String TIMESTAMP = "X-Webhook-Timestamp";

    private final WebhookCredential credential;
    private final Duration window;
    private final Clock clock;

    public HmsSovereignSignature(WebhookCredential credential, Duration window, Clock clock) {
        this.credential = credential;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        Optional<String> secret = credential.required();
        if (secret.isEmpty()) {
            return;
        }
        String signature = exchange.getIn().getHeader(SIGNATURE, String.class);
        String timestamp = exchange.getIn().getHeader(TIMESTAMP, String.class);
        if (signature == null || signature.isBlank()) {
            throw WebhookRejection.unauthorized("missing_signature", SIGNATURE + " header is required");
        }
        long seconds = epochSeconds(timestamp);
        byte[] body = exchange.getIn().getBody(byte[].class);
        byte[] signed = concat((timestamp.strip() + ".").getBytes(StandardCharsets.UTF_8), body);
        if (!Hmac.matchesAny(Hmac.sha256(secret.get(), signed), Hmac.decodeDigest(signature))) {
            throw WebhookRejection.unauthorized("invalid_signature", SIGNATURE + " does not match the body");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - seconds);
        if (skew > window.toSeconds()) {
            throw WebhookRejection.unauthorized("stale_timestamp", TIMESTAMP + " is " + skew
                    + " s away from now; the window is " + window.toSeconds() + " s");
        }
    }

    private static long epochSeconds(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            throw WebhookRejection.unauthorized("missing_timestamp", TIMESTAMP + " header is required");
        }
        try {
            return Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            throw WebhookRejection.unauthorized("invalid_timestamp", TIMESTAMP + " must be Unix seconds");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
