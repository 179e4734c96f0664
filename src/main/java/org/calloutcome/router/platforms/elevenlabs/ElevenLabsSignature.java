package org.calloutcome.router.platforms.elevenlabs;

import java.time.Clock;
import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.calloutcome.router.intake.PayloadHmac;
import org.calloutcome.router.intake.SignatureHeader;
import org.calloutcome.router.intake.SignedPayload;
import org.calloutcome.router.intake.WebhookAccounts;
import org.calloutcome.router.intake.WebhookRejection;

/**
 * Verifies {@code ElevenLabs-Signature: t=<epoch s>,v0=<hex>}: the hex HMAC-SHA256 of {@code "<t>.<raw body>"}; the
 * header may carry several {@code v0} values (a secret being rotated) and any may match. A timestamp further than the
 * window from now is refused.
 */
public final class ElevenLabsSignature implements Processor {
    public static final String HEADER = "ElevenLabs-Signature";

    private final WebhookAccounts accounts;
    private final PayloadHmac hmac;

    public ElevenLabsSignature(WebhookAccounts accounts, Duration window, Clock clock) {
        this.accounts = accounts;
        this.hmac = PayloadHmac.sha256(SignedPayload.TIMESTAMP_DOT_BODY, PayloadHmac.Epoch.SECONDS, window, clock);
    }

    @Override
    public void process(Exchange exchange) {
        accounts.verify(exchange, secret -> {
            String header = exchange.getIn().getHeader(HEADER, String.class);
            if (header == null || header.isBlank()) {
                throw WebhookRejection.unauthorized("missing_signature", HEADER + " header is required");
            }
            SignatureHeader parts = SignatureHeader.parse(header, "t", "v0");
            hmac.verify(secret, parts.timestamp(), exchange.getIn().getBody(byte[].class), parts.digests(), HEADER);
        });
    }
}
