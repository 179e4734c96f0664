package org.calloutcome.router.platforms.bland;

import java.util.List;

import org.calloutcome.router.event.BusinessOutcome;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.Connectivity;
import org.calloutcome.router.event.TranscriptTurn;
import org.calloutcome.router.platforms.Mappings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bland's completed-call webhook (vendor-docs/more-vendors.md) as a call event. */
class BlandWebhookTest {

    @Test
    void theDocumentedExampleIsACallbackRequestOfANamedCustomer() {
        CallEvent call = Mappings.call("bland", "bland-call-completed.json");
        assertEquals("9d404c1b-6a23-4235-8ef5-20b6b3e2c3a0", call.getVendorCallId());
        assertEquals("+14155550123", call.getCustomerNumber());
        assertEquals("Zoë Ångström", call.getCustomerName());
        assertEquals(210, call.getDurationSeconds());
        assertEquals(Connectivity.CONNECTED, call.getConnectivity());
        assertEquals(BusinessOutcome.CALLBACK_REQUESTED, call.getBusinessOutcome());
        // the third entry is the call's own "agent-action" (Call ended), no turn of the conversation
        assertEquals(List.of("assistant", "user"), call.getTranscriptTurns().stream().map(TranscriptTurn::role)
                .toList());
    }
}
