package org.calloutcome.router.intake;

import java.util.List;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The most common webhook signature: a header holding the HMAC-SHA256 of the raw body, keyed with the secret's UTF-8
 * bytes (hex, or base64), compared in constant time. Bland's {@code X-Webhook-Signature} is one.
 */
public final class BodySignature implements Processor {
    private final String header;
    private final WebhookAccounts accounts;

    public BodySignature(String header, WebhookAccounts accounts) {
        this.header = header;
        this.accounts = accounts;
    }

    @Override
    public void process(Exchange exchange) {
        accounts.verify(exchange, secret -> {
            String signature = exchange.getIn().getHeader(header, String.class);
            if (signature == null || signature.isBlank()) {
                throw WebhookRejection.unauthorized("missing_signature", header + " header is required");
            }
            List<byte[]> provided = Hmac.decodeDigest(signature);
            byte[] expected = Hmac.sha256(secret, exchange.getIn().getBody(byte[].class));
            if (provided.isEmpty() || !Hmac.matchesAny(expected, provided)) {
                throw WebhookRejection.unauthorized("invalid_signature", header + " does not match the body");
            }
        });
    }
}
