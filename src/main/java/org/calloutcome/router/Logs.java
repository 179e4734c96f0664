package org.calloutcome.router;

/**
 * A value from a payload as a log line may show it: without control characters (a line break would forge a log line)
 * or format characters (a right-to-left override would disguise one), and cut to a length no log line needs more of.
 */
public final class Logs {
    private static final int MAX = 120;

    private Logs() {
    }

    public static String safe(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder safe = new StringBuilder(Math.min(value.length(), MAX + 1));
        for (int i = 0; i < value.length() && safe.length() < MAX; ) {
            int c = value.codePointAt(i);
            int type = Character.getType(c);
            safe.appendCodePoint(type == Character.CONTROL || type == Character.FORMAT ? '?' : c);
            i += Character.charCount(c);
        }
        return safe.length() < value.length() && safe.length() >= MAX ? safe + "…" : safe.toString();
    }
}
