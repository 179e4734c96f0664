package org.calloutcome.router.platforms.vapi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.calloutcome.router.mapping.CallDirectory;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.normalize.Timestamps;
import org.calloutcome.router.platforms.EndOfCallReports;

/**
 * Vapi's API of calls (@vapi-ai/server-sdk: {@code client.calls.list}, {@code client.calls.get}): {@code GET /call}
 * filtered on {@code updatedAtGe} / {@code updatedAtLt}, at most {@code limit} calls (no cursor, no stated order);
 * {@code GET /call/{id}} for the whole call. A call is updated when it ends, so every call that ended in the window
 * was updated in it or later: the listing asks from the window's start, and keeps the ended calls whose
 * {@code endedAt} is in the window. A full page is asked again as two halves of its time range, until no page is full:
 * complete whatever order Vapi lists in. A call is stored as the {@code end-of-call-report} its server URL would have
 * received.
 */
public final class VapiCalls implements CallDirectory {
    /** The SDK's default page, which Vapi accepts on every plan. */
    static final int PAGE = 100;
    /** How far past the window a listing reaches: calls updated after they ended (analysis, edits). */
    private static final Duration LATER_UPDATES = Duration.ofDays(1);

    @Override
    public String vendor() {
        return VapiWebhook.VENDOR;
    }

    @Override
    public List<String> credentialHeader(String apiKey) {
        return List.of("Authorization", "Bearer " + apiKey);
    }

    @Override
    public Request list(Instant from, Instant to, String cursor) {
        Range range = Ranges.first(cursor, from, to.plus(LATER_UPDATES));
        return Request.get("/call?updatedAtGe=" + iso(range.from()) + "&updatedAtLt=" + iso(range.to()) + "&limit="
                + PAGE);
    }

    @Override
    public Page page(JsonNode answer, Instant from, Instant to, String cursor) {
        List<Range> pending = Ranges.parse(cursor, from, to.plus(LATER_UPDATES));
        Range asked = pending.remove(0);
        if (answer.size() >= PAGE && asked.splittable()) {
            pending.addAll(0, asked.halves()); // asked again in halves; this page's calls come with them
            return new Page(List.of(), Ranges.format(pending));
        }
        List<String> ended = new ArrayList<>();
        for (JsonNode call : answer) {
            Instant endedAt = Timestamps.parse(Json.text(call, "endedAt"), ZoneOffset.UTC);
            String id = Json.text(call, "id");
            if (id != null && endedAt != null && !endedAt.isBefore(from) && endedAt.isBefore(to)) {
                ended.add(id);
            }
        }
        return new Page(ended, pending.isEmpty() ? null : Ranges.format(pending));
    }

    @Override
    public Request get(String callId) {
        return Request.get("/call/" + URLEncoder.encode(callId, StandardCharsets.UTF_8));
    }

    /** The report's fields, as the SDK's {@code ServerMessageEndOfCallReport} has them, taken from the call. */
    @Override
    public JsonNode asWebhook(JsonNode call) {
        ObjectNode message = Json.MAPPER.createObjectNode().put("type", EndOfCallReports.END_OF_CALL_REPORT);
        for (String field : List.of("endedReason", "cost", "costs", "artifact", "analysis", "startedAt", "endedAt",
                "customer", "phoneNumber", "assistant", "destination", "compliance")) {
            if (call.has(field)) {
                message.set(field, call.get(field));
            }
        }
        Instant endedAt = Timestamps.parse(Json.text(call, "endedAt"), ZoneOffset.UTC);
        if (endedAt != null) {
            message.put("timestamp", endedAt.toEpochMilli());
        }
        message.set("call", call);
        ObjectNode payload = Json.MAPPER.createObjectNode();
        payload.set("message", message);
        return payload;
    }

    @Override
    public List<String> eventIds(String callId) {
        return List.of(callId);
    }

    private static String iso(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }

    /** A span of update times still to list: the cursor is the list of them. */
    record Range(Instant from, Instant to) {
        boolean splittable() {
            return Duration.between(from, to).toMillis() > 1;
        }

        List<Range> halves() {
            Instant middle = from.plusMillis(Duration.between(from, to).toMillis() / 2);
            return List.of(new Range(from, middle), new Range(middle, to));
        }
    }

    /** Cursor text: {@code fromMs-toMs} spans, comma separated, the next one first. */
    static final class Ranges {
        private Ranges() {
        }

        static Range first(String cursor, Instant from, Instant to) {
            return parse(cursor, from, to).get(0);
        }

        static List<Range> parse(String cursor, Instant from, Instant to) {
            List<Range> ranges = new ArrayList<>();
            if (cursor == null) {
                ranges.add(new Range(from, to));
                return ranges;
            }
            for (String span : cursor.split(",")) {
                String[] ends = span.split("-");
                ranges.add(new Range(Instant.ofEpochMilli(Long.parseLong(ends[0])),
                        Instant.ofEpochMilli(Long.parseLong(ends[1]))));
            }
            return ranges;
        }

        static String format(List<Range> ranges) {
            return String.join(",", ranges.stream()
                    .map(r -> r.from().toEpochMilli() + "-" + r.to().toEpochMilli()).toList());
        }
    }
}
