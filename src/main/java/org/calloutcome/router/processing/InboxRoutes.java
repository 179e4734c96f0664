package org.calloutcome.router.processing;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.calloutcome.router.queue.Wakeup;

/**
 * Inbox processing: a worker claims a batch of due rows, normalizes them, runs each event through the routing rules
 * ({@code direct:route-call-event}, in {@code routes/routing.camel.yaml}) and commits the batch in one transaction; it
 * goes on while it finds work. Workers are woken when webhooks are stored (here, or on PostgreSQL by any instance), and
 * {@code inbox-scan} looks every {@code router.inbox.scan-interval-ms} for work due later (retries, expired claims).
 */
public final class InboxRoutes extends EndpointRouteBuilder {

    @Override
    public void configure() {
        Wakeup again = new Wakeup(getContext(), Wakeup.INBOX);
        // Batches are never the target of simple-language method calls: Camel caches those per instance.
        from(timer("inbox-scan").delay(0).period("{{router.inbox.scan-interval-ms}}"))
                .routeId("inbox-scan")
                .to(Wakeup.INBOX);

        from(Wakeup.INBOX)
                .routeId("inbox-process")
                .bean("inboxProcessing", "claim")
                .filter(exchange -> !exchange.getIn().getBody(InboxBatch.class).isEmpty())
                    .to(direct("inbox-batch"))
                    .process(exchange -> again.run()) // more may be waiting: a fresh wake-up, not a copy of this exchange
                .end();

        // A claimed batch (of due rows, or of processed ones an operator reprocesses): normalized, routed, committed.
        from(direct("inbox-batch"))
                .routeId("inbox-batch")
                .setProperty(InboxBatch.PROPERTY, body())
                .bean("inboxProcessing", "normalize")
                .split(method("inboxProcessing", "events"))
                    .process(RoutingFacts::expose)
                    .doTry()
                        .to(direct("route-call-event"))
                    .doCatch(Exception.class)
                        .bean("inboxProcessing", "routingFailed")
                    .end()
                .end()
                .bean("inboxProcessing", "commit");

        // The shared tables' figures for /observe/metrics (backlog, unfinished and dead work).
        from(timer("metrics-refresh").delay(0).period("{{router.metrics.refresh-ms}}"))
                .routeId("metrics-refresh")
                .bean("routerMetrics", "refresh");

        // Minimum personal data: raw payloads processed longer ago than router.retention.payload-days are removed.
        from(timer("payload-retention").delay(0).period("{{router.retention.interval-ms}}"))
                .routeId("payload-retention")
                .bean("payloadRetention", "redact");
    }
}
