package org.calloutcome.router.platforms.retell;

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
 * Verifies {@code x-retell-signature: v=<epoch ms>,d=<hex>}: the hex HMAC-SHA256, keyed with the Retell API key, of
 * the raw body immediately followed by the decimal timestamp. A timestamp further than the window from now is refused.
 */
public final class RetellSignature implements Processor {
    public static final String HEADER = "x-retell-signature";

    private final WebhookAccounts accounts;
    private final PayloadHmac hmac;

    public RetellSignature(WebhookAccounts accounts, Duration window, Clock clock) {
        this.accounts = accounts;
        this.hmac = PayloadHmac.sha256(SignedPayload.BODY_THEN_TIMESTAMP, PayloadHmac.Epoch.MILLISECONDS, window,
                clock);
    }

    @Override
    public void process(Exchange exchange) {
        accounts.verify(exchange, key -> {
            String header = exchange.getIn().getHeader(HEADER, String.class);
            if (header == null || header.isBlank()) {
                throw WebhookRejection.unauthorized("missing_signature", HEADER + " header is required");
            }
            SignatureHeader parts = SignatureHeader.parse(header, "v", "d");
            hmac.verify(key, parts.timestamp(), exchange.getIn().getBody(byte[].class), parts.digests(), HEADER);
        });
    }
}
