package org.calloutcome.router.platforms.vapi;

import java.util.List;

import org.calloutcome.router.event.BusinessOutcome;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.Connectivity;
import org.calloutcome.router.event.TranscriptTurn;
import org.calloutcome.router.platforms.Mappings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Vapi's {@code end-of-call-report} (@vapi-ai/server-sdk's {@code ServerMessageEndOfCallReport}) as a call event. */
class VapiWebhookTest {

    @Test
    void theDocumentedExampleIsAnEscalationAndTheSystemPromptIsNoTurn() {
        CallEvent call = Mappings.call("vapi", "vapi-end-of-call-report.json");
        assertEquals("6f1c2a9e-3b7d-4c21-9e5a-0d8b4f2c7a13", call.getVendorCallId());
        assertEquals("+33612345678", call.getCustomerNumber());
        assertEquals("Frédérique Ødegård", call.getCustomerName());
        assertEquals(128, call.getDurationSeconds());
        assertEquals(Connectivity.CONNECTED, call.getConnectivity());
        assertEquals(BusinessOutcome.ESCALATED, call.getBusinessOutcome());
        assertTrue(call.isEscalation());
        assertEquals(List.of("assistant", "user"), call.getTranscriptTurns().stream().map(TranscriptTurn::role)
                .toList(), "Vapi's bot is the assistant; the system prompt is left out");
        assertFalse(call.getTranscriptTurns().stream().anyMatch(turn -> turn.text().contains("pricing floor")),
                "the assistant's instructions are no part of the call");
    }
}
