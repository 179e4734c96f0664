package org.calloutcome.router.intake;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a vendor signs, written as a payload format such as {@code {timestamp}.{body}}: literal text, the raw body
 * ({@code {body}}, its bytes untouched) and values of the request ({@code {timestamp}}, {@code {method}}, ...).
 */
public final class SignedPayload {
    public static final String BODY = "body";
    public static final String TIMESTAMP = "timestamp";
    /** HMS Sovereign, ElevenLabs and Vapi's default. */
    public static final String TIMESTAMP_DOT_BODY = "{timestamp}.{body}";
    /** Retell: the body immediately followed by the timestamp. */
    public static final String BODY_THEN_TIMESTAMP = "{body}{timestamp}";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z-]+)}");

    /** Literal text, or a placeholder's name when {@code placeholder} is set. */
    private record Piece(String text, boolean placeholder) {
    }

    private final String format;
    private final List<Piece> pieces;

    private SignedPayload(String format, List<Piece> pieces) {
        this.format = format;
        this.pieces = pieces;
    }

    /**
     * Reads a payload format. Refuses one without {@code {body}} (it would sign nothing of the event) or naming a
     * placeholder outside {@code known}, so a typo stops the router at start rather than refusing every webhook.
     */
    public static SignedPayload parse(String format, Set<String> known) {
        List<Piece> pieces = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(format);
        int at = 0;
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!name.equals(BODY) && !known.contains(name)) {
                throw new IllegalArgumentException("the payload format '" + format + "' names {" + name
                        + "}; known: {body}" + known.stream().sorted().map(k -> ", {" + k + "}").reduce("", String::concat));
            }
            if (matcher.start() > at) {
                pieces.add(new Piece(format.substring(at, matcher.start()), false));
            }
            pieces.add(new Piece(name, true));
            at = matcher.end();
        }
        if (at < format.length()) {
            pieces.add(new Piece(format.substring(at), false));
        }
        if (!pieces.contains(new Piece(BODY, true))) {
            throw new IllegalArgumentException("the payload format '" + format + "' must contain {body}");
        }
        return new SignedPayload(format, List.copyOf(pieces));
    }

    public boolean uses(String name) {
        return pieces.contains(new Piece(name, true));
    }

    /** The bytes to sign: text as UTF-8, the body as received. */
    public byte[] render(byte[] body, Map<String, String> values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        for (Piece piece : pieces) {
            if (piece.placeholder() && piece.text().equals(BODY)) {
                out.writeBytes(body);
            } else {
                String text = piece.placeholder() ? values.getOrDefault(piece.text(), "") : piece.text();
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return format;
    }
}
