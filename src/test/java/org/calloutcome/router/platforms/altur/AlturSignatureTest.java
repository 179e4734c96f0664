package org.calloutcome.router.platforms.altur;

import java.nio.charset.StandardCharsets;

import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlturSignatureTest {
    private static final String SECRET = "YWx0dXItdGVzdC1rZXktMDEyMzQ1Njc4OQ==";
    private static final byte[] BODY = "{\"event_type\": \"on_call_end\", \"id\": \"cll_1\", \"name\": \"Sofía\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void hexOfTheRawBodyIsAcceptedInEitherCase() {
        String hex = Webhooks.hmacHex(SECRET, BODY);
        assertTrue(AlturSignature.matches(SECRET, BODY, hex));
        assertTrue(AlturSignature.matches(SECRET, BODY, hex.toUpperCase()));
        assertTrue(AlturSignature.matches(SECRET, BODY, "sha256=" + hex));
    }

    @Test
    void base64OfCompactJsonIsAcceptedWithAndWithoutAsciiEscaping() {
        // Computed with Python: base64(hmac(b64decode(secret), json.dumps(payload, separators=(',', ':'), ensure_ascii=...)))
        for (String signature : new String[] {"VVWu31CaJ5XaqW/8V9bykrK1EMVyE40MJqmI7ntr9II=",
            "URXQ4OUuouGMVZc8Tzaia1FTLxF1cFH/MF6lJrT3+ew="}) {
            assertTrue(AlturSignature.matches(SECRET, BODY, signature, () -> AlturSignature.reserializedForms(BODY)));
            assertFalse(AlturSignature.matches(SECRET, BODY, signature), "only where the scheme is configured");
        }
    }

    @Test
    void anythingElseIsRefused() {
        String hex = Webhooks.hmacHex("another-secret", BODY);
        assertFalse(AlturSignature.matches(SECRET, BODY, hex));
        assertFalse(AlturSignature.matches(SECRET, BODY, "not a signature"));
        assertFalse(AlturSignature.matches(SECRET, BODY, ""));
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("cll_1", "cll_2")
                .getBytes(StandardCharsets.UTF_8);
        assertFalse(AlturSignature.matches(SECRET, tampered, Webhooks.hmacHex(SECRET, BODY)));
    }

    @Test
    void asciiEscapingMatchesPython() {
        assertEquals("{\"n\":\"Sof\\u00eda \\ud83d\\udc4b\"}", AlturSignature.asciiEscaped("{\"n\":\"Sofía 👋\"}"));
    }
}
