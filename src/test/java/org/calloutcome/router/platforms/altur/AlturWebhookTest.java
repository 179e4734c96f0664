package org.calloutcome.router.platforms.altur;

import java.time.Instant;
import java.util.List;

import org.calloutcome.router.event.BusinessOutcome;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.Connectivity;
import org.calloutcome.router.event.Direction;
import org.calloutcome.router.event.TranscriptTurn;
import org.calloutcome.router.platforms.Mappings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Altur's {@code on_call_end} (vendor-docs/altur.md) as a call event. */
class AlturWebhookTest {

    @Test
    void theDocumentedExampleIsAConvertedCallWithItsPersonAndTranscript() {
        CallEvent call = Mappings.call("altur", "altur-on-call-end.json");
        assertEquals("cll_gBoLtd02pUI50QwXkFjB", call.getVendorCallId());
        assertEquals(Direction.OUTBOUND, call.getDirection());
        assertEquals("+521234567890", call.getCustomerNumber());
        assertEquals("John Doe", call.getCustomerName());
        assertEquals("user_12345", call.getCustomerExternalId());
        assertEquals(45, call.getDurationSeconds());
        assertEquals(Connectivity.CONNECTED, call.getConnectivity());
        assertEquals(BusinessOutcome.CONVERTED, call.getBusinessOutcome());
        assertTrue(call.isConverted() && call.isCallbackRequested(), "a payment promise, to be called later");
        assertEquals(List.of("payment_promise", "call_later"), call.getTags(), "the tags of both records, once each");
        List<TranscriptTurn> turns = call.getTranscriptTurns();
        assertEquals(2, turns.size());
        assertEquals("assistant", turns.get(0).role());
        assertEquals(Instant.parse("2024-12-19T15:00:00Z"), turns.get(0).at(), "each turn with its sent_at");
    }

    @Test
    void aCallWithoutTranscriptNorTagsIsStillACall() {
        String payload = Mappings.example("altur-on-call-end.json")
                .replaceAll("(?s)\"transcript\": \\[.*?\\],", "")
                .replaceAll("\"tags\": \\[[^]]*\\]", "\"tags\": []");
        CallEvent call = Mappings.events("altur", payload).get(0);
        assertEquals(List.of(), call.getTranscriptTurns());
        assertEquals(null, call.getTranscriptText());
        assertEquals(List.of(), call.getTags());
        assertEquals("cll_gBoLtd02pUI50QwXkFjB", call.getVendorCallId());
    }
}
