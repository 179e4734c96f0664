package org.calloutcome.router.admin;

import org.apache.camel.Exchange;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.builder.endpoint.dsl.PlatformHttpEndpointBuilderFactory;
import org.calloutcome.router.intake.WebhookRejection;

/**
 * The admin API under {@code /admin}, on its own port (present only when {@code ADMIN_TOKEN} is set): failed and dead work listed,
 * replayed or marked resolved, processed events reprocessed (see {@link AdminApi}); answers and errors are JSON, like
 * the webhooks'.
 */
public final class AdminRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        admin("GET", "/admin/inbox", "admin-inbox", "listInbox");
        admin("POST", "/admin/inbox/replay", "admin-inbox-replay", "replayInbox");
        admin("POST", "/admin/inbox/resolve", "admin-inbox-resolve", "resolveInbox");
        admin("POST", "/admin/inbox/reprocess", "admin-inbox-reprocess", "reprocessInbox");
        admin("GET", "/admin/deliveries", "admin-deliveries", "listDeliveries");
        admin("POST", "/admin/deliveries/replay", "admin-deliveries-replay", "replayDeliveries");
        admin("POST", "/admin/deliveries/resolve", "admin-deliveries-resolve", "resolveDeliveries");
        // a chosen window of a platform's calls compared with the inbox (after an outage, or a platform's first day)
        admin("POST", "/admin/reconcile", "admin-reconcile", "reconcile");

        // The status page signs in with a form and a cookie, so that a browser can show it.
        from(adminHttp("/admin/status").httpMethodRestrict("GET"))
                .routeId("admin-status").routeConfigurationId("json-errors").precondition(ENABLED)
                .bean("statusPage", "page");
        from(adminHttp("/admin/status/login").httpMethodRestrict("POST"))
                .routeId("admin-status-login").routeConfigurationId("json-errors")
                .precondition(ENABLED)
                .bean("statusPage", "login");
        from(adminHttp("/admin/status/replay").httpMethodRestrict("POST"))
                .routeId("admin-status-replay").routeConfigurationId("json-errors")
                .precondition(ENABLED)
                .bean("adminToken", "checkForm")
                .bean("statusPage", "replay");
        from(adminHttp("/admin/status/reprocess").httpMethodRestrict("POST"))
                .routeId("admin-status-reprocess").routeConfigurationId("json-errors")
                .precondition(ENABLED)
                .bean("adminToken", "checkForm")
                .bean("statusPage", "reprocess");
        from(adminHttp("/admin/status/check-alerts").httpMethodRestrict("POST"))
                .routeId("admin-status-check-alerts").routeConfigurationId("json-errors")
                .precondition(ENABLED)
                .bean("adminToken", "checkForm")
                .bean("statusPage", "checkAlerts");
    }

    /** A path of the admin server ({@link AdminServer}), never of the webhook port. */
    private PlatformHttpEndpointBuilderFactory.PlatformHttpEndpointBuilder adminHttp(String path) {
        return platformHttp(path).advanced().platformHttpEngine("#adminServer").basic();
    }

    /** The admin routes exist only when ADMIN_TOKEN is set. */
    private static final String ENABLED = "${bean:adminToken?method=enabled}";

    private void admin(String method, String path, String routeId, String operation) {
        from(adminHttp(path).httpMethodRestrict(method))
                .routeId(routeId)
                .routeConfigurationId("json-errors")
                .precondition(ENABLED)
                .process("adminToken")
                .process(exchange -> {
                    // a body of any other type is refused before it is read: a form or text/plain post from another
                    // site (which a browser sends without asking) never reaches the API
                    String type = exchange.getIn().getHeader(Exchange.CONTENT_TYPE, String.class);
                    if (method.equals("POST") && (type == null || !type.toLowerCase(java.util.Locale.ROOT)
                            .startsWith("application/json"))) {
                        throw new WebhookRejection(415, "unsupported_media_type", "send the body as application/json");
                    }
                })
                .bean("adminApi", operation)
                .process(exchange -> StatusPage.guard(exchange.getMessage()));
    }
}
