package org.calloutcome.router.sink.mail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.calloutcome.router.delivery.Deliveries;
import org.calloutcome.router.delivery.Delivery;
import org.calloutcome.router.delivery.DeliveryKeys;
import org.calloutcome.router.delivery.DeliveryState;

/**
 * What each claimed alert says (see {@link Alerts}), whichever channel carries it: the Salesforce links and opt-out
 * states of a whole batch read in two queries. An alert that cannot be rendered is that alert's failure alone.
 */
public final class AlertViews {
    private final Deliveries deliveries;
    private final Alerts alerts;

    public AlertViews(Deliveries deliveries, Alerts alerts) {
        this.deliveries = deliveries;
        this.alerts = alerts;
    }

    public Alerts alerts() {
        return alerts;
    }

    /** Each alert's view, in claim order; one that fails to render is recorded as failed and left out. */
    public Map<Delivery, Map<String, Object>> of(List<Delivery> claimed) throws Exception {
        Map<String, String> salesforceTasks = new java.util.HashMap<>();
        Map<String, DeliveryState> optOuts = new java.util.HashMap<>();
        // each call's Salesforce work is in its org's sink
        Map<String, List<Delivery>> bySink = new LinkedHashMap<>();
        claimed.forEach(d -> bySink.computeIfAbsent(alerts.salesforceSink(d.event()), s -> new java.util.ArrayList<>())
                .add(d));
        for (Map.Entry<String, List<Delivery>> sink : bySink.entrySet()) {
            salesforceTasks.putAll(deliveries.results(sink.getKey(), sink.getValue().stream()
                    .map(d -> DeliveryKeys.salesforceTask(d.event())).distinct().toList()));
            optOuts.putAll(deliveries.states(sink.getKey(), sink.getValue().stream()
                    .filter(d -> OptOutRecord.UNRECORDED.contains(d.rule())
                            || d.rule().equals(OptOutRecord.NOW_RECORDED))
                    .map(d -> DeliveryKeys.salesforceOptOut(d.event())).distinct().toList()));
        }
        Map<Delivery, Map<String, Object>> views = new LinkedHashMap<>();
        for (Delivery delivery : claimed) {
            try {
                views.put(delivery, alerts.alert(delivery.event(), delivery.rule(), salesforceTasks,
                        optOuts.get(DeliveryKeys.salesforceOptOut(delivery.event()))));
            } catch (Exception e) {
                deliveries.failed(List.of(delivery), e);
            }
        }
        return views;
    }
}
