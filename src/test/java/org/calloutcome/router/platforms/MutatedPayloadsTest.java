package org.calloutcome.router.platforms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.CallEventJson;
import org.calloutcome.router.event.EventKind;
import org.calloutcome.router.mapping.InboxEntry;
import org.calloutcome.router.intake.InboxIntake;
import org.calloutcome.router.intake.WebhookRejection;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.normalize.Normalizer;
import org.calloutcome.router.sink.CallLogRows;
import org.calloutcome.router.mapping.VendorWebhook;
import org.calloutcome.router.mapping.EventKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accepted means processable: every mutant of a vendor's example is either refused at intake with a 4xx naming the
 * problem, or becomes call events whose call log rows fit their columns (no NUL character, nothing too long, every
 * NOT NULL column set) and which the sinks can read back.
 */
class MutatedPayloadsTest {
    private static final Map<String, VendorWebhook> WEBHOOKS;
    private static final Normalizer NORMALIZER;
    private static final CallLogRows ROWS = new CallLogRows();
    private static final Map<String, Integer> WIDTHS = Map.of("vendor_call_id", 200, "vendor_event_type", 80,
            "sequence_id", 200, "customer_number", 200, "vendor_sequence_id", 200, "vendor_step_id", 200);
    private static final Set<String> NOT_NULL = Set.of("vendor", "vendor_call_id", "last_event_id", "direction",
            "received_at", "connectivity", "business_outcome", "vendor_sequence_id", "step", "step_type");

    static {
        WEBHOOKS = Mappings.webhooks(Map.of());
        NORMALIZER = new Normalizer(WEBHOOKS);
    }

    /** Mutants per example: seeds drawn from a fixed seed, so a run can be repeated exactly. */
    private static final int MUTANTS = 300;

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("altur", "altur-on-call-end.json"),
                Arguments.of("callkaro", "callkaro-call-ended.json"),
                Arguments.of("clarion", "clarion-end-of-call.json"),
                Arguments.of("clarion", "clarion-end-of-sequence-report.json"),
                Arguments.of("hms-sovereign", "hms-sovereign-end-of-call-report.json"),
                Arguments.of("bland", "bland-call-completed.json"),
                Arguments.of("retell", "retell-call-analyzed.json"),
                Arguments.of("elevenlabs", "elevenlabs-post-call-transcription.json"),
                Arguments.of("vapi", "vapi-end-of-call-report.json"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("examples")
    void everyMutantIsRefusedOrProcessable(String vendor, String example) throws Exception {
        Random seeds = new Random(example.hashCode());
        for (int i = 0; i < MUTANTS; i++) {
            long seed = seeds.nextLong();
            try {
                acceptedMeansProcessable(vendor, example, seed);
            } catch (AssertionError e) {
                throw new AssertionError(example + " mutant of seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    static String example(String name) {
        return Mappings.example(name);
    }

    private static void acceptedMeansProcessable(String vendor, String example, long seed) throws Exception {
        JsonNode payload = PayloadMutants.mutate(Json.MAPPER.readTree(example(example)), seed);
        VendorWebhook webhook = WEBHOOKS.get(vendor);
        Optional<EventKey> key;
        try {
            key = webhook.identify(payload).map(InboxIntake::identity);
        } catch (WebhookRejection refused) {
            assertTrue(refused.getStatus() >= 400 && refused.getStatus() < 500, "refused with " + refused.getStatus());
            return;
        }
        if (key.isEmpty()) {
            return; // an event kind the router does not process: answered 200 and dropped
        }
        InboxEntry entry = new InboxEntry(UUID.randomUUID(), vendor, key.get().kind(), key.get().vendorEventId(),
                key.get().vendorType(), Json.write(webhook.storable(payload)), Instant.now(), 1, "default");
        List<CallEvent> events = NORMALIZER.normalize(entry);
        assertFalse(events.isEmpty(), "an accepted webhook describes at least one event");
        for (CallEvent event : events) {
            List<Map<String, Object>> rows = new ArrayList<>();
            if (EventKind.CALL_ENDED.equals(event.getEventKind())) {
                rows.add(ROWS.call(event));
            } else {
                rows.add(ROWS.sequence(event));
                rows.addAll(ROWS.steps(event));
            }
            rows.forEach(MutatedPayloadsTest::fitsItsColumns);
        }
        assertEquals(events.size(), CallEventJson.read(CallEventJson.write(events)).size(), "the sinks can read them");
    }

    private static void fitsItsColumns(Map<String, Object> row) {
        row.forEach((column, value) -> {
            if (NOT_NULL.contains(column)) {
                assertNotNull(value, column + " is NOT NULL");
            }
            if (value instanceof String text) {
                assertFalse(text.contains("\u0000"), column + " holds a NUL character");
                assertTrue(text.length() <= WIDTHS.getOrDefault(column, Integer.MAX_VALUE), column + " is too long");
            }
        });
    }
}
