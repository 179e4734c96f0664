package org.calloutcome.router.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.EventKind;

/**
 * The call log sink. Its entry ({@code direct:sink-jdbc}, {@code SinkRequests}) adds the event to the batch being
 * processed; the batch's rows are then written together through the {@code call-log-write} route
 * ({@link CallLogRoutes}: camel-sql, one JDBC batch per table), in
 * the transaction that marks the batch processed.
 */
public final class CallLogSink {
    /** Rows for the three call log tables, as named parameters of {@code sql/merge-*.sql}. */
    public record Rows(List<Map<String, Object>> calls, List<Map<String, Object>> sequences,
            List<Map<String, Object>> steps) {
        public boolean isEmpty() {
            return calls.isEmpty() && sequences.isEmpty();
        }
    }

    private final CallLogRows rows;

    public CallLogSink(CallLogRows rows) {
        this.rows = rows;
    }

    public Rows rows(List<CallEvent> events) {
        List<Map<String, Object>> calls = new ArrayList<>();
        List<Map<String, Object>> sequences = new ArrayList<>();
        List<Map<String, Object>> steps = new ArrayList<>();
        for (CallEvent event : events) {
            if (EventKind.SEQUENCE_ENDED.equals(event.getEventKind())) {
                sequences.add(rows.sequence(event));
                steps.addAll(rows.steps(event));
            } else {
                calls.add(rows.call(event));
            }
        }
        return new Rows(calls, sequences, steps);
    }
}
