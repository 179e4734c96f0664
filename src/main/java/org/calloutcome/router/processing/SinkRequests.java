package org.calloutcome.router.processing;

import java.util.TreeSet;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.calloutcome.router.delivery.SalesforceOrgs;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.sink.salesforce.SalesforceActions;

/**
 * The sinks' entries ({@code direct:sink-jdbc}, {@code direct:sink-salesforce}, {@code direct:sink-mail}, in
 * {@code routes/sinks.camel.yaml}): what a routing rule asks of a sink joins the batch being processed, and is stored
 * with it in one transaction: call log rows, and the durable work of the sinks that call other systems.
 */
public final class SinkRequests {
    private final SalesforceOrgs orgs;

    public SinkRequests(SalesforceOrgs orgs) {
        this.orgs = orgs;
    }

    /** Sink entry {@code direct:sink-jdbc}: the event's call log rows. */
    public void callLog(@Body CallEvent event, @ExchangeProperty(InboxBatch.PROPERTY) InboxBatch batch) {
        batch.callLog(event);
    }

    /** Sink entry {@code direct:sink-salesforce}: a Salesforce action for the event. */
    public void salesforce(@Body CallEvent event, @Header("salesforceAction") String action,
            @ExchangeProperty(InboxBatch.PROPERTY) InboxBatch batch) {
        if (!SalesforceActions.ACTIONS.contains(required(action, "salesforceAction"))) {
            throw new IllegalArgumentException("a routing rule asked Salesforce for '" + action
                    + "', which is not one of its actions " + new TreeSet<>(SalesforceActions.ACTIONS));
        }
        batch.deliver(event, orgs.sinkFor(event), action); // the sink of the org the call's account writes to
    }

    /** Sink entry {@code direct:sink-mail}: an alert for the event under a mail rule. */
    public void mail(@Body CallEvent event, @Header("mailRule") String rule,
            @ExchangeProperty(InboxBatch.PROPERTY) InboxBatch batch) {
        batch.deliver(event, "mail", required(rule, "mailRule"));
    }

    private static String required(String value, String header) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a routing rule sent an event to a sink without the " + header
                    + " header");
        }
        return value;
    }
}
