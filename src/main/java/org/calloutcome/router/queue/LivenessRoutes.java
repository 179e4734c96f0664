package org.calloutcome.router.queue;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/** This instance's heartbeat, which also takes back the claims of instances that have stopped beating. */
public final class LivenessRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        from(timer("instance-heartbeat").delay("{{router.instance.heartbeat-interval-ms}}")
                .period("{{router.instance.heartbeat-interval-ms}}"))
                .routeId("instance-heartbeat")
                .bean("liveness", "beat");
    }
}
