package org.calloutcome.router.platforms.elevenlabs;

import org.calloutcome.router.event.BusinessOutcome;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.Connectivity;
import org.calloutcome.router.platforms.Mappings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ElevenLabs' {@code post_call_transcription} (@elevenlabs/elevenlabs-js) as a call event. */
class ElevenLabsWebhookTest {

    @Test
    void theDocumentedExampleIsAnOptOutInTheDataCollected() {
        CallEvent call = Mappings.call("elevenlabs", "elevenlabs-post-call-transcription.json");
        assertEquals("conv_01jkq2w3e4r5t6y7u8i9o0p1a2", call.getVendorCallId());
        assertEquals("+4915112345678", call.getCustomerNumber());
        assertEquals("Søren Kierkegård", call.getCustomerName());
        assertEquals(85, call.getDurationSeconds());
        assertEquals(Connectivity.CONNECTED, call.getConnectivity());
        assertEquals(BusinessOutcome.OPTED_OUT, call.getBusinessOutcome());
        assertTrue(call.isOptOut());
        assertEquals(2, call.getTranscriptTurns().size());
        assertTrue(call.getTranscriptText().startsWith("assistant: Hello S"), call.getTranscriptText());
    }
}
