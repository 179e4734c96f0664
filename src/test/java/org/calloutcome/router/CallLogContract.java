package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;


import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.component.seda.SedaEndpoint;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.support.Webhooks.Answer;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the call log must hold for each vendor's documented example, and how intake answers good, repeated and bad
 * webhooks. Runs once per database (see the subclasses), against the real application.
 */
abstract class CallLogContract extends RouterTest {

    private Map<String, Object> accepted(Answer answer, String vendor, String callId) {
        assertEquals(202, answer.status(), answer.body().toString());
        assertEquals(false, answer.body().path("duplicate").asBoolean(true));
        log.awaitProcessed(answer.eventId());
        return log.call(vendor, callId);
    }

    @Test
    void blandCallBecomesOneCallWithItsMinutesInSecondsAndTheCrmIdFromMetadata() {
        Map<String, Object> call = accepted(webhooks.bland(Webhooks.example("bland-call-completed.json")), "bland",
                "9d404c1b-6a23-4235-8ef5-20b6b3e2c3a0");
        assertEquals("OUTBOUND", call.get("direction"));
        assertEquals("CONNECTED", call.get("connectivity"));
        assertEquals("CALLBACK_REQUESTED", call.get("business_outcome"));
        assertEquals("210", call.get("duration_seconds"), "3.5 minutes");
        assertEquals("+14155550123", call.get("customer_number"), "a number sent without +");
        assertEquals("00Q5e00000BlandAA", call.get("customer_external_id"));
        assertEquals("Zoë Ångström", call.get("customer_name"));
        assertEquals("USER", call.get("raw_ended_reason"));
        assertInstant("2025-11-20T15:05:44Z", call.get("ended_at"));
        assertEquals("[{\"role\":\"assistant\",\"text\":\"Hi, is this Zoë?\"},{\"role\":\"user\",\"text\":\"Yes, speaking.\"}]",
                call.get("transcript_turns"));
    }

    @Test
    void aBlandCallSignedWithAnotherSecretIsRefused() {
        Answer answer = webhooks.bland(Webhooks.example("bland-call-completed.json"), "00".repeat(32));
        assertEquals(401, answer.status());
        assertEquals("invalid_signature", answer.error());
        assertEquals(0, log.count("inbox"));
    }

    @Test
    void retellsAnalyzedEventIsNeverUndoneByItsEarlierCallEndedArrivingLate() {
        Answer analyzed = webhooks.retell(Webhooks.example("retell-call-analyzed.json"));
        Map<String, Object> call = accepted(analyzed, "retell", "Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6");
        Answer ended = webhooks.retell(Webhooks.example("retell-call-ended.json"));
        assertEquals(202, ended.status(), "the other end event of the call is news, not a repeat");
        log.awaitProcessed(ended.eventId());

        call = log.call("retell", "Jabr9TXYYJHfvl6Syypi88rdAHYHmcq6");
        assertEquals("CALLBACK_REQUESTED", call.get("business_outcome"), "the analysis stays");
        assertEquals("José wants a call back next week about the renewal.", call.get("summary"));
        assertEquals("CONNECTED", call.get("connectivity"));
        assertEquals("OUTBOUND", call.get("direction"));
        assertEquals("191", call.get("duration_seconds"), "duration_ms");
        assertInstant("2024-11-19T11:53:11.456Z", call.get("ended_at"));
        assertEquals("+12137771235", call.get("customer_number"));
        assertEquals("0035e00000RetlAAA", call.get("customer_external_id"));
        assertEquals("José Müller", call.get("customer_name"));
    }

    @Test
    void aRetellSignatureOlderThanFiveMinutesIsRefused() {
        Answer stale = webhooks.retell(Webhooks.example("retell-call-ended.json"),
                System.currentTimeMillis() - 6 * 60_000);
        assertEquals(401, stale.status());
        assertEquals("stale_timestamp", stale.error());
        String started = new String(Webhooks.example("retell-call-ended.json"), StandardCharsets.UTF_8)
                .replace("\"call_ended\"", "\"call_started\"");
        Answer ignored = webhooks.retell(started.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, ignored.status());
        assertEquals(true, ignored.body().path("ignored").asBoolean());
        assertEquals(0, log.count("inbox"));
    }

    @Test
    void elevenLabsConversationBecomesAnOptOutWithItsEpochSecondsAndTheCrmIdFromItsVariables() {
        Map<String, Object> call = accepted(webhooks.elevenlabs(Webhooks.example("elevenlabs-post-call-transcription.json")),
                "elevenlabs", "conv_01jkq2w3e4r5t6y7u8i9o0p1a2");
        assertEquals("OPTED_OUT", call.get("business_outcome"));
        assertEquals("true", call.get("opt_out"));
        assertEquals("CONNECTED", call.get("connectivity"));
        assertInstant("2025-02-14T12:46:40Z", call.get("started_at"));
        assertInstant("2025-02-14T12:48:05Z", call.get("ended_at"));
        assertEquals("85", call.get("duration_seconds"));
        assertEquals("+4915112345678", call.get("customer_number"));
        assertEquals("0035e00000ElevAAA", call.get("customer_external_id"));
        assertEquals("Søren Kierkegård", call.get("customer_name"));
    }

    @Test
    void elevenLabsSignaturesAreCheckedInTheirWindowAndAnyOfSeveralMayMatch() {
        byte[] body = Webhooks.example("elevenlabs-post-call-transcription.json");
        long now = System.currentTimeMillis() / 1000;
        assertEquals(401, webhooks.elevenlabs(body, now, "an-old-secret").status());
        assertEquals("stale_timestamp", webhooks.elevenlabs(body, now - 31 * 60, Webhooks.ELEVENLABS_SECRET).error());
        Answer rotated = webhooks.elevenlabs(body, now, "an-old-secret", Webhooks.ELEVENLABS_SECRET);
        assertEquals(202, rotated.status(), "a rotated secret: the second v0 matches");
        log.awaitProcessed(rotated.eventId());
        String audio = """
                {"type": "post_call_audio", "data": {"conversation_id": "c1", "full_audio": "UklGRiQAAABXQVZFZm10"}}""";
        Answer ignored = webhooks.elevenlabs(audio.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, ignored.status());
        assertEquals(1, log.count("inbox"), "the audio is never stored");
    }

    @Test
    void vapiReportBecomesAnEscalationWithTheCrmIdFromCallMetadataAndNoAssistantConfigurationStored() {
        Answer answer = webhooks.vapi(Webhooks.example("vapi-end-of-call-report.json"));
        Map<String, Object> call = accepted(answer, "vapi", "6f1c2a9e-3b7d-4c21-9e5a-0d8b4f2c7a13");
        assertEquals("ESCALATED", call.get("business_outcome"), "structuredData.outcome wins over successEvaluation");
        assertEquals("escalate", call.get("raw_outcome"));
        assertEquals("CONNECTED", call.get("connectivity"));
        assertEquals("OUTBOUND", call.get("direction"));
        assertInstant("2025-11-26T11:40:02.512Z", call.get("started_at"));
        assertInstant("2025-11-26T11:42:10.981Z", call.get("ended_at"));
        assertEquals("128", call.get("duration_seconds"));
        assertEquals("+33612345678", call.get("customer_number"));
        assertEquals("+14155550100", call.get("from_number"));
        assertEquals("00Q5e00000VapiAAA", call.get("customer_external_id"));
        assertEquals("Frédérique Ødegård", call.get("customer_name"));
        assertEquals("[{\"role\":\"assistant\",\"text\":\"Bonjour, this is Léa from Northwind.\"},"
                + "{\"role\":\"user\",\"text\":\"I want to speak to a manager about my invoice.\"}]",
                call.get("transcript_turns"));
        String inbox = (String) log.rows("SELECT payload FROM inbox WHERE event_id = ?",
                java.util.UUID.fromString(answer.eventId())).get(0).get("payload");
        for (String stored : List.of(inbox, (String) call.get("raw_payload"))) {
            assertFalse(stored.contains("pricing floor"), "neither the assistant's prompt nor its system message");
            assertFalse(stored.contains("gpt-4o"), "no model configuration");
            assertTrue(stored.contains("renewals-q4"), "the assistant's metadata, the tenant's own ids, stays");
        }
    }

    @Test
    void anOlderVapiReportWithAnIsoTimestampAndNoAnswerReadsTheCrmIdFromTheAssistant() {
        Map<String, Object> call = accepted(webhooks.vapi(Webhooks.example("vapi-end-of-call-report-no-answer.json")),
                "vapi", "0b9e8d7c-6a5f-4e3d-9c2b-1a0f9e8d7c6b");
        assertEquals("NO_ANSWER", call.get("connectivity"));
        assertEquals("customer-did-not-answer", call.get("raw_ended_reason"));
        assertInstant("2025-11-26T09:15:44Z", call.get("ended_at"));
        assertNull(call.get("started_at"));
        assertEquals("+4915112345678", call.get("customer_number"), "a number sent without +");
        assertEquals("0035e00000VapiBBB", call.get("customer_external_id"));
        assertEquals("NONE", call.get("business_outcome"), "nobody was reached");
    }

    @Test
    void vapiSignaturesAreCheckedInTheirWindowAndOtherMessagesAreIgnored() {
        byte[] body = Webhooks.example("vapi-end-of-call-report.json");
        long now = System.currentTimeMillis();
        assertEquals("invalid_signature", webhooks.vapi(body, now, "another-secret").error());
        assertEquals("stale_timestamp", webhooks.vapi(body, now - 6 * 60_000, Webhooks.VAPI_SECRET).error());
        assertEquals("missing_signature", webhooks.post("/webhooks/vapi", body, "application/json").error());
        Answer seconds = webhooks.vapi(body, now / 1000, Webhooks.VAPI_SECRET);
        assertEquals(202, seconds.status(), "a timestamp in seconds is read as seconds");
        log.awaitProcessed(seconds.eventId());
        String update = """
                {"message": {"type": "status-update", "status": "in-progress", "call": {"id": "6f1c2a9e"}}}""";
        Answer ignored = webhooks.vapi(update.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, ignored.status());
        assertEquals(true, ignored.body().path("ignored").asBoolean());
        assertEquals(1, log.count("inbox"));
    }

    // ---------------------------------------------------------------- retention

    @Test
    void rawPayloadsAreRemovedDaysAfterProcessingAndTheCallLogKeepsItsColumns() throws Exception {
        String old = webhooks.altur(Webhooks.example("altur-on-call-end.json")).eventId();
        String recent = webhooks.callkaro(Webhooks.example("callkaro-call-ended.json")).eventId();
        log.awaitProcessed(old);
        log.awaitProcessed(recent);
        log.execute("UPDATE inbox SET processed_at = processed_at - INTERVAL '31' DAY WHERE event_id = '" + old + "'");

        assertEquals(1, context.getRegistry().lookupByNameAndType("payloadRetention",
                org.calloutcome.router.processing.PayloadRetention.class).redact());

        Map<String, Object> redacted = log.rows("SELECT payload, redacted_at FROM inbox WHERE event_id = ?",
                java.util.UUID.fromString(old)).get(0);
        assertEquals("{\"redacted\":true}", redacted.get("payload"));
        assertTrue(redacted.get("redacted_at") != null);
        Map<String, Object> call = log.call("altur", "cll_gBoLtd02pUI50QwXkFjB");
        assertEquals(null, call.get("raw_payload"), "the vendor's JSON is gone from the call log too");
        assertEquals("CONVERTED", call.get("business_outcome"), "the call log keeps its columns");
        assertTrue(((String) log.rows("SELECT payload FROM inbox WHERE event_id = ?", java.util.UUID.fromString(recent))
                .get(0).get("payload")).contains("2303fa770b666a64ab1694c1e"), "a recent payload stays");
        assertTrue(log.call("callkaro", "2303fa770b666a64ab1694c1e").get("raw_payload") != null);
    }

    // ---------------------------------------------------------------- vendor doc examples

    @Test
    void alturExampleBecomesOneConvertedCallWithItsCampaignUser() {
        Map<String, Object> call = accepted(webhooks.altur(Webhooks.example("altur-on-call-end.json")),
                "altur", "cll_gBoLtd02pUI50QwXkFjB");
        assertEquals("OUTBOUND", call.get("direction"));
        assertEquals("CONNECTED", call.get("connectivity"));
        assertEquals("CONVERTED", call.get("business_outcome"));
        assertEquals("true", call.get("converted"));
        assertEquals("true", call.get("callback_requested"), "tag call_later");
        assertEquals("false", call.get("opt_out"));
        assertEquals("converted", call.get("raw_outcome"));
        assertEquals("ended", call.get("raw_status"));
        assertEquals("+521234567890", call.get("customer_number"));
        assertEquals("user_12345", call.get("customer_external_id"));
        assertEquals("John Doe", call.get("customer_name"));
        assertEquals("6cy951e6-9877-4d7c-88d7-56b4948d3cce", call.get("agent_id"));
        assertEquals("Diana Arroyo", call.get("agent_name"));
        assertEquals("45", call.get("duration_seconds"));
        assertInstant("2024-12-19T15:00:10Z", call.get("started_at"));
        assertEquals("[\"payment_promise\",\"call_later\"]", call.get("tags"));
        assertTrue(((String) call.get("extracted_data")).contains("\"Payment Amount\":\"1200\""));
        assertEquals("assistant: Hello am I speaking with Sofía?\nuser: Yes, who is this?", call.get("transcript_text"));
        assertEquals("on_call_end", call.get("vendor_event_type"));
        assertEquals(List.of(Map.of("rule", "follow-up", "status", "SKIPPED", "result", "skipped: not configured"),
                Map.of("rule", "lead-status", "status", "SKIPPED", "result", "skipped: not configured"),
                Map.of("rule", "log-call", "status", "SKIPPED", "result", "skipped: not configured")),
                log.rows("SELECT rule, status, result FROM delivery WHERE sink = 'salesforce' ORDER BY rule"),
                "without a Salesforce connection the CRM updates are recorded as skipped");
    }

    @Test
    void callKaroExampleGetsPlusSignsAndItsIndianTimeInUtc() {
        Map<String, Object> call = accepted(webhooks.callkaro(Webhooks.example("callkaro-call-ended.json")),
                "callkaro", "2303fa770b666a64ab1694c1e");
        assertEquals("+919876543210", call.get("from_number"));
        assertEquals("+918765432109", call.get("to_number"));
        assertEquals("+918765432109", call.get("customer_number"));
        assertInstant("2025-12-19T10:31:07Z", call.get("started_at")); // 16:01:07 in Asia/Kolkata
        assertInstant("2025-12-19T10:33:07Z", call.get("ended_at"));
        assertEquals("120", call.get("duration_seconds"));
        assertEquals("OUTBOUND", call.get("direction"));
        assertEquals("CONNECTED", call.get("connectivity"));
        assertEquals("CONVERTED", call.get("business_outcome"));
        assertEquals("true", call.get("callback_requested"), "disposition 'Customer requested callback'");
        assertEquals("CLIENT_INITIATED", call.get("raw_ended_reason"));
        assertEquals("Customer requested callback", call.get("raw_disposition"));
        assertEquals("interested", call.get("raw_outcome"));
        assertEquals("Jatin", call.get("customer_name"));
        assertEquals("0303fa770b666a64ab1694c1e", call.get("sequence_id"));
        assertEquals("1", call.get("attempt"));
        assertEquals("https://callkaro.ai/dashboard/call-history?call_id=abc123", call.get("dashboard_url"));
        assertEquals("Full call transcript...", call.get("transcript_text"));
        assertEquals("false", call.get("test"));
    }

    @Test
    void hmsExampleDerivesItsTimesAndNeverStoresTheAssistantConfiguration() {
        Answer answer = webhooks.hms(Webhooks.example("hms-sovereign-end-of-call-report.json"));
        Map<String, Object> call = accepted(answer, "hms-sovereign", "5c4d030f-43e3-4e65-899e-8148521e660f");
        assertEquals("INBOUND", call.get("direction"));
        assertEquals("+31612345678", call.get("customer_number"));
        assertEquals("+31612345678", call.get("from_number"));
        assertEquals("+31850835037", call.get("to_number"));
        assertInstant("2025-12-13T12:05:30Z", call.get("ended_at"));
        assertInstant("2025-12-13T12:04:06Z", call.get("started_at")); // 84 s before
        assertEquals("84", call.get("duration_seconds"));
        assertEquals("CONNECTED", call.get("connectivity"));
        assertEquals("UNKNOWN", call.get("business_outcome"), "the example's analysis names no outcome");
        assertEquals("12345", call.get("customer_external_id"));
        assertEquals("summer-2025", call.get("sequence_id"));
        assertEquals("HMS Sovereign Demo", call.get("agent_name"));
        assertTrue(((String) call.get("transcript_text")).startsWith("assistant: Hello, how can I help you?"));
        assertTrue(((String) call.get("extracted_data")).contains("\"main_topic\":\"Scheduling appointment\""));
        String inbox = (String) log.rows("SELECT payload FROM inbox").get(0).get("payload");
        for (String stored : List.of(inbox, (String) call.get("raw_payload"))) {
            assertFalse(stored.contains("first_message"), stored);
            assertFalse(stored.contains("llm_config"), stored);
            assertTrue(stored.contains("\"crm_id\":\"12345\""), "metadata is kept");
        }
    }

    @Test
    void hmsEventsOtherThanTheEndOfCallReportAreAcknowledgedAndDropped() {
        String statusUpdate = """
                {"message": {"type": "status-update", "status": "in-progress", "call": {"id": "c-1"}}}""";
        Answer answer = webhooks.hms(statusUpdate.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, answer.status());
        assertTrue(answer.body().path("ignored").asBoolean());
        assertEquals(0, log.count("inbox"));
    }

    @Test
    void clarionEndOfCallIsAResolvedCallWithTranscriptTurns() {
        Map<String, Object> call = accepted(webhooks.clarion(Webhooks.example("clarion-end-of-call.json")),
                "clarion", "48213");
        assertEquals("OUTBOUND", call.get("direction"));
        assertEquals("+14155550123", call.get("customer_number"));
        assertEquals("CONNECTED", call.get("connectivity"));
        assertEquals("RESOLVED", call.get("business_outcome"));
        assertEquals("210", call.get("duration_seconds"));
        assertEquals("17", call.get("agent_id"));
        assertEquals("end-of-call", call.get("vendor_event_type"));
        assertTrue(((String) call.get("transcript_turns")).startsWith(
                "[{\"role\":\"assistant\",\"text\":\"Hello, this is Clarion Health calling for María José.\"}"));
        assertEquals("{\"appointment_confirmed\":true}", call.get("extracted_data"));
    }

    @Test
    void clarionSequenceReportRecordsEveryStepAndMergesTheCallItShares() {
        accepted(webhooks.clarion(Webhooks.example("clarion-end-of-call.json")), "clarion", "48213");
        Answer report = webhooks.clarion(Webhooks.example("clarion-end-of-sequence-report.json"));
        assertEquals(202, report.status());
        log.awaitProcessed(report.eventId());

        assertEquals(2, log.count("call_event"), "calls 48210 and 48213, the latter once");
        Map<String, Object> shared = log.call("clarion", "48213");
        assertEquals("9031", shared.get("sequence_id"));
        assertEquals("2", shared.get("attempt"));
        assertNotNull(shared.get("transcript_text"), "the end-of-call transcript survives the report, which has none");
        assertEquals("RESOLVED", shared.get("business_outcome"));
        Map<String, Object> missed = log.call("clarion", "48210");
        assertEquals("NO_ANSWER", missed.get("connectivity"));
        assertEquals("UNRESOLVED", missed.get("business_outcome"));

        Map<String, Object> sequence = log.rows("SELECT * FROM call_sequence").get(0);
        assertEquals("9031", sequence.get("vendor_sequence_id"));
        assertEquals("true", sequence.get("opt_out"), "the text-message step ended with contact-opt-out");
        assertEquals("OPTED_OUT", sequence.get("business_outcome"));
        assertEquals("CONNECTED", sequence.get("connectivity"));
        assertInstant("2025-11-03T15:10:00Z", sequence.get("last_updated"));
        List<Map<String, Object>> steps = log.rows(
                "SELECT step, step_type, vendor_step_id, ended_reason FROM sequence_step ORDER BY step");
        assertEquals(List.of("1 call 48210 customer-did-not-answer", "2 call 48213 customer-ended-call",
                "3 sms 7702 contact-opt-out"), steps.stream().map(s -> s.get("step") + " " + s.get("step_type")
                        + " " + s.get("vendor_step_id") + " " + s.get("ended_reason")).toList());
    }

    // ---------------------------------------------------------------- edge cases the docs imply

    @Test
    void alturCompactSchemeWithUnicodeNamesIsAcceptedEscapedOrNot() {
        byte[] body = Webhooks.example("altur-unicode.json");
        // Signatures made by a Python sender: base64 HMAC of json.dumps(payload, separators=(',', ':')),
        // with ensure_ascii on (Sof\u00eda) and off (Sofía).
        Answer escaped = webhooks.altur(body, "uFP5fEDmt4pL392sLyXzlCgTht4Q7i9gqCv9NUc9vbw=");
        assertEquals(202, escaped.status(), escaped.body().toString());
        Answer raw = webhooks.altur(body, "a6SqGwFJFGJ4MqngpU9n5uOFtRNMkjFd4oOPuUO2++k=");
        assertEquals(200, raw.status(), raw.body().toString());
        assertTrue(raw.body().path("duplicate").asBoolean());
        log.awaitProcessed(escaped.eventId());
        Map<String, Object> call = log.call("altur", "cll_unicode_001");
        assertEquals("Sofía Núñez 王芳", call.get("customer_name"));
        assertEquals("+34612345678", call.get("customer_number"));
        assertTrue(((String) call.get("transcript_text")).contains("¿Hablo con Sofía? 👋"));
    }

    @Test
    void missingOptionalFieldsStillMakeARow() {
        Map<String, Object> call = accepted(webhooks.altur(
                "{\"event_type\":\"on_call_end\",\"id\":\"cll_minimal\"}".getBytes(StandardCharsets.UTF_8)),
                "altur", "cll_minimal");
        assertEquals("UNKNOWN", call.get("direction"));
        assertEquals("UNKNOWN", call.get("connectivity"));
        assertEquals("UNKNOWN", call.get("business_outcome"));
        assertNull(call.get("customer_number"));
        assertNull(call.get("started_at"));
        assertNotNull(call.get("received_at"));
    }

    @Test
    void unknownVendorValuesMapToUnknownAndKeepTheirRawValue() {
        String call = """
                {"id": 5001, "assistant_id": 3, "call_status": "archived", "ended_reason": "moon-phase",
                 "outcome": "rescheduled-elsewhere", "failure_reason": "dog-ate-phone",
                 "destination_number": "14155550199", "call_type": "outboundPhoneCall",
                 "started_at": "2025-11-03T09:00:00"}""";
        Map<String, Object> row = accepted(webhooks.clarion(call.getBytes(StandardCharsets.UTF_8)), "clarion", "5001");
        assertEquals("UNKNOWN", row.get("connectivity"));
        assertEquals("UNKNOWN", row.get("business_outcome"));
        assertEquals("archived", row.get("raw_status"));
        assertEquals("moon-phase", row.get("raw_ended_reason"));
        assertEquals("rescheduled-elsewhere", row.get("raw_outcome"));
        assertEquals("dog-ate-phone", row.get("raw_failure_reason"));
        assertEquals("+14155550199", row.get("customer_number"), "a number without + gets one");
        assertInstant("2025-11-03T09:00:00Z", row.get("started_at")); // zone-less Clarion times are UTC
    }

    @Test
    void callKaroTestCallsAreMarkedTest() {
        String body = new String(Webhooks.example("callkaro-call-ended.json"), StandardCharsets.UTF_8)
                .replace("\"callSid\": \"2303fa770b666a64ab1694c1e\"", "\"callSid\": \"test-call-1\"")
                .replace("\"name\": \"outbound\"", "\"name\": \"agent-test\"")
                .replace("\"hangup_reason\": \"CLIENT_INITIATED\"", "\"hangup_reason\": \"SOMETHING_NEW\"");
        Map<String, Object> call = accepted(webhooks.callkaro(body.getBytes(StandardCharsets.UTF_8)),
                "callkaro", "test-call-1");
        assertEquals("true", call.get("test"));
        assertEquals("agent-test", call.get("call_type"));
        assertEquals("UNKNOWN", call.get("connectivity"));
        assertEquals("SOMETHING_NEW", call.get("raw_ended_reason"));
        assertEquals(0, log.count("delivery"), "test calls never reach the CRM");
    }

    // ---------------------------------------------------------------- once, whatever the deliveries

    @Test
    void repeatedDeliveriesAnswerDuplicateWithTheFirstEventId() {
        byte[] body = Webhooks.example("altur-on-call-end.json");
        Answer first = webhooks.altur(body);
        Answer second = webhooks.altur(body);
        Answer third = webhooks.altur(body);
        assertEquals(202, first.status());
        for (Answer again : List.of(second, third)) {
            assertEquals(200, again.status());
            assertTrue(again.body().path("duplicate").asBoolean());
            assertEquals(first.eventId(), again.eventId());
        }
        log.awaitProcessed(first.eventId());
        assertEquals(1, log.count("inbox"));
        assertEquals(1, log.count("call_event"));
    }

    @Test
    void concurrentDeliveriesOfOneEventPassOnlyOnce() throws Exception {
        byte[] body = Webhooks.example("callkaro-call-ended.json");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Answer>> deliveries = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                deliveries.add(() -> webhooks.callkaro(body));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Answer> answer : pool.invokeAll(deliveries)) {
                statuses.add(answer.get().status());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 202).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, log.count("inbox"));
    }

    @Test
    void anEventWhoseWakeUpWasLostIsProcessedFromTheInbox() throws Exception {
        // As after a crash: the row is stored and answered, but the in-memory wake-up of the workers is gone.
        context.getRouteController().stopRoute("inbox-process");
        Answer answer = webhooks.altur(Webhooks.example("altur-on-call-end.json"));
        assertEquals(202, answer.status());
        context.getEndpoints().stream().filter(e -> e.getEndpointUri().startsWith("seda://inbox-work"))
                .forEach(e -> ((SedaEndpoint) e).getQueue().clear());
        assertEquals("RECEIVED", log.inboxStatus(answer.eventId()));
        context.getRouteController().startRoute("inbox-process");
        log.awaitProcessed(answer.eventId());
        assertEquals("CONVERTED", log.call("altur", "cll_gBoLtd02pUI50QwXkFjB").get("business_outcome"));
    }

    @Test
    void eventsWaitDurablyThroughACallLogOutageAndResume() throws Exception {
        rename("call_event", "call_event_offline"); // the sink's table is unreachable
        try {
            Answer answer = webhooks.callkaro(Webhooks.example("callkaro-call-ended.json"));
            assertEquals(202, answer.status(), "intake does not depend on the sinks");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> "FAILED".equals(log.inboxStatus(answer.eventId())));
            assertNotNull(log.rows("SELECT last_error FROM inbox").get(0).get("last_error"));
        } finally {
            rename("call_event_offline", "call_event");
        }
        String eventId = (String) log.rows("SELECT event_id FROM inbox").get(0).get("event_id");
        log.awaitProcessed(eventId);
        assertEquals("CONVERTED", log.call("callkaro", "2303fa770b666a64ab1694c1e").get("business_outcome"));
    }

    private void rename(String from, String to) throws java.sql.SQLException {
        try (java.sql.Connection connection = dataSource.getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + from + " RENAME TO " + to);
        }
    }

    // ---------------------------------------------------------------- bad input: clear errors, nothing stored

    private static void assertInstant(String expected, Object actual) {
        assertNotNull(actual, "expected " + expected);
        assertEquals(Instant.parse(expected), parseDbTimestamp((String) actual));
    }

    /** H2 prints "2024-12-19 15:00:10+00", PostgreSQL's driver an OffsetDateTime-like string. */
    private static Instant parseDbTimestamp(String text) {
        return org.calloutcome.router.normalize.Timestamps.parse(text.replaceAll("([+-]\\d\\d)$", "$1:00"),
                java.time.ZoneOffset.UTC);
    }

    /** A Vapi example as another call, ended (and started) when given. */
    private static byte[] vapiCall(String example, String callId, String startedAt, String endedAt) {
        try {
            ObjectNode root = (ObjectNode)
                    Json.MAPPER.readTree(Webhooks.example(example));
            ObjectNode message =
                    (ObjectNode) root.path("message");
            ((ObjectNode) message.path("call")).put("id", callId);
            message.put("endedAt", endedAt);
            if (startedAt != null) {
                message.put("startedAt", startedAt);
            }
            return Json.write(root).getBytes(StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theDailyOutcomesViewGivesBiToolsEachDaysFiguresWithoutTheTables() {
        accepted(webhooks.vapi(vapiCall("vapi-end-of-call-report.json", "view-escalated", "2026-01-15T23:28:00Z",
                "2026-01-15T23:30:00Z")), "vapi", "view-escalated");
        accepted(webhooks.vapi(vapiCall("vapi-end-of-call-report-no-answer.json", "view-no-answer", null,
                "2026-01-15T08:00:00Z")), "vapi", "view-no-answer");
        accepted(webhooks.vapi(vapiCall("vapi-end-of-call-report.json", "view-next-day", "2026-01-15T23:58:00-05:00",
                "2026-01-16T00:01:00-05:00")), "vapi", "view-next-day");

        List<Map<String, Object>> days = log.rows("SELECT * FROM call_outcomes_daily WHERE vendor = 'vapi'"
                + " AND \"day\" IN (DATE '2026-01-15', DATE '2026-01-16') ORDER BY \"day\"");
        assertEquals(2, days.size(), days.toString());
        Map<String, Object> first = days.get(0);
        assertEquals("2026-01-15", String.valueOf(first.get("day")));
        assertEquals("default", first.get("account"));
        assertEquals("2", String.valueOf(first.get("calls")));
        assertEquals("1", String.valueOf(first.get("connected")));
        assertEquals("1", String.valueOf(first.get("no_answer")));
        assertEquals("1", String.valueOf(first.get("escalated")));
        assertEquals("0", String.valueOf(first.get("opted_out")));
        assertEquals("120", String.valueOf(first.get("total_duration_seconds")));
        assertEquals("2026-01-16", String.valueOf(days.get(1).get("day")), "05:01 UTC on the 16th: a day in UTC");
    }
}
