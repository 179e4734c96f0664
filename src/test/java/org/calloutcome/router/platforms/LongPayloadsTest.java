package org.calloutcome.router.platforms;

import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.CallEventJson;
import org.calloutcome.router.event.EventKind;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.sink.CallLogRows;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every vendor's lists (transcript turns, sequence steps, tags) of 200,000 entries go through identification,
 * mapping, the call log's rows and the sinks' stored form. Work that grows with the square of a list's length (copying
 * what came before for every entry: some 10^10 steps and more) cannot finish within the bound; linear work takes well
 * under a second per example. The counts say nothing was dropped on the way.
 */
class LongPayloadsTest {
    private static final int ENTRIES = 200_000;

    static Stream<Arguments> lists() {
        return Stream.of(
                Arguments.of("altur", "altur-on-call-end.json", "/transcript"),
                Arguments.of("altur", "altur-on-call-end.json", "/end_user/tags"),
                Arguments.of("clarion", "clarion-end-of-sequence-report.json", "/outreach"),
                Arguments.of("hms-sovereign", "hms-sovereign-end-of-call-report.json", "/message/messages"),
                Arguments.of("bland", "bland-call-completed.json", "/transcripts"),
                Arguments.of("retell", "retell-call-analyzed.json", "/call/transcript_object"),
                Arguments.of("elevenlabs", "elevenlabs-post-call-transcription.json", "/data/transcript"),
                Arguments.of("vapi", "vapi-end-of-call-report.json", "/message/artifact/messages"));
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("lists")
    @Timeout(120)
    void aListOf200000EntriesCostsItsLengthNotItsSquare(String vendor, String example, String list) throws Exception {
        JsonNode payload = Json.MAPPER.readTree(Mappings.example(example));
        ArrayNode entries = (ArrayNode) payload.at(list);
        // a turn somebody spoke (not a system prompt nor a call's end), a tag, or a text-message step: a call step
        // goes through the same loop but is a call event of its own besides, some 20 KB of heap each
        JsonNode last = entries.get(0);
        for (JsonNode candidate : entries) {
            String role = Json.first(Json.text(candidate, "role"), Json.text(candidate, "user"));
            boolean spoken = role == null || !(role.equals("system") || role.equals("agent-action"));
            if (spoken && (!candidate.has("step") || "sms".equals(candidate.path("type").asText()))) {
                last = candidate;
                break;
            }
        }
        entries.removeAll();
        for (int i = 0; i < ENTRIES; i++) {
            JsonNode entry = last.isTextual() ? Json.MAPPER.getNodeFactory().textNode("tag-" + i) : last.deepCopy();
            if (entry instanceof ObjectNode step && step.has("step")) {
                // each step of a sequence is its own; short, as a transcript's turns are
                step.put("step", i + 1);
                step.set("sms", Json.MAPPER.createObjectNode().put("ended_reason",
                        step.path("sms").path("ended_reason").asText()));
            }
            entries.add(entry);
        }
        List<CallEvent> events = Mappings.events(vendor, Json.write(payload));
        CallEvent event = events.get(0);
        CallLogRows rows = new CallLogRows();
        if (EventKind.CALL_ENDED.equals(event.getEventKind())) {
            rows.call(event);
        } else {
            assertEquals(ENTRIES, rows.steps(event).size(), "every step is a row");
        }
        if (list.endsWith("tags")) {
            assertTrue(event.getTags().size() >= ENTRIES, "every tag is kept");
        } else if (!list.equals("/outreach")) {
            assertEquals(ENTRIES, event.getTranscriptTurns().size(), "every turn is kept");
        }
        assertEquals(events.size(), CallEventJson.read(CallEventJson.write(events)).size(), "the sinks can read them");
    }
}
