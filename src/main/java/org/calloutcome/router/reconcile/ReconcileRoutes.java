package org.calloutcome.router.reconcile;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/**
 * A poll per reconciled platform account ({@code reconcile-retell}, {@code reconcile-retell-clinic-a}), every
 * {@code router.reconcile.interval-seconds}.
 */
public final class ReconcileRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        Reconcilers reconcilers = getContext().getRegistry().lookupByNameAndType("reconcilers", Reconcilers.class);
        reconcilers.byVendor().forEach((name, reconciler) -> {
            long period = reconciler.schedule().interval().toMillis();
            String id = "reconcile-" + name.replace('/', '-');
            from(timer(id).delay(period).period(period))
                    .routeId(id)
                    .bean(reconciler, "poll");
        });
    }
}
