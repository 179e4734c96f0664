package org.calloutcome.router.reconcile;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/** A poll per reconciled platform ({@code reconcile-<vendor>}), every {@code router.reconcile.interval-seconds}. */
public final class ReconcileRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        Reconcilers reconcilers = getContext().getRegistry().lookupByNameAndType("reconcilers", Reconcilers.class);
        reconcilers.byVendor().forEach((vendor, reconciler) -> {
            long period = reconciler.schedule().interval().toMillis();
            from(timer("reconcile-" + vendor).delay(period).period(period))
                    .routeId("reconcile-" + vendor)
                    .bean(reconciler, "poll");
        });
    }
}
