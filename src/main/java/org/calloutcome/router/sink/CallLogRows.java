package org.calloutcome.router.sink;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.SequenceStep;
import org.calloutcome.router.event.TranscriptTurn;
import org.calloutcome.router.normalize.Json;

/**
 * The call log's rows for an event, as named parameters of the {@code sql/merge-*.sql} statements. Every value fits
 * its column: NUL characters (which PostgreSQL refuses in text) are dropped and text longer than a column is cut, so
 * that an accepted webhook can always be written; the inbox keeps the payload as it came.
 */
public final class CallLogRows {
    /** Columns narrower than TEXT, and their widths (db/migration). */
    static final Map<String, Integer> WIDTHS = Map.ofEntries(Map.entry("vendor_call_id", 200),
            Map.entry("vendor_event_type", 80), Map.entry("sequence_id", 200), Map.entry("from_number", 200),
            Map.entry("to_number", 200), Map.entry("customer_number", 200), Map.entry("vendor_sequence_id", 200),
            Map.entry("step_type", 10), Map.entry("vendor_step_id", 200), Map.entry("source_number", 200),
            Map.entry("destination_number", 200));

    public Map<String, Object> call(CallEvent e) {
        return fit(callRow(e));
    }

    public Map<String, Object> sequence(CallEvent e) {
        return fit(sequenceRow(e));
    }

    public List<Map<String, Object>> steps(CallEvent e) {
        return stepRows(e).stream().map(CallLogRows::fit).toList();
    }

    /** Drops NUL characters from every text value and cuts text to its column's width. */
    static Map<String, Object> fit(Map<String, Object> row) {
        row.replaceAll((column, value) -> {
            if (!(value instanceof String text)) {
                return value;
            }
            String clean = text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
            Integer width = WIDTHS.get(column);
            return width != null && clean.length() > width ? clean.substring(0, width) : clean;
        });
        return row;
    }

    private Map<String, Object> callRow(CallEvent e) {
        Map<String, Object> row = new HashMap<>();
        row.put("vendor", e.getVendor());
        row.put("account", e.getAccount());
        row.put("vendor_call_id", e.getVendorCallId());
        row.put("last_event_id", e.getEventId());
        row.put("vendor_event_type", e.getVendorEventType());
        row.put("sequence_id", e.getSequenceId());
        row.put("attempt", e.getAttempt());
        row.put("agent_id", e.getAgentId());
        row.put("agent_name", e.getAgentName());
        row.put("direction", e.getDirection().name());
        row.put("call_type", e.getCallType());
        row.put("from_number", e.getFromNumber());
        row.put("to_number", e.getToNumber());
        row.put("customer_number", e.getCustomerNumber());
        row.put("started_at", utc(e.getStartedAt()));
        row.put("ended_at", utc(e.getEndedAt()));
        row.put("received_at", utc(e.getReceivedAt()));
        row.put("duration_seconds", e.getDurationSeconds());
        row.put("summary", e.getSummary());
        row.put("transcript_text", e.getTranscriptText());
        row.put("transcript_turns", turns(e.getTranscriptTurns()));
        row.put("recording_url", e.getRecordingUrl());
        row.put("dashboard_url", e.getDashboardUrl());
        row.put("extracted_data", e.getExtractedData().isEmpty() ? null : Json.write(e.getExtractedData()));
        row.put("tags", jsonOrNull(e.getTags()));
        row.put("customer_external_id", e.getCustomerExternalId());
        row.put("customer_name", e.getCustomerName());
        row.put("raw_status", e.getRawStatus());
        row.put("raw_ended_reason", e.getRawEndedReason());
        row.put("raw_outcome", e.getRawOutcome());
        row.put("raw_failure_reason", e.getRawFailureReason());
        row.put("raw_disposition", e.getRawDisposition());
        putOutcome(row, e);
        row.put("test", e.isTest());
        row.put("raw_payload", e.getRawPayload());
        return row;
    }

    private Map<String, Object> sequenceRow(CallEvent e) {
        Map<String, Object> row = new HashMap<>();
        row.put("vendor", e.getVendor());
        row.put("account", e.getAccount());
        row.put("vendor_sequence_id", e.getSequenceId());
        row.put("last_event_id", e.getEventId());
        row.put("status", e.getRawStatus());
        row.put("outcome_description", e.getSummary());
        row.put("customer_number", e.getCustomerNumber());
        row.put("started_at", utc(e.getStartedAt()));
        row.put("last_updated", utc(e.getEndedAt()));
        row.put("received_at", utc(e.getReceivedAt()));
        putOutcome(row, e);
        row.put("raw_payload", e.getRawPayload());
        return row;
    }

    private List<Map<String, Object>> stepRows(CallEvent e) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SequenceStep s : e.getSteps()) {
            Map<String, Object> row = new HashMap<>();
            row.put("vendor", e.getVendor());
            row.put("account", e.getAccount());
            row.put("vendor_sequence_id", e.getSequenceId());
            row.put("step", s.step());
            row.put("step_type", s.type());
            row.put("vendor_step_id", s.vendorStepId());
            row.put("agent_id", s.agentId());
            row.put("status", s.status());
            row.put("ended_reason", s.endedReason());
            row.put("outcome", s.outcome());
            row.put("failure_reason", s.failureReason());
            row.put("started_at", utc(s.startedAt()));
            row.put("ended_at", utc(s.endedAt()));
            row.put("source_number", s.sourceNumber());
            row.put("destination_number", s.destinationNumber());
            row.put("summary", s.summary());
            rows.add(row);
        }
        return rows;
    }

    private static void putOutcome(Map<String, Object> row, CallEvent e) {
        row.put("connectivity", e.getConnectivity().name());
        row.put("business_outcome", e.getBusinessOutcome().name());
        row.put("opt_out", e.isOptOut());
        row.put("escalation", e.isEscalation());
        row.put("callback_requested", e.isCallbackRequested());
        row.put("converted", e.isConverted());
    }

    private static String turns(List<TranscriptTurn> turns) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TranscriptTurn turn : turns) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("role", turn.role());
            row.put("text", turn.text());
            if (turn.at() != null) {
                row.put("at", turn.at().toString());
            }
            rows.add(row);
        }
        return jsonOrNull(rows);
    }

    private static String jsonOrNull(Collection<?> values) {
        return values.isEmpty() ? null : Json.write(values);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
