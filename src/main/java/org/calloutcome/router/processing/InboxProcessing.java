package org.calloutcome.router.processing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.camel.Body;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.ProducerTemplate;
import org.calloutcome.router.delivery.Deliveries;
import org.calloutcome.router.delivery.DeliveryRequest;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.event.CallEventJson;
import org.calloutcome.router.intake.Inbox;
import org.calloutcome.router.mapping.InboxEntry;
import org.calloutcome.router.normalize.Normalizer;
import org.calloutcome.router.observe.RouterMetrics;
import org.calloutcome.router.sink.CallLogSink;
import org.calloutcome.router.store.Retry;
import org.calloutcome.router.store.Sql;
import org.calloutcome.router.queue.Wakeup;
import org.calloutcome.router.queue.GiveWay;
import org.calloutcome.router.queue.InboxBacklog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the {@code inbox-process} route: claim a batch of inbox rows, normalize them, and, once the routing
 * rules have run, commit the batch in one transaction: the call log rows (through the {@code call-log-write} route),
 * the canonical events, the sinks' work, and the rows marked processed. A row that fails is set apart and recorded as
 * failed on its own; when the batch's transaction fails, its rows are committed one by one to find the culprit.
 */
public final class InboxProcessing {
    private static final Logger LOG = LoggerFactory.getLogger(InboxProcessing.class);

    /** Where the batches come from: this instance's claims on the inbox, as many as intake leaves room for. */
    public record Claims(Inbox inbox, String owner, int batchSize, GiveWay intakeFirst, InboxBacklog backlog) {
    }

    /** Where a batch's results go besides the inbox: the call log, the sinks' work, and the sinks' workers. */
    public record Outputs(CallLogSink callLog, Deliveries deliveries, Map<String, Wakeup> sinkWakeups) {
    }

    private final Sql sql;
    private final Claims claims;
    private final Normalizer normalizer;
    private final Outputs outputs;
    private final CamelContext context;
    private final RouterMetrics metrics;
    private volatile ProducerTemplate producer;

    public InboxProcessing(Sql sql, Claims claims, Normalizer normalizer, Outputs outputs, CamelContext context,
            RouterMetrics metrics) {
        this.sql = sql;
        this.claims = claims;
        this.normalizer = normalizer;
        this.outputs = outputs;
        this.context = context;
        this.metrics = metrics;
    }

    /** The next batch of due rows; none while a burst of webhooks has the machine (see {@link GiveWay}). */
    public InboxBatch claim() throws Exception {
        int claimable = claims.intakeFirst().claimable(claims.batchSize());
        List<InboxEntry> claimed = claimable == 0 ? List.of() : claims.inbox().claim(claims.owner(), claimable);
        // only a full-size claim tells of a backlog; while processing gives way to webhooks, sinks need not give way
        if (claimable == claims.batchSize()) {
            claims.backlog().claimed(claimable, claimed.size());
        }
        return new InboxBatch(claimed);
    }

    /** Each row's canonical events; a row that cannot be normalized is set apart. */
    public void normalize(@Body InboxBatch batch) {
        for (InboxBatch.Row row : batch.rows()) {
            try {
                row.events(normalizer.normalize(row.entry()));
            } catch (Exception e) {
                row.fail(e);
            }
        }
    }

    /** The events the routing rules run on, one after the other. */
    public List<CallEvent> events(@Body InboxBatch batch) {
        return batch.events();
    }

    /** A routing rule failed for this event: its row is set apart, with the rule named. */
    public void routingFailed(@Body CallEvent event, @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure,
            @ExchangeProperty(InboxBatch.PROPERTY) InboxBatch batch) {
        batch.fail(event, RoutingRuleCheck.explain(context, event, failure));
    }

    /** Commits the healthy rows together (or one by one, if together fails) and records the failed ones. */
    public void commit(@Body InboxBatch batch) throws Exception {
        List<InboxBatch.Row> healthy = batch.healthy();
        Set<String> sinksWithWork = new LinkedHashSet<>();
        int done = 0;
        if (!healthy.isEmpty()) {
            try {
                sinksWithWork.addAll(write(healthy, batch));
                done = healthy.size();
            } catch (Exception together) {
                if (healthy.size() == 1) {
                    healthy.get(0).fail(together);
                } else {
                    for (InboxBatch.Row row : healthy) {
                        try {
                            sinksWithWork.addAll(write(List.of(row), batch));
                            done++;
                        } catch (Exception alone) {
                            row.fail(alone);
                        }
                    }
                }
            }
        }
        for (InboxBatch.Row row : batch.failed()) {
            claims.inbox().markFailed(claims.owner(), row.entry(), row.failure());
        }
        sinksWithWork.forEach(sink -> outputs.sinkWakeups().getOrDefault(sink, Wakeup.NONE).run());
        if (batch.failed().isEmpty()) {
            LOG.info("Processed {} event(s)", done);
        } else {
            LOG.info("Processed {} event(s); {} failed (inbox.last_error): {}", done, batch.failed().size(),
                    Retry.rootCause(batch.failed().get(0).failure()).getClass().getName());
        }
    }

    /**
     * One transaction: call log, stored events, sinks' work, rows processed (counted in {@code batch}). Returns the
     * sinks that got work.
     */
    private Set<String> write(List<InboxBatch.Row> rows, InboxBatch batch) throws Exception {
        List<CallEvent> logged = new ArrayList<>();
        Map<UUID, String> events = new LinkedHashMap<>();
        for (InboxBatch.Row row : rows) {
            logged.addAll(row.callLog());
            events.put(row.entry().eventId(), CallEventJson.write(row.events()));
        }
        CallLogSink.Rows callLogRows = outputs.callLog().rows(logged);
        Deliveries.Queued queued = sql.inTransaction(() -> {
            if (!callLogRows.isEmpty()) {
                producer().sendBody("direct:call-log-write", callLogRows);
            }
            Set<UUID> owned = claims.inbox().markProcessed(claims.owner(), events);
            List<DeliveryRequest> requests = new ArrayList<>();
            rows.stream().filter(row -> owned.contains(row.entry().eventId()))
                    .forEach(row -> requests.addAll(row.deliveries()));
            return outputs.deliveries().insert(requests);
        });
        if (!batch.reprocessing()) { // from arrival to processing: a reprocessed event's first time counted
            rows.forEach(row -> metrics.processed(row.entry().receivedAt()));
        }
        batch.committed(rows.size(), queued.added());
        return queued.sinks();
    }

    private ProducerTemplate producer() {
        if (producer == null) {
            producer = context.createProducerTemplate();
        }
        return producer;
    }
}
