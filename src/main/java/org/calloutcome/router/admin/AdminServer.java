package org.calloutcome.router.admin;

import java.util.concurrent.TimeUnit;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.spi.PlatformHttpEngine;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConsumer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.support.service.ServiceSupport;
import org.calloutcome.router.intake.HttpEdge;

/**
 * The admin API's and status page's own HTTP server, on {@code router.admin.port} ({@code ADMIN_PORT}): never the
 * webhook port, which faces the internet. Camel Main runs one server for routes and one for management; this is a
 * third, which the admin routes reach as their {@code platformHttpEngine} (the same Vert.x consumer as every
 * platform-http route, mounted on this server's router instead of the main one).
 */
public final class AdminServer extends ServiceSupport implements PlatformHttpEngine {
    /** The registry name of this server's router, which the admin routes' consumers look up. */
    static final String ROUTER = "router-admin-http";
    /** Admin requests are a few ids or a filter: far less than a webhook. */
    private static final long MAX_BODY_BYTES = 64 * 1024;

    private final CamelContext context;
    private final String host;
    private final int port;
    private final HttpEdge.Limits limits;
    private final Vertx vertx;
    private final Router router;
    private HttpServer server;

    public AdminServer(CamelContext context, String host, int port, HttpEdge.Limits limits) {
        this.context = context;
        this.host = host;
        this.port = port;
        this.limits = limits;
        // one event loop is plenty for an operator's requests; the work runs on Vert.x worker threads as elsewhere
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(4));
        this.router = Router.router(vertx);
        // bound now: the routes' consumers look their router up as they are built, before services start
        context.getRegistry().bind(ROUTER, new VertxPlatformHttpRouter(null, vertx, router, ROUTER,
                VertxPlatformHttpRouter.SERVER_TYPE_SERVER) {
            @Override
            public Handler<RoutingContext> bodyHandler() {
                return BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
            }
        });
    }

    @Override
    protected void doStart() throws Exception {
        HttpEdge.install(context, router, limits, HttpEdge.Served.ADMIN);
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port)).requestHandler(router);
        server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Override
    protected void doStop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** The port the server listens on (the one bound when {@code router.admin.port} is 0). */
    @Override
    public int getServerPort() {
        return server == null ? port : server.actualPort();
    }

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new VertxPlatformHttpConsumer(endpoint, processor, java.util.List.of(), ROUTER);
    }
}
