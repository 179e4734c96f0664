package org.calloutcome.router.sink.mail;

import java.util.List;
import java.util.Map;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.calloutcome.router.Html;
import org.calloutcome.router.queue.Wakeup;

/**
 * The alert mail sink's worker: claims the alerts due, renders each (or a digest) with the templates in
 * {@code router.mail.templates}, and sends it through camel-mail, or writes it to the {@code .eml} outbox when no SMTP
 * server is configured. Woken when processing stores new alerts; also looks every {@code router.mail.poll-interval-ms}.
 */
public final class MailRoutes extends EndpointRouteBuilder {
    /** Exchange property of the {@code operations-alerts} route: the operations mail being sent. */
    public static final String OPERATIONS = "operationsMail";
    /** Whether a channel (mail or Slack) took the operations alert. */
    private static final String TOLD = "operationsTold";
    /** RFC 3834: a machine's mail, which no out-of-office or vacation reply answers. */
    static final String AUTO_SUBMITTED = "Auto-Submitted";
    static final String AUTO_GENERATED = "auto-generated";

    @Override
    public void configure() {
        MailServer server = getContext().getRegistry().lookupByNameAndType("mailServer", MailServer.class);
        String wakeup = Wakeup.sink("mail");
        Wakeup again = new Wakeup(getContext(), wakeup);

        // the mail server's login, tried once at start: a refused one is logged (and on the status page), never fatal
        from(timer("mail-login").delay(0).repeatCount(1))
                .routeId("mail-login")
                .bean("mailServer", "checkLoginAtStart");

        from(timer("mail-scan").delay(0).period("{{router.mail.poll-interval-ms}}"))
                .routeId("mail-scan")
                .to(wakeup);

        from(wakeup)
                .routeId("deliver-mail")
                .bean("mailWork", "claim")
                .filter(exchange -> !exchange.getIn().getBody(List.class).isEmpty())
                    .split(body())
                        .setProperty(MailWork.MAIL, body())
                        .process(exchange -> exchange.setProperty(MailWork.ALERT,
                                exchange.getIn().getBody(AlertMail.class).view()))
                        .doTry()
                            .removeHeaders("*")
                            .setHeader("Subject", simple("${exchangeProperty.alert[subject]}"))
                            .setHeader("To", simple("${exchangeProperty.alert[to]}"))
                            .setHeader("From", simple("${exchangeProperty.alert[from]}"))
                            .setHeader(AUTO_SUBMITTED, constant(AUTO_GENERATED))
                            .setHeader("CamelMailAlternativeBody", method("alertTemplates", "text"))
                            .setBody(method("alertTemplates", "html"))
                            .choice()
                                .when(exchange -> server.smtp())
                                    .to(server.endpoint())
                                    .setBody(simple("sent to ${exchangeProperty.alert[to]}"))
                                .otherwise()
                                    .bean("emlOutbox", "write")
                            .end()
                            .bean("mailWork", "sent")
                        .endDoTry()
                        .doCatch(Exception.class)
                            .bean("mailWork", "failed")
                        .end()
                    .end()
                    .process(exchange -> again.run()) // more may be waiting: a fresh wake-up, not a copy of this exchange
                .end();

        // Operators hear when the pipeline itself fails (a sink failing for long, an old backlog, dead work): one mail
        // when an incident starts and one when it is over, from whichever instance sees it first; to Slack as well
        // where it is configured, so that failing mail is heard of. Announced again later only if no channel took it.
        from(timer("operations-alerts").delay("{{router.alerts.check-interval-ms}}")
                .period("{{router.alerts.check-interval-ms}}"))
                .routeId("operations-alerts")
                .split(method("pipelineIncidents", "check"))
                    .setProperty(OPERATIONS, body())
                    .setProperty(TOLD, constant(false))
                    .doTry()
                        .removeHeaders("*")
                        .setHeader("Subject", simple("${body[subject]}"))
                        .setHeader("To", simple("${body[to]}"))
                        .setHeader("From", simple("${body[from]}"))
                        .setHeader(AUTO_SUBMITTED, constant(AUTO_GENERATED))
                        .setHeader("CamelMailAlternativeBody", simple("${body[text]}"))
                        .setBody(exchange -> "<pre>" + Html.escape(String.valueOf(
                                exchange.getIn().getBody(Map.class).get("text"))) + "</pre>")
                        .choice()
                            .when(exchange -> server.smtp())
                                .to(server.endpoint())
                            .otherwise()
                                .bean("emlOutbox", "writeOperations")
                        .end()
                        .setProperty(TOLD, constant(true))
                    .endDoTry()
                    .doCatch(Exception.class)
                        .log(org.apache.camel.LoggingLevel.ERROR, "Operations mail could not be sent")
                    .end()
                    .filter(simple("${bean:slackChannel?method=enabled}"))
                        .doTry()
                            .setBody(exchangeProperty(OPERATIONS))
                            .to("direct:operations-slack")
                            .setProperty(TOLD, constant(true))
                        .endDoTry()
                        .doCatch(Exception.class)
                            .log(org.apache.camel.LoggingLevel.ERROR, "Operations alert could not be posted to Slack")
                        .end()
                    .end()
                    .setBody(exchangeProperty(OPERATIONS))
                    .choice()
                        .when(exchangeProperty(TOLD))
                            .bean("pipelineIncidents", "sent")
                        .otherwise()
                            .bean("pipelineIncidents", "unsent")
                    .end()
                .end();
    }
}
