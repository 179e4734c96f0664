package org.calloutcome.router.platforms.callkaro;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.event.BusinessOutcome;
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
import org.calloutcome.router.normalize.Timestamps;
import org.calloutcome.router.mapping.EventKey;
import org.calloutcome.router.mapping.VendorWebhook;

/**
 * CallKaro {@code call_ended}. Numbers come without their {@code +}; {@code time} has no zone and is read in the
 * configured zone; the two test call types set {@code test}. Outcomes come from {@code conversion_status}, the
 * {@code post_call} values ({@code router.mapping.callkaro.post_call.<key>.<value>}) and keywords of the
 * {@code disposition_reason} ({@code router.mapping.callkaro.disposition-keyword.<keyword>}).
 */
public record CallKaroWebhook(OutcomeVocabulary vocabulary, Options options) implements VendorWebhook {
    public static final String VENDOR = "callkaro";
    private static final Set<String> TEST_CALL_TYPES = Set.of("outbound-test", "agent-test");

    /**
     * @param timeZone          zone of the zone-less {@code time} field
     * @param customerIdKey     {@code call_metadata} key that carries the CRM id passed when the call was triggered
     * @param customerNameKey   {@code call_metadata} key that carries the person's name
     * @param outcomeKey        {@code post_call} key whose value is the call's outcome, kept as its raw outcome
     */
    public record Options(ZoneId timeZone, String customerIdKey, String customerNameKey, String outcomeKey) {
    }

    @Override
    public String vendor() {
        return VENDOR;
    }

    @Override
    public Optional<EventKey> identify(JsonNode payload) {
        String event = Json.text(payload, "event");
        if (event != null && !event.equals("call_ended")) {
            return Optional.empty();
        }
        String callSid = Json.text(payload, "data", "callSid");
        if (callSid == null) {
            throw new WebhookRejection(422, "missing_field", "a CallKaro call_ended payload needs 'data.callSid'");
        }
        return Optional.of(new EventKey(EventKind.CALL_ENDED, callSid, "call_ended"));
    }

    @Override
    public List<CallEvent> toCallEvents(JsonNode payload, InboxEntry entry) {
        JsonNode call = Json.at(payload, "data");
        JsonNode metadata = Json.at(call, "call_metadata");
        String callType = Json.text(call, "name");
        Integer tryCount = Json.integer(call, "try_count");
        Direction direction = direction(callType, tryCount);
        CallEvent event = new CallEvent()
                .setEventKind(EventKind.CALL_ENDED)
                .setVendorCallId(Json.text(call, "callSid"))
                .setCallType(callType)
                .setDirection(direction)
                .setTest(callType != null && TEST_CALL_TYPES.contains(callType.toLowerCase(Locale.ROOT)))
                .setAgentId(Json.text(call, "agent"))
                .setSequenceId(Json.text(call, "batchId"))
                .setAttempt(tryCount == null || tryCount < 0 ? null : tryCount + 1)
                .setFromNumber(Phones.toE164(Json.text(call, "from")))
                .setToNumber(Phones.toE164(Json.text(call, "to")))
                .setStartedAt(Timestamps.parse(Json.text(call, "time"),
                        options.timeZone()))
                .setDurationSeconds(Json.integer(call, "call_duration"))
                .setTranscriptText(Json.text(call, "transcription"))
                .setRecordingUrl(Json.text(call, "recordingUrl"))
                .setDashboardUrl(Json.text(call, "call_link"))
                .setCustomerExternalId(Json.text(metadata, options.customerIdKey()))
                .setCustomerName(Json.text(metadata, options.customerNameKey()))
                .setRawEndedReason(Json.text(call, "hangup_reason"))
                .setRawDisposition(Json.text(call, "disposition_reason"))
                .setRawOutcome(Json.text(call, "post_call", options.outcomeKey()))
                .setConnectivity(connectivity(Json.text(call, "hangup_reason")));
        event.setCustomerNumber(direction == Direction.INBOUND ? event.getFromNumber() : event.getToNumber());
        if (event.getStartedAt() != null && event.getDurationSeconds() != null) {
            event.setEndedAt(event.getStartedAt().plusSeconds(event.getDurationSeconds()));
        }
        Map<String, Object> postCall = Json.object(call.get("post_call"));
        event.setExtractedData(postCall);

        Outcomes outcomes = new Outcomes(vocabulary, VENDOR);
        if (Json.truthy(call.get("conversion_status"))) {
            outcomes.add(BusinessOutcome.CONVERTED);
        }
        postCall.forEach((key, value) -> {
            if (value != null && !(value instanceof Map) && !(value instanceof List)) {
                outcomes.mapIfKnown("post_call." + key, String.valueOf(value));
            }
        });
        outcomes.keywords("disposition-keyword", event.getRawDisposition());
        outcomes.applyTo(event);
        return List.of(event);
    }

    private static Direction direction(String callType, Integer tryCount) {
        if ("inbound".equalsIgnoreCase(callType) || (tryCount != null && tryCount < 0)) {
            return Direction.INBOUND;
        }
        return callType == null ? Direction.UNKNOWN : Direction.OUTBOUND;
    }

    private static Connectivity connectivity(String hangupReason) {
        if (hangupReason == null) {
            return Connectivity.UNKNOWN;
        }
        return switch (hangupReason.toUpperCase(Locale.ROOT)) {
            case "CLIENT_INITIATED", "PARTICIPANT_REMOVED", "SESSION_TIMEOUT" -> Connectivity.CONNECTED;
            case "VOICEMAIL_DETECTED" -> Connectivity.VOICEMAIL;
            case "USER_REJECTED" -> Connectivity.REJECTED;
            case "USER_UNAVAILABLE" -> Connectivity.UNREACHABLE;
            case "USER_UNRESPONSIVE" -> Connectivity.NO_ANSWER;
            case "INVALID_PHONE_NUMBER" -> Connectivity.INVALID_NUMBER;
            case "OUTSIDE_TRIGGER_WINDOW", "DELETED_SCH_CALL_ALL", "DELETED_SCH_CALL_ONE", "PRE_CALL_FN_FAILED" ->
                    Connectivity.NOT_ATTEMPTED;
            default -> Connectivity.UNKNOWN;
        };
    }
}
