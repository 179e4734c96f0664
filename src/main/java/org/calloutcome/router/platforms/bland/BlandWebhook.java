package org.calloutcome.router.platforms.bland;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.Connectivity;
import org.calloutcome.router.event.Direction;
import org.calloutcome.router.event.EventKind;
import org.calloutcome.router.mapping.InboxEntry;
import org.calloutcome.router.intake.WebhookRejection;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.normalize.OutcomeVocabulary;
import org.calloutcome.router.normalize.Outcomes;
import org.calloutcome.router.normalize.Phones;
import org.calloutcome.router.normalize.Transcripts;
import org.calloutcome.router.normalize.Timestamps;
import org.calloutcome.router.mapping.EventKey;
import org.calloutcome.router.mapping.TenantKeys;
import org.calloutcome.router.mapping.VendorWebhook;

/**
 * Bland AI: the whole call object, posted to the call's {@code webhook} URL when it completes. {@code call_length} is in
 * minutes; {@code answered_by} (human, voicemail, no-answer, unknown) says whether someone was reached; the outcome is
 * the tenant's own {@code analysis} key (and {@code router.mapping.bland.outcome.*}); {@code metadata} carries the
 * caller's own keys, such as a CRM id.
 */
public record BlandWebhook(OutcomeVocabulary vocabulary, TenantKeys options) implements VendorWebhook {
    public static final String VENDOR = "bland";

    @Override
    public String vendor() {
        return VENDOR;
    }

    @Override
    public Optional<EventKey> identify(JsonNode payload) {
        String id = callId(payload);
        if (id == null) {
            throw new WebhookRejection(422, "missing_field", "a Bland call needs its 'call_id'");
        }
        return Optional.of(new EventKey(EventKind.CALL_ENDED, id, "call"));
    }

    private static String callId(JsonNode payload) {
        String id = Json.text(payload, "call_id");
        return id != null ? id : Json.text(payload, "c_id");
    }

    /**
     * Without the call's instructions: {@code request_data} repeats the API request that started the call (its
     * {@code task} is the agent's prompt) and {@code pathway_logs} the pathway's nodes.
     */
    @Override
    public JsonNode storable(JsonNode payload) {
        if (!(payload instanceof ObjectNode call) || !call.has("request_data") && !call.has("pathway_logs")) {
            return payload;
        }
        return call.deepCopy().without(List.of("request_data", "pathway_logs"));
    }

    @Override
    public List<CallEvent> toCallEvents(JsonNode call, InboxEntry entry) {
        boolean inbound = Json.truthy(call.get("inbound"));
        Double minutes = minutes(call.get("call_length"));
        CallEvent event = new CallEvent()
                .setEventKind(EventKind.CALL_ENDED)
                .setVendorCallId(callId(call))
                .setDirection(inbound ? Direction.INBOUND : Direction.OUTBOUND)
                .setCallType(inbound ? "inbound" : "outbound")
                .setFromNumber(Phones.toE164(Json.text(call, "from")))
                .setToNumber(Phones.toE164(Json.text(call, "to")))
                .setStartedAt(Timestamps.parse(Json.first(Json.text(call, "started_at"), Json.text(call, "created_at")),
                        ZoneOffset.UTC))
                .setEndedAt(Timestamps.parse(Json.text(call, "end_at"), ZoneOffset.UTC))
                .setDurationSeconds(minutes == null ? null : (int) Math.round(minutes * 60))
                .setSummary(Json.text(call, "summary"))
                .setTranscriptText(Json.text(call, "concatenated_transcript"))
                .setRecordingUrl(Json.text(call, "recording_url"))
                .setExtractedData(Json.object(call.get("analysis")))
                .setRawStatus(Json.text(call, "queue_status"))
                .setRawEndedReason(Json.text(call, "call_ended_by"))
                .setRawFailureReason(Json.text(call, "error_message"))
                .setRawDisposition(Json.text(call, "answered_by"));
        event.setCustomerNumber(inbound ? event.getFromNumber() : event.getToNumber());
        if (options.customerIdKey() != null) {
            event.setCustomerExternalId(Json.text(call, "metadata", options.customerIdKey()));
        }
        if (options.customerNameKey() != null) {
            event.setCustomerName(Json.text(call, "metadata", options.customerNameKey()));
        }
        // Bland names the speaker in "user": "user", "assistant", or "agent-action" (the call's own events)
        Transcripts.readSpoken(call.get("transcripts"), "user", "assistant", event, "text");
        event.setConnectivity(connectivity(Json.text(call, "answered_by"), event.getRawFailureReason(), minutes));
        String outcome = options.outcomeKey() == null ? null : Json.text(call, "analysis", options.outcomeKey());
        new Outcomes(vocabulary, VENDOR).map("outcome", outcome).applyTo(event);
        event.setRawOutcome(outcome);
        return List.of(event);
    }

    /** {@code call_length} in minutes, as a number or a numeric string. */
    private static Double minutes(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.asDouble();
        }
        try {
            return Double.parseDouble(value.asText().strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Connectivity connectivity(String answeredBy, String error, Double minutes) {
        String who = answeredBy == null ? "" : answeredBy.toLowerCase(Locale.ROOT);
        return switch (who) {
            case "human" -> Connectivity.CONNECTED;
            case "voicemail" -> Connectivity.VOICEMAIL;
            case "no-answer" -> Connectivity.NO_ANSWER;
            default -> error != null ? Connectivity.FAILED
                    : minutes != null && minutes > 0 ? Connectivity.CONNECTED : Connectivity.UNKNOWN;
        };
    }
}
