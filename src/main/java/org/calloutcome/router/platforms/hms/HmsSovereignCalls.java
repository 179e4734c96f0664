package org.calloutcome.router.platforms.hms;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.calloutcome.router.mapping.CallDirectory;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.normalize.Timestamps;
import org.calloutcome.router.platforms.EndOfCallReports;

/**
 * HMS Sovereign / VoiceDock's API of calls (its API reference, "List calls" and "Get call by ID"): {@code GET /calls}
 * filtered by {@code start_date} / {@code end_date} (ISO 8601), pages of {@code limit} (at most 1,000) from
 * {@code offset}, answer {@code calls} and {@code pagination.total}; {@code GET /calls/{id}} for one call. The listing
 * starts two hours (the longest call reconciled) before the window and keeps the calls that {@code ended} or
 * {@code failed} with their {@code ended_at} in it. The API's call is not its webhook's shape: it is written as the
 * {@code end-of-call-report} would carry it, with what the API has (numbers, times, summary, analysis, messages, the
 * agent's id and name). The assistant's metadata, where the webhook carries the tenant's CRM id, is not in the API's
 * call: a reconciled call is matched in Salesforce by its number.
 */
public final class HmsSovereignCalls implements CallDirectory {
    private static final Duration LONGEST_CALL = Duration.ofHours(2);
    private static final int PAGE = 1000;
    private static final Set<String> FINISHED = Set.of("ended", "failed");

    @Override
    public String vendor() {
        return HmsSovereignWebhook.VENDOR;
    }

    @Override
    public List<String> credentialHeader(String apiKey) {
        return List.of("Authorization", "Bearer " + apiKey);
    }

    @Override
    public Request list(Instant from, Instant to, String cursor) {
        int offset = cursor == null ? 0 : Integer.parseInt(cursor);
        return Request.get("/calls?start_date=" + iso(from.minus(LONGEST_CALL)) + "&end_date=" + iso(to) + "&limit="
                + PAGE + "&offset=" + offset);
    }

    @Override
    public Page page(JsonNode answer, Instant from, Instant to, String cursor) {
        List<String> ended = new ArrayList<>();
        JsonNode calls = answer.path("calls");
        for (JsonNode call : calls) {
            Instant endedAt = Timestamps.parse(Json.text(call, "ended_at"), ZoneOffset.UTC);
            String id = Json.text(call, "id");
            if (id != null && endedAt != null && FINISHED.contains(Json.text(call, "status"))
                    && !endedAt.isBefore(from) && endedAt.isBefore(to)) {
                ended.add(id);
            }
        }
        int next = (cursor == null ? 0 : Integer.parseInt(cursor)) + calls.size();
        JsonNode total = answer.at("/pagination/total");
        boolean more = !calls.isEmpty() && (total.canConvertToInt() ? next < total.asInt() : calls.size() >= PAGE);
        return new Page(ended, more ? String.valueOf(next) : null);
    }

    @Override
    public Request get(String callId) {
        return Request.get("/calls/" + URLEncoder.encode(callId, StandardCharsets.UTF_8));
    }

    /** The call as its {@code end-of-call-report}: the fields the webhook mapping reads, from the API's names. */
    @Override
    public JsonNode asWebhook(JsonNode call) {
        ObjectNode message = Json.MAPPER.createObjectNode().put("type", EndOfCallReports.END_OF_CALL_REPORT);
        message.put("timestamp", Json.text(call, "ended_at"));
        ObjectNode identity = message.putObject("call");
        identity.set("id", call.get("id"));
        identity.set("status", call.get("status"));
        String ours = Json.first(Json.text(call, "assistant_phone"), Json.text(call, "phone_number"));
        message.putObject("phone_number").put("number", ours).put("name", Json.text(call, "business_name"));
        String caller = Json.text(call, "caller_phone");
        if (caller != null && !caller.equals(ours)) {
            message.putObject("customer").put("number", caller);
        }
        message.putObject("assistant").put("id", Json.text(call, "agent_id")).put("name",
                Json.text(call, "agent_name"));
        message.set("duration_seconds", call.get("duration_seconds"));
        message.put("summary", Json.first(Json.text(call, "summary"), Json.text(call, "analysis_result", "summary")));
        message.set("messages", call.get("messages"));
        message.set("analysis", call.get("analysis_result"));
        message.put("ended_reason", Json.text(call, "error"));
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
}
