package org.calloutcome.router.delivery;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The deliveries one sink has for one subject (a call): done together, so that a call costs the same few API calls. */
public record DeliveryGroup(List<Delivery> deliveries) {

    public Delivery first() {
        return deliveries.get(0);
    }

    /** The rules (actions) asked for. */
    public Set<String> rules() {
        Set<String> rules = new LinkedHashSet<>();
        deliveries.forEach(d -> rules.add(d.rule()));
        return rules;
    }
}
