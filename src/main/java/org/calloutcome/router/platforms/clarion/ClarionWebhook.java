package org.calloutcome.router.platforms.clarion;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.event.BusinessOutcome;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.Connectivity;
import org.calloutcome.router.event.Direction;
import org.calloutcome.router.event.EventKind;
import org.calloutcome.router.event.SequenceStep;
import org.calloutcome.router.event.TranscriptTurn;
import org.calloutcome.router.mapping.InboxEntry;
import org.calloutcome.router.intake.WebhookRejection;
import org.calloutcome.router.normalize.EndedReasons;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.normalize.OutcomeVocabulary;
import org.calloutcome.router.normalize.Outcomes;
import org.calloutcome.router.normalize.Phones;
import org.calloutcome.router.normalize.Timestamps;
import org.calloutcome.router.mapping.EventKey;
import org.calloutcome.router.mapping.VendorWebhook;

/**
 * Clarion's two webhooks, which share one URL and carry no event type: an {@code outreach} array makes an end of
 * sequence report, a {@code call_status} an end of call. A sequence report becomes one event per call in it (the same
 * call as its end-of-call webhook, so both land on one call-log row) and one {@code sequence-ended} event that holds
 * every step. {@code outcome}, {@code failure_reason} and the SMS {@code ended_reason} map through
 * {@code router.mapping.clarion.*}.
 */
public record ClarionWebhook(OutcomeVocabulary vocabulary) implements VendorWebhook {
    public static final String VENDOR = "clarion";

    @Override
    public String vendor() {
        return VENDOR;
    }

    @Override
    public Optional<EventKey> identify(JsonNode payload) {
        boolean sequence = payload.has("outreach");
        if (!sequence && !payload.has("call_status")) {
            throw new WebhookRejection(422, "unrecognized_payload",
                    "a Clarion payload has either 'outreach' (end of sequence report) or 'call_status' (end of call)");
        }
        String id = Json.text(payload, "id");
        if (id == null) {
            throw new WebhookRejection(422, "missing_field", "a Clarion payload needs its 'id'");
        }
        return Optional.of(sequence
                ? new EventKey(EventKind.SEQUENCE_ENDED, id, "end-of-sequence-report")
                : new EventKey(EventKind.CALL_ENDED, id, "end-of-call"));
    }

    @Override
    public List<CallEvent> toCallEvents(JsonNode payload, InboxEntry entry) {
        if (EventKind.CALL_ENDED.equals(entry.eventKind())) {
            return List.of(call(payload, null, null));
        }
        return sequence(payload);
    }

    private List<CallEvent> sequence(JsonNode report) {
        String sequenceId = Json.text(report, "id");
        List<CallEvent> events = new ArrayList<>();
        CallEvent sequence = new CallEvent()
                .setEventKind(EventKind.SEQUENCE_ENDED)
                .setSequenceId(sequenceId)
                .setDirection(Direction.OUTBOUND)
                .setRawStatus(Json.text(report, "status"))
                .setSummary(Json.text(report, "outcome_description"))
                .setEndedAt(Timestamps.parse(Json.text(report, "last_updated"), ZoneOffset.UTC));
        Outcomes outcomes = new Outcomes(vocabulary, VENDOR);
        Connectivity best = Connectivity.UNKNOWN;
        JsonNode outreach = report.get("outreach");
        for (JsonNode step : outreach == null ? List.<JsonNode>of() : outreach) {
            int number = Json.integer(step, "step") == null ? sequence.getSteps().size() + 1 : Json.integer(step, "step");
            boolean sms = "sms".equalsIgnoreCase(Json.text(step, "type"));
            JsonNode detail = Json.at(step, sms ? "sms" : "call");
            if (!sms) {
                CallEvent call = call(detail, sequenceId, number);
                if (call.getVendorCallId() == null) {
                    // a call step without its id is still a call (an opt-out in it must act): named by its place
                    call.setVendorCallId(sequenceId + "#step-" + number);
                }
                events.add(call);
                outcomes.include(call);
                best = call.getConnectivity().ordinal() < best.ordinal() ? call.getConnectivity() : best;
            } else {
                String endedReason = Json.text(detail, "ended_reason");
                outcomes.mapIfKnown("sms_ended_reason", endedReason);
                if (vocabulary.lookup(VENDOR, "sms_ended_reason", endedReason).orElse(null) == BusinessOutcome.OPTED_OUT) {
                    sequence.setTextOptOut(true);
                }
            }
            sequence.getSteps().add(step(number, sms, detail));
            if (sequence.getCustomerNumber() == null) {
                sequence.setCustomerNumber(Phones.toE164(Json.text(detail, "destination_number")));
            }
            if (sequence.getStartedAt() == null) {
                sequence.setStartedAt(Timestamps.parse(Json.text(detail, "started_at"), ZoneOffset.UTC));
            }
        }
        sequence.setConnectivity(best);
        outcomes.applyTo(sequence);
        sequence.setRawPayload(Json.write(report));
        events.add(sequence);
        return events;
    }

    private CallEvent call(JsonNode call, String sequenceId, Integer step) {
        Direction direction = direction(Json.text(call, "call_type"));
        Integer durationMs = Json.integer(call, "duration_ms");
        CallEvent event = new CallEvent()
                .setEventKind(EventKind.CALL_ENDED)
                .setVendorCallId(Json.text(call, "id"))
                .setSequenceId(sequenceId)
                .setAttempt(step)
                .setAgentId(Json.text(call, "assistant_id"))
                .setDirection(direction)
                .setCallType(Json.text(call, "call_type"))
                .setFromNumber(Phones.toE164(Json.text(call, "source_number")))
                .setToNumber(Phones.toE164(Json.text(call, "destination_number")))
                .setStartedAt(Timestamps.parse(Json.text(call, "started_at"), ZoneOffset.UTC))
                .setEndedAt(Timestamps.parse(Json.text(call, "ended_at"), ZoneOffset.UTC))
                .setDurationSeconds(durationMs == null ? null : (int) Math.round(durationMs / 1000.0))
                .setSummary(Json.text(call, "summary"))
                .setExtractedData(Json.object(Json.at(call, "analysis", "custom")))
                .setRawStatus(Json.text(call, "call_status"))
                .setRawEndedReason(Json.text(call, "ended_reason"))
                .setRawOutcome(Json.text(call, "outcome"))
                .setRawFailureReason(Json.text(call, "failure_reason"))
                .setRawPayload(Json.write(call));
        event.setCustomerNumber(direction == Direction.INBOUND ? event.getFromNumber() : event.getToNumber());
        transcript(Json.text(call, "transcript"), event);
        Connectivity connectivity = EndedReasons.connectivity(event.getRawEndedReason());
        if (connectivity == Connectivity.UNKNOWN && "voicemail".equalsIgnoreCase(event.getRawOutcome())) {
            connectivity = Connectivity.VOICEMAIL;
        }
        event.setConnectivity(connectivity);
        new Outcomes(vocabulary, VENDOR)
                .map("outcome", event.getRawOutcome())
                .map("failure_reason", event.getRawFailureReason())
                .applyTo(event);
        return event;
    }

    private static SequenceStep step(int number, boolean sms, JsonNode detail) {
        return new SequenceStep(number, sms ? "sms" : "call", Json.text(detail, "id"), Json.text(detail, "assistant_id"),
                Json.text(detail, sms ? "status" : "call_status"), Json.text(detail, "ended_reason"),
                Json.text(detail, "outcome"), Json.text(detail, "failure_reason"),
                Timestamps.parse(Json.text(detail, "started_at"), ZoneOffset.UTC),
                Timestamps.parse(Json.text(detail, "ended_at"), ZoneOffset.UTC),
                Phones.toE164(Json.text(detail, "source_number")),
                Phones.toE164(Json.text(detail, "destination_number")), Json.text(detail, "summary"));
    }

    /**
     * "AI: ..." and "User: ..." lines become assistant and user turns; other lines continue the turn before. A turn's
     * text is gathered whole before it is made, so a long turn costs its length, not its length squared.
     */
    static void transcript(String text, CallEvent event) {
        event.setTranscriptText(text);
        if (text == null) {
            return;
        }
        List<TranscriptTurn> turns = event.getTranscriptTurns();
        String role = null;
        StringBuilder turn = new StringBuilder();
        for (String line : text.split("\\R")) {
            String starts = line.startsWith("AI:") ? "assistant" : line.startsWith("User:") ? "user" : null;
            if (starts != null) {
                if (role != null) {
                    turns.add(new TranscriptTurn(role, turn.toString(), null));
                }
                role = starts;
                turn.setLength(0);
                turn.append(line.substring(line.indexOf(':') + 1).strip());
            } else if (role != null && !line.isBlank()) {
                turn.append('\n').append(line.strip());
            }
        }
        if (role != null) {
            turns.add(new TranscriptTurn(role, turn.toString(), null));
        }
    }

    private static Direction direction(String callType) {
        if (callType == null) {
            return Direction.UNKNOWN;
        }
        String type = callType.toLowerCase(Locale.ROOT);
        return type.startsWith("inbound") ? Direction.INBOUND
                : type.startsWith("outbound") ? Direction.OUTBOUND : Direction.UNKNOWN;
    }
}
