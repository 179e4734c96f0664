package org.calloutcome.router.normalize;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.calloutcome.router.event.Connectivity;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class NormalizeTest {

    @Test
    void phoneNumbersBecomeE164() {
        assertEquals("+919876543210", Phones.toE164("919876543210"));
        assertEquals("+919876543210", Phones.toE164(" +91 98765-43210 "));
        assertEquals("+919876543210", Phones.toE164("0091 (98765) 43210"));
        assertEquals("sip:agent@example.org", Phones.toE164("sip:agent@example.org"), "kept as sent");
        assertNull(Phones.toE164("  "));
    }

    @Test
    void logsSeeOnlyTheEndsOfANumber() {
        assertEquals("+52******7890", Phones.mask("+521234567890"));
        assertEquals("****", Phones.mask("+1234"));
    }

    @Test
    void timestampsWithAndWithoutZones() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        assertEquals(Instant.parse("2025-12-19T10:31:07Z"), Timestamps.parse("2025-12-19 16:01:07", kolkata));
        assertEquals(Instant.parse("2024-12-19T15:00:10Z"), Timestamps.parse("2024-12-19T15:00:10Z", kolkata));
        assertEquals(Instant.parse("2025-12-13T12:05:30Z"), Timestamps.parse("2025-12-13T12:05:30.000Z", kolkata));
        assertEquals(Instant.parse("2025-01-01T04:30:00Z"), Timestamps.parse("2025-01-01T10:00:00+05:30", ZoneOffset.UTC));
        assertEquals(Instant.parse("2025-01-01T04:30:00Z"), Timestamps.parse("2025-01-01T10:00:00+0530", ZoneOffset.UTC));
        assertNull(Timestamps.parse("yesterday", ZoneOffset.UTC), "unreadable is null, never an error");
    }

    @Test
    void vapiStyleEndedReasons() {
        assertEquals(Connectivity.CONNECTED, EndedReasons.connectivity("customer-ended-call"));
        assertEquals(Connectivity.VOICEMAIL, EndedReasons.connectivity("voicemail"));
        assertEquals(Connectivity.NO_ANSWER, EndedReasons.connectivity("customer-did-not-answer"));
        assertEquals(Connectivity.BUSY, EndedReasons.connectivity("customer-busy"));
        assertEquals(Connectivity.FAILED, EndedReasons.connectivity("twilio-failed-to-connect-call"));
        assertEquals(Connectivity.UNKNOWN, EndedReasons.connectivity("something-new"));
    }
}
