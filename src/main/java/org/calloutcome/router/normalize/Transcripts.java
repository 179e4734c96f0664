package org.calloutcome.router.normalize;

import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.TranscriptTurn;

/**
 * Transcripts sent as an array of turns, read into turns plus a "role: text" rendering. Every platform's array goes
 * through here: what differs is the names of its fields and of its speakers.
 */
public final class Transcripts {
    private Transcripts() {
    }

    /** Reads {@code turns} (an array of objects) with the given field names; {@code atField} may be null. */
    public static void read(JsonNode turns, String roleField, String textField, String atField, CallEvent event) {
        if (turns == null || !turns.isArray()) {
            return;
        }
        for (JsonNode turn : turns) {
            event.getTranscriptTurns().add(new TranscriptTurn(Json.text(turn, roleField), Json.text(turn, textField),
                    atField == null ? null : Timestamps.parse(Json.text(turn, atField), ZoneOffset.UTC)));
        }
        event.setTranscriptText(text(event.getTranscriptTurns()));
    }

    /**
     * Reads the spoken turns of {@code turns}: each turn's role (through {@code assistantRole}, the platform's name for
     * the AI: "agent", "bot") and its text from the first of {@code textFields} it has; turns of anyone but the
     * assistant and the user (a system prompt, a tool call, the call's end) are left out. Returns what was read, as
     * "role: text" lines.
     */
    public static String readSpoken(JsonNode turns, String roleField, String assistantRole, CallEvent event,
            String... textFields) {
        if (turns == null || !turns.isArray()) {
            return null;
        }
        int first = event.getTranscriptTurns().size();
        for (JsonNode turn : turns) {
            String role = Json.text(turn, roleField);
            role = assistantRole.equals(role) ? "assistant" : role;
            String text = null;
            for (int i = 0; i < textFields.length && text == null; i++) {
                text = Json.text(turn, textFields[i]);
            }
            if (text != null && ("assistant".equals(role) || "user".equals(role))) {
                event.getTranscriptTurns().add(new TranscriptTurn(role, text, null));
            }
        }
        return text(event.getTranscriptTurns().subList(first, event.getTranscriptTurns().size()));
    }

    public static String text(List<TranscriptTurn> turns) {
        StringBuilder text = new StringBuilder();
        for (TranscriptTurn turn : turns) {
            text.append(turn.role()).append(": ").append(turn.text() == null ? "" : turn.text()).append('\n');
        }
        return text.isEmpty() ? null : text.toString().strip();
    }
}
