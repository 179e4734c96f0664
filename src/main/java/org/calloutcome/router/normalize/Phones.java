package org.calloutcome.router.normalize;

import java.util.regex.Pattern;

/** Phone numbers: to E.164 for the call log, and masked for logs. */
public final class Phones {
    private static final Pattern SEPARATORS = Pattern.compile("[\\s().\\-/]");
    private static final Pattern DIGITS = Pattern.compile("\\d{3,15}");

    private Phones() {
    }

    /**
     * {@code "919876543210"}, {@code "+91 98765-43210"} and {@code "0091..."} all become {@code "+919876543210"}:
     * vendors that drop the {@code +} still send the country code. Anything that is not a number (a SIP address,
     * "anonymous") is kept as sent rather than failing the event.
     */
    public static String toE164(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String compact = SEPARATORS.matcher(raw.strip()).replaceAll("");
        boolean plus = compact.startsWith("+");
        String digits = plus ? compact.substring(1) : compact;
        if (!plus && digits.startsWith("00")) {
            digits = digits.substring(2);
        }
        return DIGITS.matcher(digits).matches() ? "+" + digits : raw.strip();
    }

    /** {@code +521234567890} becomes {@code +52******7890}: enough to tell calls apart in a log, not to dial. */
    public static String mask(String number) {
        if (number == null) {
            return null;
        }
        if (number.length() < 8) {
            return "****";
        }
        return number.substring(0, 3) + "*".repeat(number.length() - 7) + number.substring(number.length() - 4);
    }
}
