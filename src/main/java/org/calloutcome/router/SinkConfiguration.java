package org.calloutcome.router;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.calloutcome.router.delivery.Deliveries;
import org.calloutcome.router.observe.RouterMetrics;
import org.calloutcome.router.queue.GiveWay;
import org.calloutcome.router.queue.InboxBacklog;
import org.calloutcome.router.queue.Wakeup;
import org.calloutcome.router.sink.CallLogRows;
import org.calloutcome.router.sink.CallLogSink;
import org.calloutcome.router.sink.NamedParameters;
import org.calloutcome.router.sink.mail.AlertTemplates;
import org.calloutcome.router.sink.mail.AlertViews;
import org.calloutcome.router.sink.mail.Alerts;
import org.calloutcome.router.sink.mail.EmlOutbox;
import org.calloutcome.router.sink.mail.MailServer;
import org.calloutcome.router.sink.mail.MailWork;
import org.calloutcome.router.sink.salesforce.SalesforceActions;
import org.calloutcome.router.sink.salesforce.SalesforceLogin;
import org.calloutcome.router.sink.salesforce.SalesforceWork;
import org.calloutcome.router.sink.slack.SlackChannel;
import org.calloutcome.router.sink.slack.SlackWork;
import org.calloutcome.router.store.Sql;

/**
 * The sinks: the call log, Salesforce (its beans are looked up only by its routes, which exist only when a login is
 * configured), alert mail, and Slack (likewise, only with a webhook). Beans are built when first looked up.
 */
public class SinkConfiguration implements CamelConfiguration {

    @BindToRegistry(value = "callLog", lazy = true)
    public CallLogSink callLog() {
        return new CallLogSink(new CallLogRows());
    }

    @BindToRegistry("namedParameters")
    public NamedParameters namedParameters() {
        return new NamedParameters();
    }

    /** camel-salesforce configured from its {@code camel.component.salesforce.*} options; off without a login. */
    @BindToRegistry(value = "salesforceLogin", lazy = true)
    public SalesforceLogin salesforceLogin(CamelContext context, Settings settings) {
        return SalesforceLogin.configure(context, settings);
    }

    /** SMTP, or the {@code .eml} outbox: alerts always go somewhere. */
    @BindToRegistry(value = "slackChannel", lazy = true)
    public SlackChannel slackChannel(CamelContext context, Settings settings) {
        return SlackChannel.configure(context, settings);
    }

    @BindToRegistry(value = "slackWork", lazy = true)
    public SlackWork slackWork(Deliveries deliveries, Settings settings, InboxBacklog backlog,
            @BeanInject("sinkWakeups") Map<String, Wakeup> wakeups,
            @PropertyInject("router.delivery.share-while-inbox-busy-ms") long share) {
        return new SlackWork(deliveries, new AlertViews(deliveries, new Alerts(settings)),
                new GiveWay(backlog, Duration.ofMillis(share), wakeups.get(SlackChannel.SINK)));
    }

    @BindToRegistry(value = "mailServer", lazy = true)
    public MailServer mailServer(CamelContext context, Settings settings) throws Exception {
        return MailServer.configure(context, settings);
    }

    @BindToRegistry("emlOutbox")
    public EmlOutbox emlOutbox(@PropertyInject("router.mail.outbox") String folder,
            @PropertyInject("router.mail.from") String from) {
        return new EmlOutbox(Path.of(folder), from);
    }

    /** Wakes each configured sink's worker when processing stores new actions for it. */
    @BindToRegistry(value = "sinkWakeups", lazy = true)
    public Map<String, Wakeup> sinkWakeups(CamelContext context, SalesforceLogin salesforce, SlackChannel slack) {
        Map<String, Wakeup> wakeups = new HashMap<>();
        wakeups.put("mail", new Wakeup(context, Wakeup.sink("mail")));
        if (slack.enabled()) {
            wakeups.put(SlackChannel.SINK, new Wakeup(context, Wakeup.sink(SlackChannel.SINK)));
        }
        if (salesforce.enabled()) {
            wakeups.put("salesforce", new Wakeup(context, Wakeup.sink("salesforce")));
        }
        return wakeups;
    }

    @BindToRegistry(value = "salesforceActions", lazy = true)
    public SalesforceActions salesforceActions(Settings settings, RouterMetrics metrics) {
        return new SalesforceActions(SalesforceActions.Options.from(settings), Clock.systemUTC(), metrics);
    }

    @BindToRegistry(value = "salesforceWork", lazy = true)
    public SalesforceWork salesforceWork(Deliveries deliveries,
            @PropertyInject("router.salesforce.limit-pause-seconds") long limitPause,
            @PropertyInject("router.salesforce.concurrent-limit-pause-seconds") long concurrentPause,
            @BeanInject("sinkWakeups") Map<String, Wakeup> wakeups, InboxBacklog backlog,
            @PropertyInject("router.delivery.share-while-inbox-busy-ms") long share, SalesforceActions actions) {
        return new SalesforceWork(deliveries, new SalesforceWork.Pauses(Duration.ofSeconds(limitPause),
                Duration.ofSeconds(concurrentPause)),
                new GiveWay(backlog, Duration.ofMillis(share), wakeups.get("salesforce")), actions);
    }

    @BindToRegistry(value = "mailWork", lazy = true)
    public MailWork mailWork(Sql sql, Deliveries deliveries, Settings settings, RouterMetrics metrics,
            @PropertyInject("router.mail.digest-threshold") int digestThreshold,
            @PropertyInject("router.mail.digest-window-minutes") long digestWindow,
            @BeanInject("sinkWakeups") Map<String, Wakeup> wakeups, InboxBacklog backlog,
            @PropertyInject("router.delivery.share-while-inbox-busy-ms") long share) {
        return new MailWork(sql, deliveries, new Alerts(settings), digestThreshold, Duration.ofMinutes(digestWindow),
                metrics, new GiveWay(backlog, Duration.ofMillis(share), wakeups.get("mail")));
    }

    /** The alert templates, and those of the configuration folder's {@code templates/} that replace them. */
    @BindToRegistry(value = "alertTemplates", lazy = true)
    public AlertTemplates alertTemplates(CamelContext context,
            @PropertyInject("router.mail.templates") String location,
            @PropertyInject("router.config-dir") String configDir) {
        return new AlertTemplates(context, location,
                configDir.isBlank() ? null : Path.of(configDir.strip(), "templates"));
    }
}
