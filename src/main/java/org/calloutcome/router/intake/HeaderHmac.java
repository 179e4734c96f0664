package org.calloutcome.router.intake;

import java.time.Clock;
import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A timestamped signature header of comma-separated parts ({@link SignatureHeader}): the HMAC-SHA256 of the raw body
 * and the timestamp as the platform lays them out, any of the header's digests may match (a secret being rotated),
 * and a timestamp further than the window from now is refused. Each platform states its {@link Scheme} in its package.
 */
public final class HeaderHmac implements Processor {
    /**
     * How a platform writes its header: the header's name, the names of its timestamp and digest parts, what is
     * signed ({@link SignedPayload}) and the timestamp's unit.
     */
    public record Scheme(String header, String timestampPart, String digestPart, String signed,
            PayloadHmac.Epoch epoch) {
    }

    private final Scheme scheme;
    private final WebhookAccounts accounts;
    private final PayloadHmac hmac;

    public HeaderHmac(Scheme scheme, WebhookAccounts accounts, Duration window, Clock clock) {
        this.scheme = scheme;
        this.accounts = accounts;
        this.hmac = PayloadHmac.sha256(scheme.signed(), scheme.epoch(), window, clock);
    }

    @Override
    public void process(Exchange exchange) {
        accounts.verify(exchange, secret -> {
            String header = exchange.getIn().getHeader(scheme.header(), String.class);
            if (header == null || header.isBlank()) {
                throw WebhookRejection.unauthorized("missing_signature", scheme.header() + " header is required");
            }
            SignatureHeader parts = SignatureHeader.parse(header, scheme.timestampPart(), scheme.digestPart());
            hmac.verify(secret, parts.timestamp(), exchange.getIn().getBody(byte[].class), parts.digests(),
                    scheme.header());
        });
    }
}
