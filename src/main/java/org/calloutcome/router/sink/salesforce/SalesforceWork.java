package org.calloutcome.router.sink.salesforce;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.calloutcome.router.delivery.ActionResult;
import org.calloutcome.router.delivery.Deliveries;
import org.calloutcome.router.delivery.Delivery;
import org.calloutcome.router.delivery.DeliveryGroup;
import org.calloutcome.router.queue.GiveWay;
import org.calloutcome.router.store.Retry;

/**
 * Book-keeping around a batch of Salesforce work: claims it (each call with its stored event), records each action's
 * result, and sorts failures: data Salesforce refused goes to the dead letter with its error code; a spent daily API
 * allocation ({@code TotalRequests}), or the share of it kept for the org's other integrations, pauses the sink for
 * every instance for a long while, the concurrent long-running request limit ({@code ConcurrentPerOrgLongTxn}) for a
 * short one (the work waits, its attempts untouched); anything else is retried. Both limits answer
 * {@code REQUEST_LIMIT_EXCEEDED} (Salesforce Developer Limits and Allocations Quick Reference, "API Request Limits and
 * Allocations"); the message tells them apart.
 */
public final class SalesforceWork {
    private static final String LIMIT_EXCEEDED = "REQUEST_LIMIT_EXCEEDED";

    private static final String CONCURRENT = "ConcurrentPerOrgLongTxn";

    /** How long the sink waits for each of Salesforce's limits. */
    public record Pauses(Duration dailyLimit, Duration concurrentLimit) {
    }

    private final Deliveries deliveries;
    private final Pauses pauses;
    private final GiveWay callLogFirst;
    private final SalesforceActions actions;
    private final String sink;

    /** The work of one org's sink ({@code salesforce}, or {@code salesforce-<org>}). */
    public SalesforceWork(String sink, Deliveries deliveries, Pauses pauses, GiveWay callLogFirst,
            SalesforceActions actions) {
        this.sink = sink;
        this.deliveries = deliveries;
        this.pauses = pauses;
        this.callLogFirst = callLogFirst;
        this.actions = actions;
    }

    public SalesforceActions.Batch claim() throws Exception {
        int claimable = callLogFirst.claimable(SalesforceActions.MAX_BATCH);
        List<DeliveryGroup> groups = claimable == 0 ? List.of() : deliveries.claimGroups(sink, claimable);
        return new SalesforceActions.Batch(groups, groups.stream().map(group -> group.first().event()).toList());
    }

    public void finish(@ExchangeProperty(SalesforceActions.BATCH) SalesforceActions.Batch batch,
            @Body List<Map<String, ActionResult>> results) throws Exception {
        deliveries.finish(batch.groups(), results);
        if (actions.reserveReached()) {
            deliveries.pause(sink, List.of(), pauses.dailyLimit(), "API allocation reserve reached ("
                    + "router.salesforce.api-reserve-percent)");
        }
    }

    public void failed(@ExchangeProperty(SalesforceActions.BATCH) SalesforceActions.Batch batch,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) throws Exception {
        List<Delivery> all = batch.groups().stream().flatMap(group -> group.deliveries().stream()).toList();
        Throwable cause = Retry.rootCause(failure);
        if (cause instanceof SalesforceRefusal) {
            deliveries.dead(all, cause.getMessage());
        } else if (limitExceeded(failure) != null) {
            if (limitExceeded(failure).contains(CONCURRENT)) {
                deliveries.pause(sink, all, pauses.concurrentLimit(), "concurrent request limit reached");
            } else {
                deliveries.pause(sink, all, pauses.dailyLimit());
            }
        } else {
            deliveries.failed(all, failure);
        }
    }

    /** Salesforce's words when it answered {@code REQUEST_LIMIT_EXCEEDED}; null for any other failure. */
    private static String limitExceeded(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SalesforceException salesforce) {
                if (salesforce.getErrors() != null) {
                    for (RestError error : salesforce.getErrors()) {
                        if (LIMIT_EXCEEDED.equals(error.getErrorCode())) {
                            return String.valueOf(error.getMessage());
                        }
                    }
                }
                // the raw operation keeps Salesforce's error array as the message
                if (salesforce.getMessage() != null && salesforce.getMessage().contains(LIMIT_EXCEEDED)) {
                    return salesforce.getMessage();
                }
            }
        }
        return null;
    }
}
