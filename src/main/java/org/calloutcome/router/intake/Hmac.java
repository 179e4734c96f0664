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

/** HMACs and constant-time comparison for webhook signatures. */
public final class Hmac {
    private static final Pattern HEX_DIGEST = Pattern.compile("[0-9a-fA-F]{64}");

    /** The HMAC algorithms vendors sign with. */
    public enum Algorithm {
        SHA256("HmacSHA256"), SHA512("HmacSHA512"), SHA1("HmacSHA1");

        private final String jcaName;
        /** One Mac per thread: looking the algorithm up among the security providers costs more than the HMAC. */
        private final ThreadLocal<Mac> mac;

        Algorithm(String jcaName) {
            this.jcaName = jcaName;
            this.mac = ThreadLocal.withInitial(() -> {
                try {
                    return Mac.getInstance(jcaName);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(jcaName + " is not available", e);
                }
            });
        }
    }

    private Hmac() {
    }

    public static byte[] mac(Algorithm algorithm, byte[] key, byte[] message) {
        try {
            Mac mac = algorithm.mac.get();
            mac.init(new SecretKeySpec(key, algorithm.jcaName));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.jcaName + " is not available", e);
        }
    }

    public static byte[] sha256(byte[] key, byte[] message) {
        return mac(Algorithm.SHA256, key, message);
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
