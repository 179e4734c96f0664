package org.calloutcome.router.normalize;

import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.TranscriptTurn;

/** Transcripts sent as an array of turns, read into turns plus a "role: text" rendering. */
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

    public static String text(List<TranscriptTurn> turns) {
        StringBuilder text = new StringBuilder();
        for (TranscriptTurn turn : turns) {
            text.append(turn.role()).append(": ").append(turn.text() == null ? "" : turn.text()).append('\n');
        }
        return text.isEmpty() ? null : text.toString().strip();
    }
}
