package org.calloutcome.router.platforms.hms;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.calloutcome.router.intake.Hmac;
import org.calloutcome.router.intake.PayloadHmac;
import org.calloutcome.router.intake.SignedPayload;
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
    private final PayloadHmac hmac;

    public HmsSovereignSignature(WebhookCredential credential, Duration window, Clock clock) {
        this.credential = credential;
        this.hmac = PayloadHmac.sha256(SignedPayload.TIMESTAMP_DOT_BODY, PayloadHmac.Epoch.SECONDS, window, clock);
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
        if (timestamp == null || timestamp.isBlank()) {
            throw WebhookRejection.unauthorized("missing_timestamp", TIMESTAMP + " header is required");
        }
        hmac.verify(secret.get(), timestamp, exchange.getIn().getBody(byte[].class), Hmac.decodeDigest(signature),
                SIGNATURE);
    }
}
