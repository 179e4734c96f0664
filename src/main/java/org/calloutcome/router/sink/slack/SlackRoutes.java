package org.calloutcome.router.sink.slack;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.calloutcome.router.queue.Wakeup;

/**
 * The Slack channel's worker (present only with a Slack webhook): claims the alerts due, posts each through
 * camel-slack, records each answer. Woken when processing stores new alerts; also looks every
 * {@code router.slack.poll-interval-ms}. Independent of mail: one failing never holds the other back.
 */
public final class SlackRoutes extends EndpointRouteBuilder {
    private static final String ENABLED = "${bean:slackChannel?method=enabled}";

    @Override
    public void configure() {
        String wakeup = Wakeup.sink(SlackChannel.SINK);
        Wakeup again = new Wakeup(getContext(), wakeup);

        from(timer("slack-scan").delay(0).period("{{router.slack.poll-interval-ms}}"))
                .routeId("slack-scan")
                .precondition(ENABLED)
                .to(wakeup);

        from(wakeup)
                .routeId("deliver-slack")
                .precondition(ENABLED)
                .bean("slackWork", "claim")
                .filter(exchange -> !exchange.getIn().getBody(java.util.List.class).isEmpty())
                    .split(body())
                        .setProperty(SlackWork.POST, body())
                        .doTry()
                            .setBody(simple("${exchangeProperty." + SlackWork.POST + ".text}"))
                            .to("slack:alerts")
                            .bean("slackWork", "sent")
                        .endDoTry()
                        .doCatch(Exception.class)
                            .bean("slackWork", "failed")
                        .end()
                    .end()
                    .process(exchange -> again.run())
                .end();

        // an operations alert (see the operations-alerts route), posted at once: a failing mail server is heard of
        from(direct("operations-slack"))
                .routeId("operations-slack")
                .precondition(ENABLED)
                .setBody(exchange -> SlackPosts.operations(exchange.getIn().getBody(java.util.Map.class)))
                .to("slack:alerts");
    }
}
