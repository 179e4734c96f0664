package org.calloutcome.router.platforms.altur;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.calloutcome.router.intake.Hmac;
import org.calloutcome.router.intake.WebhookAccounts;
import org.calloutcome.router.intake.WebhookRejection;
import org.calloutcome.router.normalize.Json;

/**
 * Verifies {@code X-Altur-Signature}. Altur's docs show two schemes:
 * <ol>
 * <li>hex HMAC-SHA256 of the raw body, keyed with the secret's UTF-8 bytes: always accepted;</li>
 * <li>base64 HMAC-SHA256 of the payload re-serialized compact, keyed with the base64-decoded secret. A Python sender
 * escapes non-ASCII characters ({@code Sofía} as {@code Sof\u00eda}) unless told not to, so both forms are tried.
 * Accepted only with {@code router.altur.reserialized-signatures=true}: it parses and writes the body before it is
 * authenticated, work anyone can ask for; when on, that is done once a request, whatever the number of secrets.</li>
 * </ol>
 */
public final class AlturSignature implements Processor {
    public static final String HEADER = "X-Altur-Signature";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final WebhookAccounts accounts;
    private final boolean reserialized;

    public AlturSignature(WebhookAccounts accounts, boolean reserialized) {
        this.accounts = accounts;
        this.reserialized = reserialized;
    }

    @Override
    public void process(Exchange exchange) {
        byte[] body = exchange.getIn().getBody(byte[].class);
        Supplier<byte[][]> forms = reserialized ? once(() -> reserializedForms(body)) : () -> null;
        accounts.verify(exchange, secret -> {
            String signature = exchange.getIn().getHeader(HEADER, String.class);
            if (signature == null || signature.isBlank()) {
                throw WebhookRejection.unauthorized("missing_signature", HEADER + " header is required");
            }
            if (!matches(secret, body, signature, forms)) {
                throw WebhookRejection.unauthorized("invalid_signature", HEADER + " does not match the body");
            }
        });
    }

    /** The raw-body scheme alone. */
    static boolean matches(String secret, byte[] body, String signature) {
        return matches(secret, body, signature, () -> null);
    }

    /** @param forms the body re-serialized, compact and ASCII-escaped; null: not JSON, or the scheme is off */
    static boolean matches(String secret, byte[] body, String signature, Supplier<byte[][]> forms) {
        List<byte[]> provided = Hmac.decodeDigest(signature);
        if (provided.isEmpty()) {
            return false;
        }
        if (Hmac.matchesAny(Hmac.sha256(secret, body), provided)) {
            return true;
        }
        byte[][] compact = forms.get();
        if (compact == null) {
            return false;
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.strip());
        } catch (IllegalArgumentException notSchemeB) {
            return false;
        }
        return Hmac.matchesAny(Hmac.sha256(key, compact[0]), provided)
                || Hmac.matchesAny(Hmac.sha256(key, compact[1]), provided);
    }

    /** The payload written compact, as is and ASCII-escaped; null when the body is not JSON. */
    static byte[][] reserializedForms(byte[] body) {
        try {
            String compact = Json.write(Json.MAPPER.readTree(body));
            return new byte[][] {compact.getBytes(StandardCharsets.UTF_8),
                asciiEscaped(compact).getBytes(StandardCharsets.UTF_8)};
        } catch (Exception notJson) {
            return null;
        }
    }

    private static <T> Supplier<T> once(Supplier<T> supplier) {
        Object[] kept = new Object[1];
        boolean[] made = new boolean[1];
        return () -> {
            if (!made[0]) {
                kept[0] = supplier.get();
                made[0] = true;
            }
            @SuppressWarnings("unchecked")
            T value = (T) kept[0];
            return value;
        };
    }

    /** What Python's {@code json.dumps} writes by default: every non-ASCII UTF-16 unit as a lower-case \\uXXXX. */
    static String asciiEscaped(String json) {
        StringBuilder out = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c < 0x7f) {
                out.append(c);
            } else {
                out.append('\\').append('u').append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf]).append(HEX[(c >> 4) & 0xf])
                        .append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
