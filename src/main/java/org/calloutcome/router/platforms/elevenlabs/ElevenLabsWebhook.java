package org.calloutcome.router.platforms.elevenlabs;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * ElevenLabs Agents {@code post_call_transcription} (a conversation that took place) and
 * {@code call_initiation_failure} (a call that never connected). {@code post_call_audio}, the whole call's audio, and
 * other types are answered 200 and never stored. Times are epoch seconds. The outcome is the tenant's
 * {@code data_collection_results} key (through {@code router.mapping.elevenlabs.outcome.*}), else
 * {@code analysis.call_successful}; the CRM id comes from the conversation's {@code dynamic_variables}.
 */
public record ElevenLabsWebhook(OutcomeVocabulary vocabulary, TenantKeys options) implements VendorWebhook {
    /**
     * {@code ElevenLabs-Signature: t=<epoch s>,v0=<hex>}: the hex HMAC-SHA256 of {@code "<t>.<raw body>"}; the header
     * may carry several {@code v0} values (a secret being rotated).
     */
    public static final HeaderHmac.Scheme SIGNATURE = new HeaderHmac.Scheme("ElevenLabs-Signature", "t", "v0",
            SignedPayload.TIMESTAMP_DOT_BODY, PayloadHmac.Epoch.SECONDS);

    public static final String VENDOR = "elevenlabs";
    private static final String TRANSCRIPTION = "post_call_transcription";
    private static final String INITIATION_FAILURE = "call_initiation_failure";

    @Override
    public String vendor() {
        return VENDOR;
    }

    @Override
    public Optional<EventKey> identify(JsonNode payload) {
        String type = Json.text(payload, "type");
        if (!TRANSCRIPTION.equals(type) && !INITIATION_FAILURE.equals(type)) {
            return Optional.empty();
        }
        String id = Json.text(payload, "data", "conversation_id");
        if (id == null) {
            throw new WebhookRejection(422, "missing_field", "an ElevenLabs " + type + " needs 'data.conversation_id'");
        }
        return Optional.of(new EventKey(EventKind.CALL_ENDED, id, type));
    }

    /** Without an agent configuration the call overrode (prompt, first message, voice); its dynamic variables stay. */
    @Override
    public JsonNode storable(JsonNode payload) {
        if (!(Json.at(payload, "data", "conversation_initiation_client_data") instanceof ObjectNode client)
                || !client.has("conversation_config_override")) {
            return payload;
        }
        ObjectNode copy = payload.deepCopy();
        ((ObjectNode) copy.at("/data/conversation_initiation_client_data")).remove("conversation_config_override");
        return copy;
    }

    @Override
    public List<CallEvent> toCallEvents(JsonNode payload, InboxEntry entry) {
        JsonNode data = Json.at(payload, "data");
        JsonNode metadata = Json.at(data, "metadata");
        JsonNode phone = Json.at(metadata, "phone_call");
        Direction direction = "inbound".equalsIgnoreCase(Json.text(phone, "direction")) ? Direction.INBOUND
                : "outbound".equalsIgnoreCase(Json.text(phone, "direction")) ? Direction.OUTBOUND : Direction.UNKNOWN;
        Instant started = seconds(Json.at(metadata, "start_time_unix_secs"));
        Integer duration = Json.integer(metadata, "call_duration_secs");
        String customer = Phones.toE164(Json.text(phone, "external_number"));
        String agentNumber = Phones.toE164(Json.text(phone, "agent_number"));
        CallEvent event = new CallEvent()
                .setEventKind(EventKind.CALL_ENDED)
                .setVendorCallId(Json.text(data, "conversation_id"))
                .setAgentId(Json.text(data, "agent_id"))
                .setDirection(direction)
                .setFromNumber(direction == Direction.INBOUND ? customer : agentNumber)
                .setToNumber(direction == Direction.INBOUND ? agentNumber : customer)
                .setCustomerNumber(customer)
                .setStartedAt(started)
                .setEndedAt(started == null || duration == null ? null : started.plusSeconds(Math.max(0, duration)))
                .setDurationSeconds(duration)
                .setSummary(Json.text(data, "analysis", "transcript_summary"))
                .setRawStatus(Json.text(data, "status"))
                .setRawEndedReason(Json.text(metadata, "termination_reason"))
                .setRawFailureReason(Json.text(data, "failure_reason"));
        JsonNode variables = Json.at(data, "conversation_initiation_client_data", "dynamic_variables");
        if (options.customerIdKey() != null) {
            event.setCustomerExternalId(Json.text(variables, options.customerIdKey()));
        }
        if (options.customerNameKey() != null) {
            event.setCustomerName(Json.text(variables, options.customerNameKey()));
        }
        event.setTranscriptText(Transcripts.readSpoken(data.get("transcript"), "role", "agent", event, "message"));
        JsonNode collected = Json.at(data, "analysis", "data_collection_results");
        event.setExtractedData(Json.object(collected));
        boolean failed = INITIATION_FAILURE.equals(entry.vendorEventType());
        event.setConnectivity(failed ? notReached(event.getRawFailureReason()) : Connectivity.CONNECTED);
        String outcome = options.outcomeKey() == null ? null : Json.text(collected, options.outcomeKey(), "value");
        Outcomes outcomes = new Outcomes(vocabulary, VENDOR).map("outcome", outcome);
        String successful = Json.text(data, "analysis", "call_successful");
        if (outcome == null && "success".equalsIgnoreCase(successful)) {
            outcomes.add(BusinessOutcome.RESOLVED);
        } else if (outcome == null && "failure".equalsIgnoreCase(successful)) {
            outcomes.add(BusinessOutcome.UNRESOLVED);
        }
        outcomes.applyTo(event);
        event.setRawOutcome(outcome != null ? outcome : successful);
        return List.of(event);
    }

    private static Connectivity notReached(String reason) {
        String why = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        return why.contains("busy") ? Connectivity.BUSY
                : why.contains("no-answer") || why.contains("no_answer") ? Connectivity.NO_ANSWER : Connectivity.FAILED;
    }

    /** Epoch seconds; anything else reads as unknown. */
    private static Instant seconds(JsonNode value) {
        if (value == null || !(value.isNumber() || value.isTextual())) {
            return null;
        }
        try {
            long seconds = value.isNumber() ? value.asLong() : Long.parseLong(value.asText().strip());
            return seconds <= 0 ? null : Instant.ofEpochSecond(seconds);
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return null;
        }
    }
}
