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
 * allocation pauses the sink for every instance (the work waits, its attempts untouched); anything else is retried.
 */
public final class SalesforceWork {
    private static final String LIMIT_EXCEEDED = "REQUEST_LIMIT_EXCEEDED";

    private final Deliveries deliveries;
    private final Duration limitPause;
    private final GiveWay callLogFirst;

    public SalesforceWork(Deliveries deliveries, Duration limitPause, GiveWay callLogFirst) {
        this.deliveries = deliveries;
        this.limitPause = limitPause;
        this.callLogFirst = callLogFirst;
    }

    public SalesforceActions.Batch claim() throws Exception {
        int claimable = callLogFirst.claimable(SalesforceActions.MAX_BATCH);
        List<DeliveryGroup> groups = claimable == 0 ? List.of() : deliveries.claimGroups("salesforce", claimable);
        return new SalesforceActions.Batch(groups, groups.stream().map(group -> group.first().event()).toList());
    }

    public void finish(@ExchangeProperty(SalesforceActions.BATCH) SalesforceActions.Batch batch,
            @Body List<Map<String, ActionResult>> results) throws Exception {
        deliveries.finish(batch.groups(), results);
    }

    public void failed(@ExchangeProperty(SalesforceActions.BATCH) SalesforceActions.Batch batch,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure) throws Exception {
        List<Delivery> all = batch.groups().stream().flatMap(group -> group.deliveries().stream()).toList();
        Throwable cause = Retry.rootCause(failure);
        if (cause instanceof SalesforceRefusal) {
            deliveries.dead(all, cause.getMessage());
        } else if (limitExceeded(failure)) {
            deliveries.pause("salesforce", all, limitPause);
        } else {
            deliveries.failed(all, failure);
        }
    }

    private static boolean limitExceeded(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SalesforceException salesforce) {
                if (salesforce.getErrors() != null) {
                    for (RestError error : salesforce.getErrors()) {
                        if (LIMIT_EXCEEDED.equals(error.getErrorCode())) {
                            return true;
                        }
                    }
                }
                // the raw operation keeps Salesforce's error array as the message
                if (salesforce.getMessage() != null && salesforce.getMessage().contains(LIMIT_EXCEEDED)) {
                    return true;
                }
            }
        }
        return false;
    }
}
