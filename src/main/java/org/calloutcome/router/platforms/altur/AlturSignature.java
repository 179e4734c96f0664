package org.calloutcome.router.platforms.altur;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.calloutcome.router.intake.Hmac;
import org.calloutcome.router.intake.WebhookAccounts;
import org.calloutcome.router.intake.WebhookRejection;
import org.calloutcome.router.normalize.Json;

/**
 * Verifies {@code X-Altur-Signature}. Altur's docs show two schemes, and both are accepted:
 * <ol>
 * <li>hex HMAC-SHA256 of the raw body, keyed with the secret's UTF-8 bytes;</li>
 * <li>base64 HMAC-SHA256 of the payload re-serialized compact, keyed with the base64-decoded secret. A Python sender
 * escapes non-ASCII characters ({@code Sofía} as {@code Sof\u00eda}) unless told not to, so both forms are tried.</li>
 * </ol>
 */
public final class AlturSignature implements Processor {
    public static final String HEADER = "X-Altur-Signature";

    private final WebhookAccounts accounts;

    public AlturSignature(WebhookAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void process(Exchange exchange) {
        accounts.verify(exchange, secret -> {
            String signature = exchange.getIn().getHeader(HEADER, String.class);
            if (signature == null || signature.isBlank()) {
                throw WebhookRejection.unauthorized("missing_signature", HEADER + " header is required");
            }
            if (!matches(secret, exchange.getIn().getBody(byte[].class), signature)) {
                throw WebhookRejection.unauthorized("invalid_signature", HEADER + " does not match the body");
            }
        });
    }

    static boolean matches(String secret, byte[] body, String signature) {
        List<byte[]> provided = Hmac.decodeDigest(signature);
        if (provided.isEmpty()) {
            return false;
        }
        if (Hmac.matchesAny(Hmac.sha256(secret, body), provided)) {
            return true;
        }
        byte[] key;
        JsonNode payload;
        try {
            key = Base64.getDecoder().decode(secret.strip());
            payload = Json.MAPPER.readTree(body);
        } catch (Exception notSchemeB) {
            return false;
        }
        String compact = Json.write(payload);
        return Hmac.matchesAny(Hmac.sha256(key, compact.getBytes(StandardCharsets.UTF_8)), provided)
                || Hmac.matchesAny(Hmac.sha256(key, asciiEscaped(compact).getBytes(StandardCharsets.UTF_8)), provided);
    }

    /** What Python's {@code json.dumps} writes by default: every non-ASCII UTF-16 unit as a lower-case \\uXXXX. */
    static String asciiEscaped(String json) {
        StringBuilder out = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }
}
