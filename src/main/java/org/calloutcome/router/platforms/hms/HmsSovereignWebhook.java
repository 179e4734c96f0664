package org.calloutcome.router.platforms.hms;

import java.time.Instant;
import java.time.ZoneOffset;
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
import org.calloutcome.router.normalize.EndedReasons;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.normalize.OutcomeVocabulary;
import org.calloutcome.router.normalize.Outcomes;
import org.calloutcome.router.normalize.Phones;
import org.calloutcome.router.normalize.Timestamps;
import org.calloutcome.router.normalize.Transcripts;
import org.calloutcome.router.platforms.EndOfCallReports;
import org.calloutcome.router.mapping.EventKey;
import org.calloutcome.router.mapping.VendorWebhook;

/**
 * HMS Sovereign (VoiceDock) {@code end-of-call-report}; its other events share the URL and are ignored. The report
 * has no start and end times: they are derived from {@code timestamp} and {@code duration_seconds}. Its
 * {@code analysis} is the tenant's own schema, so which keys mean outcome, opt-out, escalation, callback and
 * conversion is configuration. The {@code assistant} configuration (prompts included) is never stored; only its
 * {@code metadata}, the tenant's own ids, is kept.
 */
public record HmsSovereignWebhook(OutcomeVocabulary vocabulary, Options options) implements VendorWebhook {
    public static final String VENDOR = "hms-sovereign";

    /** Names of the tenant's keys, in {@code analysis} and in {@code assistant.metadata}. */
    public record Options(String outcomeKey, String resolvedKey, String optOutKey, String escalationKey, String callbackKey,
            String convertedKey, String customerIdKey, String customerNameKey, String campaignKey) {
    }

    @Override
    public String vendor() {
        return VENDOR;
    }

    @Override
    public Optional<EventKey> identify(JsonNode payload) {
        return EndOfCallReports.identify(payload, "HMS Sovereign");
    }

    @Override
    public JsonNode storable(JsonNode payload) {
        if (!(payload.get("message") instanceof ObjectNode)) {
            return payload;
        }
        ObjectNode copy = payload.deepCopy();
        EndOfCallReports.keepAssistantIds((ObjectNode) copy.get("message"), "assistant");
        return copy;
    }

    @Override
    public List<CallEvent> toCallEvents(JsonNode payload, InboxEntry entry) {
        JsonNode message = Json.at(payload, "message");
        JsonNode metadata = Json.at(message, "assistant", "metadata");
        JsonNode analysis = Json.at(message, "analysis");
        String callType = Json.text(message, "call", "type");
        Direction direction = direction(callType);
        String customer = Phones.toE164(Json.text(message, "customer", "number"));
        String ours = Phones.toE164(Json.text(message, "phone_number", "number"));
        Instant endedAt = Timestamps.parse(Json.text(message, "timestamp"), ZoneOffset.UTC);
        Integer duration = Json.integer(message, "duration_seconds");
        String endedReason = Json.first(Json.text(message, "ended_reason"), Json.text(message, "endedReason"));
        CallEvent event = new CallEvent()
                .setEventKind(EventKind.CALL_ENDED)
                .setVendorCallId(Json.text(message, "call", "id"))
                .setCallType(callType)
                .setDirection(direction)
                .setCustomerNumber(customer)
                .setFromNumber(direction == Direction.INBOUND ? customer : ours)
                .setToNumber(direction == Direction.INBOUND ? ours : customer)
                .setEndedAt(endedAt)
                .setStartedAt(endedAt == null || duration == null ? null : endedAt.minusSeconds(duration))
                .setDurationSeconds(duration)
                .setSummary(Json.text(message, "summary"))
                .setRecordingUrl(Json.text(message, "recording_url"))
                .setAgentId(Json.text(message, "assistant", "id"))
                .setAgentName(Json.first(Json.text(message, "assistant", "name"),
                        Json.text(message, "phone_number", "name")))
                .setSequenceId(Json.text(metadata, options.campaignKey()))
                .setCustomerExternalId(Json.text(metadata, options.customerIdKey()))
                .setCustomerName(Json.first(Json.text(metadata, options.customerNameKey()),
                        Json.text(message, "customer", "name")))
                .setExtractedData(Json.object(analysis))
                .setRawStatus(Json.text(message, "call", "status"))
                .setRawEndedReason(endedReason)
                .setRawOutcome(Json.text(analysis, options.outcomeKey()));
        Transcripts.read(message.get("messages"), "role", "content", null, event);
        Connectivity connectivity = EndedReasons.connectivity(endedReason);
        if (connectivity == Connectivity.UNKNOWN
                && event.getTranscriptTurns().stream().anyMatch(turn -> "user".equals(turn.role()))) {
            connectivity = Connectivity.CONNECTED;
        }
        event.setConnectivity(connectivity);

        Outcomes outcomes = new Outcomes(vocabulary, VENDOR).map("outcome", event.getRawOutcome());
        flag(outcomes, analysis, options.resolvedKey(), BusinessOutcome.RESOLVED);
        flag(outcomes, analysis, options.optOutKey(), BusinessOutcome.OPTED_OUT);
        flag(outcomes, analysis, options.escalationKey(), BusinessOutcome.ESCALATED);
        flag(outcomes, analysis, options.callbackKey(), BusinessOutcome.CALLBACK_REQUESTED);
        flag(outcomes, analysis, options.convertedKey(), BusinessOutcome.CONVERTED);
        outcomes.applyTo(event);
        return List.of(event);
    }

    private static void flag(Outcomes outcomes, JsonNode analysis, String key, BusinessOutcome outcome) {
        if (key != null && Json.truthy(Json.at(analysis, key))) {
            outcomes.add(outcome);
        }
    }

    private static Direction direction(String callType) {
        String type = callType == null ? "" : callType.toLowerCase(Locale.ROOT);
        return type.startsWith("inbound") ? Direction.INBOUND
                : type.startsWith("outbound") ? Direction.OUTBOUND : Direction.UNKNOWN;
    }
}
