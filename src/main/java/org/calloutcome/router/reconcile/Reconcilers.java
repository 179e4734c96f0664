package org.calloutcome.router.reconcile;

import java.util.LinkedHashMap;
import java.util.Map;

/** The platforms reconciled (those with an API key set), by vendor. */
public final class Reconcilers {
    private final Map<String, Reconciler> byVendor = new LinkedHashMap<>();

    public void add(Reconciler reconciler) {
        byVendor.put(reconciler.vendor(), reconciler);
    }

    public Map<String, Reconciler> byVendor() {
        return byVendor;
    }
}
