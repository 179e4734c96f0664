package org.calloutcome.router.sink.salesforce;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.calloutcome.router.delivery.ActionResult;
import org.calloutcome.router.delivery.Deliveries;
import org.calloutcome.router.delivery.Delivery;
import org.calloutcome.router.delivery.DeliveryGroup;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.normalize.Normalizer;
import org.calloutcome.router.store.Retry;

/**
 * Book-keeping around a batch of Salesforce work: builds the batch (a call whose event cannot be read again is set
 * aside as failed, not allowed to hold the others), records each action's result, and sorts failures: data Salesforce
 * refused goes to the dead letter with its error code; a spent daily API allocation pauses the sink (the work waits,
 * its attempts untouched); anything else is retried.
 */
public final class SalesforceWork {
    private static final String LIMIT_EXCEEDED = "REQUEST_LIMIT_EXCEEDED";

    private final Normalizer normalizer;
    private final Deliveries deliveries;
    private final Duration limitPause;
    private final Clock clock;

    public SalesforceWork(Normalizer normalizer, Deliveries deliveries, Duration limitPause, Clock clock) {
        this.normalizer = normalizer;
        this.deliveries = deliveries;
        this.limitPause = limitPause;
        this.clock = clock;
    }

    public SalesforceCalls.Batch batch(List<DeliveryGroup> groups) throws SQLException {
        List<DeliveryGroup> ready = new ArrayList<>();
        List<CallEvent> events = new ArrayList<>();
        for (DeliveryGroup group : groups) {
            try {
                events.add(normalizer.event(group));
                ready.add(group);
            } catch (Exception e) {
                for (Delivery delivery : group.deliveries()) {
                    deliveries.failed(delivery, e);
                }
            }
        }
        return new SalesforceCalls.Batch(ready, events);
    }

    public void finish(SalesforceCalls.Batch batch, List<Map<String, ActionResult>> results) throws SQLException {
        for (int i = 0; i < batch.groups().size(); i++) {
            deliveries.finish(batch.groups().get(i), results.get(i));
        }
    }

    public void failed(SalesforceCalls.Batch batch, Exception failure) throws SQLException {
        Throwable cause = Retry.rootCause(failure);
        boolean limit = limitExceeded(failure);
        for (DeliveryGroup group : batch.groups()) {
            for (Delivery delivery : group.deliveries()) {
                if (cause instanceof SalesforceRefusal) {
                    deliveries.dead(delivery, cause.getMessage());
                } else if (limit) {
                    deliveries.pause(delivery, clock.instant().plus(limitPause));
                } else {
                    deliveries.failed(delivery, failure);
                }
            }
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
