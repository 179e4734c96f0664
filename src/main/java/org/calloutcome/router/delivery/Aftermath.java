package org.calloutcome.router.delivery;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Further work that the end of deliveries calls for, stored in the same transaction as their end: an opt-out that
 * Salesforce did not record becomes an alert, so that a person learns of it at once.
 */
public interface Aftermath {

    /** A delivery that has just ended: done (its result says whether anything was written) or dead. */
    record Ended(Delivery delivery, ActionResult result) {
        public boolean dead() {
            return result.kind() == ActionResult.Kind.REFUSED;
        }
    }

    /** Which of these delivery keys of a sink are stored already. */
    interface Stored {
        Set<String> keys(String sink, Collection<String> keys) throws SQLException;
    }

    List<DeliveryRequest> after(List<Ended> ended, Stored stored) throws SQLException;

    Aftermath NONE = (ended, stored) -> List.of();
}
