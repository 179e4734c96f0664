package org.calloutcome.router.platforms.hms;

import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.Connectivity;
import org.calloutcome.router.event.Direction;
import org.calloutcome.router.platforms.Mappings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** HMS Sovereign's (VoiceDock's) {@code end-of-call-report} (vendor-docs/hms-sovereign.md) as a call event. */
class HmsSovereignWebhookTest {

    @Test
    void theDocumentedExampleIsAnInboundCallOfACampaign() {
        CallEvent call = Mappings.call("hms-sovereign", "hms-sovereign-end-of-call-report.json");
        assertEquals("5c4d030f-43e3-4e65-899e-8148521e660f", call.getVendorCallId());
        assertEquals(Direction.INBOUND, call.getDirection());
        assertEquals("+31612345678", call.getCustomerNumber(), "an inbound call's customer is who called");
        assertEquals("summer-2025", call.getSequenceId(), "the campaign");
        assertEquals("12345", call.getCustomerExternalId());
        assertEquals(84, call.getDurationSeconds());
        assertEquals(Connectivity.CONNECTED, call.getConnectivity());
        assertEquals(3, call.getTranscriptTurns().size());
    }

    @Test
    void aNumberSentWithoutItsPlusKeepsItsCountryCode() {
        CallEvent call = Mappings.events("hms-sovereign", Mappings.example("hms-sovereign-end-of-call-report.json")
                .replace("\"number\": \"+31612345678\"", "\"number\": \"31612345678\"")).get(0);
        assertEquals("+31612345678", call.getCustomerNumber());
    }
}
