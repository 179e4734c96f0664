package org.calloutcome.router.compliance;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/** Every {@code router.alerts.check-interval-ms}, the opt-outs not recorded are looked at against their deadlines. */
public final class OptOutRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        from(timer("opt-out-watch").delay("{{router.alerts.check-interval-ms}}")
                .period("{{router.alerts.check-interval-ms}}"))
                .routeId("opt-out-watch")
                .bean("optOutWatch", "check");
    }
}
