package org.calloutcome.router.admin;

import org.apache.camel.Exchange;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.builder.endpoint.dsl.PlatformHttpEndpointBuilderFactory;
import org.calloutcome.router.intake.WebhookRejection;

/**
 * The admin API under {@code /admin}, on its own port (present only when {@code ADMIN_TOKEN} is set): failed and dead
 * work listed, replayed or marked resolved, processed events reprocessed (see {@link AdminApi}); answers and errors are
 * JSON, like the webhooks'. The status page beside it signs in with a form and a cookie.
 */
public final class AdminRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        // The JSON API on the REST DSL, served by the admin server. Bodies are read by AdminApi once the token and the
        // media type are checked: Camel's REST binding would parse them before any step, the token check included.
        // Each operation stays a route of its own (not inlined), answering its errors as JSON (json-errors).
        restConfiguration().component("platform-http").bindingMode(RestBindingMode.off).inlineRoutes(false)
                .endpointProperty("platformHttpEngine", "#adminServer");
        if (getContext().getPropertiesComponent().resolveProperty("router.admin.token").filter(t -> !t.isBlank())
                .isPresent()) {
            rest("/admin").produces("application/json")
                    .get("/inbox").routeId("admin-inbox").to(direct("admin-inbox"))
                    .post("/inbox/replay").routeId("admin-inbox-replay").to(direct("admin-inbox-replay"))
                    .post("/inbox/resolve").routeId("admin-inbox-resolve").to(direct("admin-inbox-resolve"))
                    .post("/inbox/reprocess").routeId("admin-inbox-reprocess").to(direct("admin-inbox-reprocess"))
                    .get("/deliveries").routeId("admin-deliveries").to(direct("admin-deliveries"))
                    .post("/deliveries/replay").routeId("admin-deliveries-replay")
                        .to(direct("admin-deliveries-replay"))
                    .post("/deliveries/resolve").routeId("admin-deliveries-resolve")
                        .to(direct("admin-deliveries-resolve"))
                    // a chosen window of a platform's calls compared with the inbox (after an outage, a first day)
                    .post("/reconcile").routeId("admin-reconcile").to(direct("admin-reconcile"))
                    // the opt-out ledger, JSON or CSV (format=csv) for an auditor
                    .get("/opt-outs").routeId("admin-opt-outs").to(direct("admin-opt-outs"))
                    // whether every call of a day reached the CRM
                    .get("/completeness").routeId("admin-completeness").to(direct("admin-completeness"));
        }
        operation("GET", "admin-inbox", "listInbox");
        operation("POST", "admin-inbox-replay", "replayInbox");
        operation("POST", "admin-inbox-resolve", "resolveInbox");
        operation("POST", "admin-inbox-reprocess", "reprocessInbox");
        operation("GET", "admin-deliveries", "listDeliveries");
        operation("POST", "admin-deliveries-replay", "replayDeliveries");
        operation("POST", "admin-deliveries-resolve", "resolveDeliveries");
        operation("POST", "admin-reconcile", "reconcile");
        operation("GET", "admin-opt-outs", "optOuts");
        operation("GET", "admin-completeness", "completeness");

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

    /** An operation of the API: the token, the media type, then {@link AdminApi}; errors are JSON. */
    private void operation(String method, String name, String operation) {
        from(direct(name))
                .routeId(name + "-operation")
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
