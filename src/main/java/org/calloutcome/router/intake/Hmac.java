package org.calloutcome.router.intake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 and constant-time comparison for webhook signatures. */
public final class Hmac {
    private static final Pattern HEX_DIGEST = Pattern.compile("[0-9a-fA-F]{64}");
    /** One Mac per thread: looking the algorithm up among the security providers costs more than the HMAC itself. */
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    });

    private Hmac() {
    }

    public static byte[] sha256(byte[] key, byte[] message) {
        try {
            Mac mac = MAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public static byte[] sha256(String key, byte[] message) {
        return sha256(key.getBytes(StandardCharsets.UTF_8), message);
    }

    /** Constant-time comparison of two digests. */
    public static boolean same(byte[] expected, byte[] provided) {
        return provided != null && MessageDigest.isEqual(expected, provided);
    }

    /** Constant-time comparison of two strings of any length (their SHA-256 digests are compared). */
    public static boolean sameText(String expected, String provided) {
        if (provided == null) {
            return false;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest(expected.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha.digest(provided.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The digests a signature header may encode: hex, or base64 (standard or URL-safe). */
    public static List<byte[]> decodeDigest(String signature) {
        List<byte[]> candidates = new ArrayList<>();
        String value = signature.strip();
        if (value.regionMatches(true, 0, "sha256=", 0, 7)) {
            value = value.substring(7);
        }
        if (HEX_DIGEST.matcher(value).matches()) {
            candidates.add(HexFormat.of().parseHex(value));
        }
        for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
            try {
                byte[] decoded = decoder.decode(value);
                if (decoded.length == 32) {
                    candidates.add(decoded);
                }
            } catch (IllegalArgumentException notThisEncoding) {
                // try the next one
            }
        }
        return candidates;
    }

    public static boolean matchesAny(byte[] expected, List<byte[]> candidates) {
        boolean match = false;
        for (byte[] candidate : candidates) {
            match |= same(expected, candidate);
        }
        return match;
    }
}
