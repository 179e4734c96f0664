package org.calloutcome.router.platforms;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.calloutcome.router.event.EventKind;
import org.calloutcome.router.intake.WebhookRejection;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.mapping.EventKey;

/**
 * The envelope Vapi and the platforms built like it (HMS Sovereign / VoiceDock) share: {@code {"message": {"type":
 * "end-of-call-report", "call": {"id": ...}, "assistant": {...}}}}, other message types on the same URL.
 */
public final class EndOfCallReports {
    public static final String END_OF_CALL_REPORT = "end-of-call-report";

    private EndOfCallReports() {
    }

    /** The report's key, empty for another message type; a 422 when the report has no call id. */
    public static Optional<EventKey> identify(JsonNode payload, String vendorName) {
        if (!END_OF_CALL_REPORT.equals(Json.text(payload, "message", "type"))) {
            return Optional.empty();
        }
        String callId = Json.text(payload, "message", "call", "id");
        if (callId == null) {
            throw new WebhookRejection(422, "missing_field",
                    "an end-of-call-report from " + vendorName + " needs 'message.call.id'");
        }
        return Optional.of(new EventKey(EventKind.CALL_ENDED, callId, END_OF_CALL_REPORT));
    }

    /**
     * Replaces an assistant configuration (model, prompts, voice) under {@code field} by what names it and the tenant's
     * own ids: {@code id}, {@code name}, {@code metadata}. Anything else there is removed.
     */
    public static void keepAssistantIds(ObjectNode parent, String field) {
        if (!(parent.get(field) instanceof ObjectNode assistant)) {
            parent.remove(field);
            return;
        }
        ObjectNode ids = Json.MAPPER.createObjectNode();
        for (String name : List.of("id", "name", "metadata")) {
            if (assistant.has(name)) {
                ids.set(name, assistant.get(name));
            }
        }
        parent.set(field, ids);
    }
}
