package org.calloutcome.router.reconcile;

import java.util.LinkedHashMap;
import java.util.Map;

/** The platform accounts reconciled (those with an API key set), by name: {@code retell}, {@code retell/clinic-a}. */
public final class Reconcilers {
    private final Map<String, Reconciler> byVendor = new LinkedHashMap<>();

    public void add(Reconciler reconciler) {
        byVendor.put(reconciler.name(), reconciler);
    }

    public Map<String, Reconciler> byVendor() {
        return byVendor;
    }
}
