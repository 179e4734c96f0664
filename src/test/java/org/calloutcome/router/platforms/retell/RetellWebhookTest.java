package org.calloutcome.router.platforms.retell;

import java.util.List;

import org.calloutcome.router.event.BusinessOutcome;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.Connectivity;
import org.calloutcome.router.event.TranscriptTurn;
import org.calloutcome.router.platforms.Mappings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retell's {@code call_analyzed} (retell-sdk's {@code CallResponse}) as a call event. */
class RetellWebhookTest {

    @Test
    void theDocumentedExampleIsACallbackRequestWithTheTenantsKeys() {
        CallEvent call = Mappings.call("retell", "retell-call-analyzed.json");
        assertEquals("Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6", call.getVendorCallId());
        assertEquals("+12137771235", call.getCustomerNumber());
        assertEquals("José Müller", call.getCustomerName(), "metadata.customer_name, as the packaged settings name it");
        assertEquals("0035e00000RetlAAA", call.getCustomerExternalId());
        assertEquals(191, call.getDurationSeconds());
        assertEquals(Connectivity.CONNECTED, call.getConnectivity());
        assertEquals(BusinessOutcome.CALLBACK_REQUESTED, call.getBusinessOutcome());
        assertTrue(call.isCallbackRequested());
        assertEquals(List.of("assistant", "user"), call.getTranscriptTurns().stream().map(TranscriptTurn::role)
                .toList(), "Retell's agent is the assistant");
    }

    @Test
    void aCallThatReachedVoicemailSaysSo() {
        CallEvent call = Mappings.events("retell", Mappings.example("retell-call-analyzed.json")
                .replace("\"in_voicemail\": false", "\"in_voicemail\": true")).get(0);
        assertEquals(Connectivity.VOICEMAIL, call.getConnectivity());
    }
}
