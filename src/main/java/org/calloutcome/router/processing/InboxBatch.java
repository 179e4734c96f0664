package org.calloutcome.router.processing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.calloutcome.router.delivery.DeliveryRequest;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.mapping.InboxEntry;

/**
 * The inbox rows one worker claimed, and what processing them asks for: their canonical events, the call log rows and
 * the sinks' work the routing rules request. A row that fails (to normalize, to route, to be written) is set apart with
 * its error, so that it never fails the rows beside it. Routing rules reach it as the exchange property
 * {@value #PROPERTY}.
 */
public final class InboxBatch {
    public static final String PROPERTY = "inboxBatch";

    /** One claimed row and what it produced. */
    public static final class Row {
        private final InboxEntry entry;
        private List<CallEvent> events = List.of();
        private final List<CallEvent> callLog = new ArrayList<>();
        private final List<DeliveryRequest> deliveries = new ArrayList<>();
        private Exception failure;

        Row(InboxEntry entry) {
            this.entry = entry;
        }

        public InboxEntry entry() {
            return entry;
        }

        public List<CallEvent> events() {
            return events;
        }

        void events(List<CallEvent> events) {
            this.events = events;
        }

        public List<CallEvent> callLog() {
            return callLog;
        }

        public List<DeliveryRequest> deliveries() {
            return deliveries;
        }

        public Exception failure() {
            return failure;
        }

        void fail(Exception failure) {
            if (this.failure == null) {
                this.failure = failure;
            }
        }
    }

    private final Map<UUID, Row> rows = new LinkedHashMap<>();
    private int committed;
    private int actionsAdded;

    private final boolean reprocessing;

    public InboxBatch(List<InboxEntry> claimed) {
        this(claimed, false);
    }

    /** @param reprocessing rows processed before, taken back to be processed again (an operator asked) */
    public InboxBatch(List<InboxEntry> claimed, boolean reprocessing) {
        claimed.forEach(entry -> rows.put(entry.eventId(), new Row(entry)));
        this.reprocessing = reprocessing;
    }

    public boolean reprocessing() {
        return reprocessing;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public List<Row> rows() {
        return List.copyOf(rows.values());
    }

    /** Rows still on course to be committed. */
    public List<Row> healthy() {
        return rows.values().stream().filter(row -> row.failure == null).toList();
    }

    public List<Row> failed() {
        return rows.values().stream().filter(row -> row.failure != null).toList();
    }

    /** How many rows were committed, and how many sink actions they asked for that were not asked for before. */
    void committed(int rows, int newActions) {
        committed += rows;
        actionsAdded += newActions;
    }

    public int committed() {
        return committed;
    }

    public int actionsAdded() {
        return actionsAdded;
    }

    /** The events of the healthy rows, in claim order: what the routing rules see. */
    public List<CallEvent> events() {
        List<CallEvent> events = new ArrayList<>();
        healthy().forEach(row -> events.addAll(row.events));
        return events;
    }

    /** The routing rules send {@code event} to the call log. */
    public void callLog(CallEvent event) {
        row(event).callLog.add(event);
    }

    /** The routing rules ask {@code sink} to act on {@code event} under {@code rule}. */
    public void deliver(CallEvent event, String sink, String rule) {
        row(event).deliveries.add(new DeliveryRequest(event, sink, rule));
    }

    /** Sets the row {@code event} came from apart, with why. */
    public void fail(CallEvent event, Exception failure) {
        row(event).fail(failure);
    }

    private Row row(CallEvent event) {
        Row row = rows.get(UUID.fromString(event.getEventId()));
        if (row == null) {
            throw new IllegalArgumentException("event " + event.getEventId() + " is not in this batch");
        }
        return row;
    }
}
