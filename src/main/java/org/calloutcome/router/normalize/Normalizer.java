package org.calloutcome.router.normalize;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.mapping.InboxEntry;
import org.calloutcome.router.mapping.VendorWebhook;
import org.calloutcome.router.Logs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns an inbox entry into canonical call events, through its vendor's mapping: once, when it is processed. */
public final class Normalizer {
    private static final Logger LOG = LoggerFactory.getLogger(Normalizer.class);
    private final Map<String, VendorWebhook> webhooks;

    public Normalizer(Map<String, VendorWebhook> webhooks) {
        this.webhooks = webhooks;
    }

    public List<CallEvent> normalize(InboxEntry entry) throws JsonProcessingException {
        VendorWebhook webhook = webhooks.get(entry.vendor());
        if (webhook == null) {
            throw new IllegalStateException("no mapping for vendor " + entry.vendor());
        }
        JsonNode payload = Json.MAPPER.readTree(entry.payload());
        List<CallEvent> events = webhook.toCallEvents(payload, entry);
        for (CallEvent event : events) {
            event.setEventId(entry.eventId().toString())
                    .setVendor(entry.vendor())
                    .setAccount(entry.account() == null ? "default" : entry.account())
                    .setVendorEventType(entry.vendorEventType())
                    .setReceivedAt(entry.receivedAt());
            if (event.getRawPayload() == null) {
                event.setRawPayload(entry.payload());
            }
            LOG.debug("Event {} {} {} {}: {} / {}, customer {}", entry.eventId(), entry.vendor(), event.getEventKind(),
                    Logs.safe(event.subject()),
                    event.getConnectivity(), event.getBusinessOutcome(), Phones.mask(event.getCustomerNumber()));
        }
        return events;
    }
}
