package org.calloutcome.router.intake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.HttpEndpointModel;
import org.apache.camel.component.platform.http.PlatformHttpComponent;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.calloutcome.router.normalize.Json;

/**
 * What every request meets before and after the routes. Limits: at most {@code router.http.max-requests} requests in
 * progress at once (past it, 503 at once: bodies being read are what fills the heap), and a body that trickles in for
 * longer than {@code router.http.body-timeout-ms} is cut. JSON answers, like every other, for requests no route
 * takes: an unknown path (404), a method the path does not take (405, with {@code Allow}), a body past the server's
 * hard limit {@code camel.server.max-body-size} (413).
 */
public final class HttpEdge {
    private HttpEdge() {
    }

    /** The limits of one server. */
    public record Limits(long bodyTimeoutMs, int maxRequests) {
    }

    /** Which paths a server serves: the admin API's own, or every other. */
    public enum Served {
        WEBHOOKS, ADMIN;

        boolean takes(String path) {
            return (this == ADMIN) == (path.equals("/admin") || path.startsWith("/admin/"));
        }
    }

    /** The webhook server's handlers, once it runs. */
    public static void install(CamelContext context, Limits limits) {
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server != null) {
            install(context, server.getRouter(), limits, Served.WEBHOOKS);
        }
    }

    /**
     * A first handler that applies the limits, a last route that takes what no other route took, and a failure
     * handler for what the server refused before any route ran.
     */
    public static void install(CamelContext context, Router router, Limits limits, Served served) {
        AtomicInteger inProgress = new AtomicInteger();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            if (inProgress.incrementAndGet() > limits.maxRequests()) {
                inProgress.decrementAndGet();
                // refused before its body is read; the platforms retry a 503
                ctx.response().putHeader("Retry-After", "5").putHeader("Connection", "close");
                answer(ctx, 503, "busy", "more than " + limits.maxRequests() + " requests are in progress: retry"
                        + " later; nothing was stored");
                return;
            }
            // a body still arriving after the timeout is cut, its connection closed: slow uploads hold no memory for
            // long (what has arrived whole is answered however long its work takes)
            io.vertx.core.http.HttpServerRequest request = ctx.request();
            long timer = ctx.vertx().setTimer(limits.bodyTimeoutMs(), id -> {
                if (!request.isEnded() && !ctx.response().ended()) {
                    request.connection().close();
                }
            });
            ctx.addEndHandler(done -> {
                ctx.vertx().cancelTimer(timer);
                inProgress.decrementAndGet();
            });
            ctx.next();
        });
        // health and metrics are paths of this server only when the management port is the webhooks' port
        ManagementHttpServer management = context.hasService(ManagementHttpServer.class);
        boolean observeHere = served == Served.WEBHOOKS && management != null && management.getRouter() == router;
        router.route().order(Integer.MAX_VALUE).handler(ctx -> {
            String allowed = served.takes(ctx.request().path())
                    ? allowed(context, ctx.request().path(), observeHere) : null;
            if (allowed == null) {
                answer(ctx, 404, "not_found", "nothing is served at " + ctx.request().path());
            } else {
                ctx.response().putHeader("Allow", allowed);
                answer(ctx, 405, "method_not_allowed", ctx.request().path() + " takes " + allowed);
            }
        });
        router.route().order(Integer.MAX_VALUE).failureHandler(ctx -> {
            if (ctx.statusCode() == 413) {
                answer(ctx, 413, "body_too_large", "the body is larger than the server reads; nothing was stored");
            } else {
                ctx.next();
            }
        });
    }

    /** The methods a path takes, or null for a path no route serves. */
    private static String allowed(CamelContext context, String path, boolean observeHere) {
        Set<String> verbs = new TreeSet<>();
        PlatformHttpComponent http = context.getComponent("platform-http", PlatformHttpComponent.class);
        for (Set<HttpEndpointModel> endpoints : observeHere
                ? List.of(http.getHttpEndpoints(), http.getHttpManagementEndpoints())
                : List.of(http.getHttpEndpoints())) {
            for (HttpEndpointModel endpoint : endpoints) {
                if (path.equals(endpoint.getUri()) && endpoint.getVerbs() != null) {
                    for (String verb : endpoint.getVerbs().split(",")) {
                        verbs.add(verb.strip());
                    }
                }
            }
        }
        return verbs.isEmpty() ? null : String.join(", ", verbs);
    }

    private static void answer(RoutingContext ctx, int status, String error, String message) {
        if (ctx.response().ended()) {
            return;
        }
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(Json.write(body));
    }
}
