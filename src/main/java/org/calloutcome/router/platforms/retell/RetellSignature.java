package org.calloutcome.router.platforms.retell;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.calloutcome.router.intake.Hmac;
import org.calloutcome.router.intake.WebhookCredential;
import org.calloutcome.router.intake.WebhookRejection;

/**
 * Verifies {@code x-retell-signature: v=<epoch ms>,d=<hex>}: the hex HMAC-SHA256, keyed with the Retell API key, of
 * the raw body immediately followed by the decimal timestamp. A timestamp further than the window from now is refused.
 */
public final class RetellSignature implements Processor {
    public static final String HEADER = "x-retell-signature";

    private final WebhookCredential credential;
    private final Duration window;
    private final Clock clock;

    public RetellSignature(WebhookCredential credential, Duration window, Clock clock) {
        this.credential = credential;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        Optional<String> key = credential.required();
        if (key.isEmpty()) {
            return;
        }
        String header = exchange.getIn().getHeader(HEADER, String.class);
        if (header == null || header.isBlank()) {
            throw WebhookRejection.unauthorized("missing_signature", HEADER + " header is required");
        }
        String timestamp = null;
        String digest = null;
        for (String part : header.split(",")) {
            String[] nameValue = part.strip().split("=", 2);
            if (nameValue.length == 2 && nameValue[0].equals("v")) {
                timestamp = nameValue[1].strip();
            } else if (nameValue.length == 2 && nameValue[0].equals("d")) {
                digest = nameValue[1].strip();
            }
        }
        if (timestamp == null || digest == null || !timestamp.matches("\\d{1,15}") || !digest.matches("[0-9a-fA-F]{64}")) {
            throw WebhookRejection.unauthorized("invalid_signature", HEADER + " must read v=<epoch ms>,d=<hex>");
        }
        if (Math.abs(clock.millis() - Long.parseLong(timestamp)) > window.toMillis()) {
            throw WebhookRejection.unauthorized("stale_timestamp", "the signature's timestamp is more than "
                    + window.toMinutes() + " minutes from now");
        }
        byte[] body = exchange.getIn().getBody(byte[].class);
        byte[] signed = new byte[body.length + timestamp.length()];
        System.arraycopy(body, 0, signed, 0, body.length);
        System.arraycopy(timestamp.getBytes(StandardCharsets.US_ASCII), 0, signed, body.length, timestamp.length());
        if (!Hmac.same(Hmac.sha256(key.get(), signed), HexFormat.of().parseHex(digest))) {
            throw WebhookRejection.unauthorized("invalid_signature", HEADER + " does not match the body");
        }
    }
}
