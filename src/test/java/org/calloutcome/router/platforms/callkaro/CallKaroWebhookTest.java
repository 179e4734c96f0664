package org.calloutcome.router.platforms.callkaro;

import java.time.Instant;

import org.calloutcome.router.event.BusinessOutcome;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.Connectivity;
import org.calloutcome.router.platforms.Mappings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CallKaro's {@code call_ended} (vendor-docs/callkaro.md) as a call event. */
class CallKaroWebhookTest {

    @Test
    void theDocumentedExampleIsAnInterestedLeadCalledFromIndia() {
        CallEvent call = Mappings.call("callkaro", "callkaro-call-ended.json");
        assertEquals("2303fa770b666a64ab1694c1e", call.getVendorCallId());
        assertEquals("0303fa770b666a64ab1694c1e", call.getSequenceId(), "the batch the call belongs to");
        assertEquals("+919876543210", call.getFromNumber(), "numbers without + keep their country code");
        assertEquals("+918765432109", call.getCustomerNumber());
        assertEquals("Jatin", call.getCustomerName());
        // "time" has no zone: it is read in router.callkaro.time-zone (Asia/Kolkata), and is when the call ended
        assertEquals(Instant.parse("2025-12-19T10:33:07Z"), call.getEndedAt());
        assertEquals(Instant.parse("2025-12-19T10:31:07Z"), call.getStartedAt(), "its duration before");
        assertEquals(Connectivity.CONNECTED, call.getConnectivity());
        assertEquals(BusinessOutcome.CONVERTED, call.getBusinessOutcome());
        assertFalse(call.isTest());
    }

    @Test
    void aTestCallFromTheDashboardIsMarkedAsOne() {
        CallEvent call = Mappings.events("callkaro", Mappings.example("callkaro-call-ended.json")
                .replace("\"name\": \"outbound\"", "\"name\": \"agent-test\"")).get(0);
        assertTrue(call.isTest(), "kept out of the CRM and alerts by the routing rules");
    }
}
