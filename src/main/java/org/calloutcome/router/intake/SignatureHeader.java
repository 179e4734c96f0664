package org.calloutcome.router.intake;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A signature header written as comma-separated {@code name=value} parts, one holding the timestamp and one or more
 * holding hex SHA-256 digests (Retell's {@code v=<ms>,d=<hex>}, ElevenLabs' {@code t=<s>,v0=<hex>,v0=<hex>}).
 * Parts of other names, and digests that are not 64 hex digits, are ignored.
 */
public record SignatureHeader(String timestamp, List<byte[]> digests) {

    public static SignatureHeader parse(String header, String timestampName, String digestName) {
        String timestamp = null;
        List<byte[]> digests = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] nameValue = part.strip().split("=", 2);
            if (nameValue.length != 2) {
                continue;
            }
            String value = nameValue[1].strip();
            if (nameValue[0].equals(timestampName)) {
                timestamp = value;
            } else if (nameValue[0].equals(digestName) && value.matches("[0-9a-fA-F]{64}")) {
                digests.add(HexFormat.of().parseHex(value));
            }
        }
        return new SignatureHeader(timestamp, digests);
    }
}
