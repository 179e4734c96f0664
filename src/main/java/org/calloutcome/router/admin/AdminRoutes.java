package org.calloutcome.router.admin;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;

/**
 * The admin API under {@code /admin} (present only when {@code ADMIN_TOKEN} is set): failed and dead work listed,
 * replayed or marked resolved (see {@link AdminApi}); answers and errors are JSON, like the webhooks'.
 */
public final class AdminRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        admin("GET", "/admin/inbox", "admin-inbox", "listInbox");
        admin("POST", "/admin/inbox/replay", "admin-inbox-replay", "replayInbox");
        admin("POST", "/admin/inbox/resolve", "admin-inbox-resolve", "resolveInbox");
        admin("GET", "/admin/deliveries", "admin-deliveries", "listDeliveries");
        admin("POST", "/admin/deliveries/replay", "admin-deliveries-replay", "replayDeliveries");
        admin("POST", "/admin/deliveries/resolve", "admin-deliveries-resolve", "resolveDeliveries");
    }

    private void admin(String method, String path, String routeId, String operation) {
        from(platformHttp(path).httpMethodRestrict(method))
                .routeId(routeId)
                .routeConfigurationId("webhook-errors")
                .precondition("{{router.admin.enabled}}")
                .process("adminToken")
                .bean("adminApi", operation);
    }
}
