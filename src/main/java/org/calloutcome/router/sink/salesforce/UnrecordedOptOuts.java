package org.calloutcome.router.sink.salesforce;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.calloutcome.router.delivery.ActionResult;
import org.calloutcome.router.delivery.SalesforceOrgs;
import org.calloutcome.router.delivery.Aftermath;
import org.calloutcome.router.delivery.DeliveryKeys;
import org.calloutcome.router.delivery.DeliveryRequest;
import org.calloutcome.router.event.CallEvent;

/**
 * An opt-out that Salesforce did not record is an alert: a {@code do-not-call} or {@code do-not-text} delivery that goes
 * DEAD, or that wrote nothing (no person found, no do-not-text field), asks the mail sink for one
 * {@code opt-out-not-recorded} mail; when a replay records it later, for one {@code opt-out-now-recorded} mail. Once per
 * call each, however often it is replayed: the mail sink's unique key sees to it.
 */
public final class UnrecordedOptOuts implements Aftermath {
    public static final String NOT_RECORDED = "opt-out-not-recorded";
    public static final String NOW_RECORDED = "opt-out-now-recorded";

    @Override
    public List<DeliveryRequest> after(List<Ended> ended, Stored stored) throws SQLException {
        List<DeliveryRequest> requests = new ArrayList<>();
        Map<String, CallEvent> recorded = new LinkedHashMap<>();
        for (Ended end : ended) {
            CallEvent event = end.delivery().event();
            if (!SalesforceOrgs.isSalesforce(end.delivery().sink()) || !SalesforceActions.OPT_OUTS.contains(end.delivery().rule())
                    || event == null) {
                continue;
            }
            if (end.dead() || end.result().kind() == ActionResult.Kind.NOT_DONE) {
                requests.add(new DeliveryRequest(event, "mail", NOT_RECORDED));
            } else {
                recorded.put(mailKey(NOT_RECORDED, event), event);
            }
        }
        if (!recorded.isEmpty()) {
            Set<String> alerted = stored.keys("mail", recorded.keySet());
            recorded.forEach((key, event) -> {
                if (alerted.contains(key)) {
                    requests.add(new DeliveryRequest(event, "mail", NOW_RECORDED));
                }
            });
        }
        return requests;
    }

    private static String mailKey(String rule, CallEvent event) {
        return DeliveryKeys.of(rule, event);
    }
}
