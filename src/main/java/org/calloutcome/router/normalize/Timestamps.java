package org.calloutcome.router.normalize;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/** Vendor timestamps to UTC instants. */
public final class Timestamps {
    // ISO 8601 with an offset written as Z, +05:30 or +0530.
    private static final DateTimeFormatter OFFSET = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private Timestamps() {
    }

    /**
     * Reads {@code 2024-12-19T15:00:10Z}, {@code 2024-12-19T15:00:10.123+05:30} and zone-less
     * {@code 2025-12-19 16:01:07} (taken as a time in {@code zoneForLocal}). Returns null for a missing or unreadable
     * value: a bad timestamp never fails an event, and the raw payload keeps what was sent.
     */
    public static Instant parse(String text, ZoneId zoneForLocal) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String iso = text.strip().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(iso, OFFSET).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME).atZone(zoneForLocal).toInstant();
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
