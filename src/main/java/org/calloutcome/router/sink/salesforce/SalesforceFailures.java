package org.calloutcome.router.sink.salesforce;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

import org.apache.camel.component.salesforce.api.SalesforceException;
import org.apache.camel.component.salesforce.api.dto.RestError;
import org.calloutcome.router.delivery.Deliveries;
import org.calloutcome.router.delivery.Delivery;
import org.calloutcome.router.delivery.DeliveryGroup;
import org.calloutcome.router.store.Retry;

/**
 * Sorts a failed Salesforce delivery: data Salesforce refused goes to the dead letter with its error code; a spent
 * daily API allocation pauses the sink (the delivery waits, its attempts untouched); anything else is retried.
 */
public final class SalesforceFailures {
    private static final String LIMIT_EXCEEDED = "REQUEST_LIMIT_EXCEEDED";
    private final Deliveries deliveries;
    private final Duration limitPause;
    private final Clock clock;

    public SalesforceFailures(Deliveries deliveries, Duration limitPause, Clock clock) {
        this.deliveries = deliveries;
        this.limitPause = limitPause;
        this.clock = clock;
    }

    public void handle(DeliveryGroup group, Exception failure) throws SQLException {
        Throwable cause = Retry.rootCause(failure);
        for (Delivery delivery : group.deliveries()) {
            if (cause instanceof SalesforceRefusal) {
                deliveries.dead(delivery, cause.getMessage());
            } else if (limitExceeded(failure)) {
                deliveries.pause(delivery, clock.instant().plus(limitPause));
            } else {
                deliveries.failed(delivery, failure);
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
