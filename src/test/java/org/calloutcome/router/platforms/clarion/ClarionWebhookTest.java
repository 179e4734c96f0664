package org.calloutcome.router.platforms.clarion;

import java.util.List;

import org.calloutcome.router.event.BusinessOutcome;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.Connectivity;
import org.calloutcome.router.event.EventKind;
import org.calloutcome.router.event.SequenceStep;
import org.calloutcome.router.platforms.Mappings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Clarion's end of call and end of sequence report (vendor-docs/clarion.md) as call events. */
class ClarionWebhookTest {

    @Test
    void anEndOfCallIsAResolvedCallWithItsTurns() {
        CallEvent call = Mappings.call("clarion", "clarion-end-of-call.json");
        assertEquals(EventKind.CALL_ENDED, call.getEventKind());
        assertEquals("48213", call.getVendorCallId());
        assertEquals("+14155550123", call.getCustomerNumber());
        assertEquals(210, call.getDurationSeconds());
        assertEquals(Connectivity.CONNECTED, call.getConnectivity());
        assertEquals(BusinessOutcome.RESOLVED, call.getBusinessOutcome());
        assertEquals(4, call.getTranscriptTurns().size());
    }

    @Test
    void aSequenceReportIsEachOfItsCallsAndTheSequenceWithEveryStep() {
        List<CallEvent> events = Mappings.events("clarion", Mappings.example("clarion-end-of-sequence-report.json"));
        assertEquals(List.of("48210", "48213"), events.stream().filter(e -> e.getEventKind() == EventKind.CALL_ENDED)
                .map(CallEvent::getVendorCallId).toList(), "each call step is a call of its own");
        assertEquals(List.of(1, 2), events.stream().filter(e -> e.getEventKind() == EventKind.CALL_ENDED)
                .map(CallEvent::getAttempt).toList(), "its place in the sequence");
        CallEvent sequence = events.get(events.size() - 1);
        assertEquals(EventKind.SEQUENCE_ENDED, sequence.getEventKind());
        assertEquals("9031", sequence.getSequenceId());
        assertEquals(List.of("call", "call", "sms"), sequence.getSteps().stream().map(SequenceStep::type).toList());
        // the text message's contact-opt-out: the sequence is an opt-out by text, while neither call was one
        assertTrue(sequence.isTextOptOut());
        assertEquals(BusinessOutcome.OPTED_OUT, sequence.getBusinessOutcome());
        assertFalse(events.get(0).isOptOut() || events.get(1).isOptOut());
        assertEquals(Connectivity.CONNECTED, sequence.getConnectivity(), "the best any of its calls reached");
    }
}
