package org.calloutcome.router.platforms.vapi;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import org.calloutcome.router.normalize.Transcripts;
import org.calloutcome.router.normalize.Timestamps;
import org.calloutcome.router.platforms.EndOfCallReports;
import org.calloutcome.router.mapping.EventKey;
import org.calloutcome.router.mapping.TenantKeys;
import org.calloutcome.router.mapping.VendorWebhook;

/**
 * Vapi {@code end-of-call-report}; the other message types share the URL and are answered 200 and dropped. The
 * outcome is the tenant's {@code analysis.structuredData} key (through {@code router.mapping.vapi.outcome.*}), else
 * {@code analysis.successEvaluation} when it reads as pass or fail. The CRM id and name come from {@code call.metadata},
 * else {@code assistant.metadata}. {@code timestamp} is an ISO string in older API versions and epoch milliseconds in
 * newer ones. Assistant configurations (prompts, model, voice) and the system prompt in {@code artifact.messages} are
 * never stored.
 */
public record VapiWebhook(OutcomeVocabulary vocabulary, TenantKeys options) implements VendorWebhook {
    public static final String VENDOR = "vapi";

    @Override
    public String vendor() {
        return VENDOR;
    }

    @Override
    public Optional<EventKey> identify(JsonNode payload) {
        return EndOfCallReports.identify(payload, "Vapi");
    }

    @Override
    public JsonNode storable(JsonNode payload) {
        JsonNode message = payload.get("message");
        if (!(message instanceof ObjectNode)) {
            return payload;
        }
        ObjectNode copy = payload.deepCopy();
        ObjectNode kept = (ObjectNode) copy.get("message");
        EndOfCallReports.keepAssistantIds(kept, "assistant");
        kept.remove("squad");
        if (kept.get("call") instanceof ObjectNode call) {
            EndOfCallReports.keepAssistantIds(call, "assistant");
            EndOfCallReports.keepAssistantIds(call, "assistantOverrides");
            call.remove("squad");
        }
        if (kept.get("artifact") instanceof ObjectNode artifact) {
            withoutSystemPrompt(artifact, "messages");
            withoutSystemPrompt(artifact, "messagesOpenAIFormatted");
        }
        withoutSystemPrompt(kept, "messages");
        return copy;
    }

    private static void withoutSystemPrompt(ObjectNode parent, String field) {
        if (parent.get(field) instanceof ArrayNode turns) {
            for (int i = turns.size() - 1; i >= 0; i--) {
                if ("system".equals(Json.text(turns.get(i), "role"))) {
                    turns.remove(i);
                }
            }
        }
    }

    @Override
    public List<CallEvent> toCallEvents(JsonNode payload, InboxEntry entry) {
        JsonNode message = Json.at(payload, "message");
        JsonNode call = Json.at(message, "call");
        JsonNode analysis = Json.at(message, "analysis");
        JsonNode artifact = Json.at(message, "artifact");
        String callType = Json.text(call, "type");
        Direction direction = direction(callType);
        String customer = Phones.toE164(Json.text(message, "customer", "number"));
        String ours = Phones.toE164(Json.text(message, "phoneNumber", "number"));
        Instant startedAt = Timestamps.parse(Json.text(message, "startedAt"), ZoneOffset.UTC);
        Instant endedAt = Timestamps.parse(Json.text(message, "endedAt"), ZoneOffset.UTC);
        if (endedAt == null) {
            endedAt = isoOrEpochMillis(message.get("timestamp"));
        }
        Integer duration = Json.integer(message, "durationSeconds");
        if (duration == null && startedAt != null && endedAt != null && !endedAt.isBefore(startedAt)) {
            duration = (int) Math.round(Duration.between(startedAt, endedAt).toMillis() / 1000.0);
        }
        String endedReason = Json.text(message, "endedReason");
        CallEvent event = new CallEvent()
                .setEventKind(EventKind.CALL_ENDED)
                .setVendorCallId(Json.text(call, "id"))
                .setCallType(callType)
                .setDirection(direction)
                .setCustomerNumber(customer)
                .setFromNumber(direction == Direction.INBOUND ? customer : ours)
                .setToNumber(direction == Direction.INBOUND ? ours : customer)
                .setStartedAt(startedAt)
                .setEndedAt(endedAt)
                .setDurationSeconds(duration)
                .setSummary(Json.first(Json.text(analysis, "summary"), Json.text(message, "summary")))
                .setTranscriptText(Json.first(Json.text(artifact, "transcript"), Json.text(message, "transcript")))
                .setRecordingUrl(Json.first(Json.text(artifact, "recordingUrl"), Json.text(message, "recordingUrl")))
                .setAgentId(Json.first(Json.text(message, "assistant", "id"), Json.text(call, "assistantId")))
                .setAgentName(Json.text(message, "assistant", "name"))
                .setExtractedData(Json.object(analysis.get("structuredData")))
                .setRawStatus(Json.text(call, "status"))
                .setRawEndedReason(endedReason);
        event.setCustomerExternalId(tenantValue(message, options.customerIdKey()));
        event.setCustomerName(Json.first(tenantValue(message, options.customerNameKey()),
                Json.text(message, "customer", "name")));
        JsonNode turns = artifact.has("messages") ? artifact.get("messages") : message.get("messages");
        Transcripts.readSpoken(turns, "role", "bot", event, "message", "content");
        Connectivity connectivity = EndedReasons.connectivity(endedReason);
        if (connectivity == Connectivity.UNKNOWN
                && event.getTranscriptTurns().stream().anyMatch(turn -> "user".equals(turn.role()))) {
            connectivity = Connectivity.CONNECTED;
        }
        event.setConnectivity(connectivity);

        applyOutcome(event, analysis);
        return List.of(event);
    }

    /** The tenant's outcome in {@code structuredData}, else the success evaluation when it reads as one. */
    private void applyOutcome(CallEvent event, JsonNode analysis) {
        String outcome = options.outcomeKey() == null ? null
                : Json.text(analysis, "structuredData", options.outcomeKey());
        String evaluation = Json.text(analysis, "successEvaluation");
        Outcomes outcomes = new Outcomes(vocabulary, VENDOR).map("outcome", outcome);
        if (outcome == null && evaluation != null) {
            switch (evaluation.strip().toLowerCase(Locale.ROOT)) {
                case "true", "pass" -> outcomes.add(BusinessOutcome.RESOLVED);
                case "false", "fail" -> outcomes.add(BusinessOutcome.UNRESOLVED);
                default -> { } // a score or grade: kept as the raw outcome
            }
        }
        outcomes.applyTo(event);
        event.setRawOutcome(outcome != null ? outcome : evaluation);
    }

    /** The tenant's key in {@code call.metadata}, else in {@code assistant.metadata}. */
    private static String tenantValue(JsonNode message, String key) {
        if (key == null) {
            return null;
        }
        return Json.first(Json.text(message, "call", "metadata", key), Json.text(message, "assistant", "metadata", key));
    }

    /** An ISO timestamp, or epoch milliseconds as a number or numeric string. */
    private static Instant isoOrEpochMillis(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.asText().strip();
        if (value.isNumber() || text.matches("\\d{1,15}")) {
            long millis = value.isNumber() ? value.asLong() : Long.parseLong(text);
            return millis <= 0 ? null : Instant.ofEpochMilli(millis);
        }
        return Timestamps.parse(text, ZoneOffset.UTC);
    }

    private static Direction direction(String callType) {
        String type = callType == null ? "" : callType.toLowerCase(Locale.ROOT);
        return type.startsWith("inbound") ? Direction.INBOUND
                : type.startsWith("outbound") ? Direction.OUTBOUND : Direction.UNKNOWN;
    }
}
