package org.calloutcome.router.platforms.retell;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.event.BusinessOutcome;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.Connectivity;
import org.calloutcome.router.event.Direction;
import org.calloutcome.router.event.EventKind;
import org.calloutcome.router.mapping.InboxEntry;
import org.calloutcome.router.intake.HeaderHmac;
import org.calloutcome.router.intake.PayloadHmac;
import org.calloutcome.router.intake.SignedPayload;
import org.calloutcome.router.intake.WebhookRejection;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.normalize.OutcomeVocabulary;
import org.calloutcome.router.normalize.Outcomes;
import org.calloutcome.router.normalize.Phones;
import org.calloutcome.router.normalize.Transcripts;
import org.calloutcome.router.mapping.EventKey;
import org.calloutcome.router.mapping.TenantKeys;
import org.calloutcome.router.mapping.VendorWebhook;

/**
 * Retell AI {@code call_ended} and {@code call_analyzed} (other events are answered 200 and dropped). Both describe one
 * call: each is stored (its own inbox key) and both land on one call-log row, where a later event never erases what an
 * earlier one recorded, in whichever order they arrive. Times are epoch milliseconds. The outcome is the tenant's
 * {@code call_analysis.custom_analysis_data} key (through {@code router.mapping.retell.outcome.*}), else
 * {@code call_successful}.
 */
public record RetellWebhook(OutcomeVocabulary vocabulary, TenantKeys options) implements VendorWebhook {
    /**
     * {@code x-retell-signature: v=<epoch ms>,d=<hex>}: the hex HMAC-SHA256, keyed with the Retell API key, of the raw
     * body immediately followed by the decimal timestamp.
     */
    public static final HeaderHmac.Scheme SIGNATURE = new HeaderHmac.Scheme("x-retell-signature", "v", "d",
            SignedPayload.BODY_THEN_TIMESTAMP, PayloadHmac.Epoch.MILLISECONDS);

    public static final String VENDOR = "retell";
    private static final List<String> PROCESSED = List.of("call_ended", "call_analyzed");

    @Override
    public String vendor() {
        return VENDOR;
    }

    @Override
    public Optional<EventKey> identify(JsonNode payload) {
        String event = Json.text(payload, "event");
        if (event == null || !PROCESSED.contains(event)) {
            return Optional.empty();
        }
        String callId = Json.text(payload, "call", "call_id");
        if (callId == null) {
            throw new WebhookRejection(422, "missing_field", "a Retell " + event + " needs 'call.call_id'");
        }
        // the two end events of one call are two deliveries, not one repeated
        return Optional.of(new EventKey(EventKind.CALL_ENDED, callId + "/" + event, event));
    }

    @Override
    public List<CallEvent> toCallEvents(JsonNode payload, InboxEntry entry) {
        JsonNode call = Json.at(payload, "call");
        Direction direction = "inbound".equalsIgnoreCase(Json.text(call, "direction")) ? Direction.INBOUND
                : "outbound".equalsIgnoreCase(Json.text(call, "direction")) ? Direction.OUTBOUND : Direction.UNKNOWN;
        Long durationMs = millis(call.get("duration_ms"));
        CallEvent event = new CallEvent()
                .setEventKind(EventKind.CALL_ENDED)
                .setVendorCallId(Json.text(call, "call_id"))
                .setAgentId(Json.text(call, "agent_id"))
                .setDirection(direction)
                .setFromNumber(Phones.toE164(Json.text(call, "from_number")))
                .setToNumber(Phones.toE164(Json.text(call, "to_number")))
                .setStartedAt(instant(call.get("start_timestamp")))
                .setEndedAt(instant(call.get("end_timestamp")))
                .setDurationSeconds(durationMs == null ? null : (int) Math.round(durationMs / 1000.0))
                .setTranscriptText(Json.text(call, "transcript"))
                .setRecordingUrl(Json.text(call, "recording_url"))
                .setSummary(Json.text(call, "call_analysis", "call_summary"))
                .setExtractedData(Json.object(Json.at(call, "call_analysis", "custom_analysis_data")))
                .setRawStatus(Json.text(call, "call_status"))
                .setRawEndedReason(Json.text(call, "disconnection_reason"));
        event.setCustomerNumber(direction == Direction.INBOUND ? event.getFromNumber() : event.getToNumber());
        if (options.customerIdKey() != null) {
            event.setCustomerExternalId(Json.text(call, "metadata", options.customerIdKey()));
        }
        if (options.customerNameKey() != null) {
            event.setCustomerName(Json.text(call, "metadata", options.customerNameKey()));
        }
        Transcripts.readSpoken(call.get("transcript_object"), "role", "agent", event, "content");
        boolean inVoicemail = Json.truthy(Json.at(call, "call_analysis", "in_voicemail"));
        event.setConnectivity(inVoicemail ? Connectivity.VOICEMAIL
                : connectivity(event.getRawEndedReason(), event.getRawStatus()));
        String outcome = options.outcomeKey() == null ? null
                : Json.text(call, "call_analysis", "custom_analysis_data", options.outcomeKey());
        Outcomes outcomes = new Outcomes(vocabulary, VENDOR).map("outcome", outcome);
        JsonNode successful = Json.at(call, "call_analysis", "call_successful");
        if (outcome == null && successful.isBoolean()) {
            outcomes.add(successful.asBoolean() ? BusinessOutcome.RESOLVED : BusinessOutcome.UNRESOLVED);
        }
        outcomes.applyTo(event);
        event.setRawOutcome(outcome);
        return List.of(event);
    }

    /** {@code disconnection_reason}, else {@code call_status}. */
    static Connectivity connectivity(String reason, String status) {
        String why = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        if (why.startsWith("error")) {
            return Connectivity.FAILED;
        }
        return switch (why) {
            case "user_hangup", "agent_hangup", "call_transfer", "inactivity", "max_duration_reached", "ivr_reached",
                    "concurrency_limit_reached" -> Connectivity.CONNECTED;
            case "voicemail_reached" -> Connectivity.VOICEMAIL;
            case "dial_busy" -> Connectivity.BUSY;
            case "dial_no_answer" -> Connectivity.NO_ANSWER;
            case "dial_failed", "telephony_provider_unavailable" -> Connectivity.FAILED;
            case "invalid_destination" -> Connectivity.INVALID_NUMBER;
            case "user_declined", "marked_as_spam" -> Connectivity.REJECTED;
            default -> "not_connected".equalsIgnoreCase(status) ? Connectivity.NO_ANSWER
                    : "error".equalsIgnoreCase(status) ? Connectivity.FAILED : Connectivity.UNKNOWN;
        };
    }

    private static Long millis(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.asLong();
        }
        try {
            return Long.parseLong(value.asText().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Epoch milliseconds; anything else reads as unknown. */
    private static Instant instant(JsonNode value) {
        Long ms = millis(value);
        return ms == null || ms <= 0 ? null : Instant.ofEpochMilli(ms);
    }
}
