package org.calloutcome.router;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.calloutcome.router.delivery.Deliveries;
import org.calloutcome.router.delivery.SalesforceOrgs;
import org.calloutcome.router.observe.RouterMetrics;
import org.calloutcome.router.platforms.Platform;
import org.calloutcome.router.platforms.Platforms;
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
import org.calloutcome.router.sink.salesforce.SalesforceLogin;
import org.calloutcome.router.sink.slack.SlackChannel;
import org.calloutcome.router.sink.slack.SlackWork;
import org.calloutcome.router.store.Sql;

/**
 * The sinks: the call log, alert mail, and Slack (only with a webhook); Salesforce's are in
 * {@link SalesforceConfiguration}. Beans are built when first looked up.
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

    /** SMTP, or the {@code .eml} outbox: alerts always go somewhere. */
    @BindToRegistry(value = "slackChannel", lazy = true)
    public SlackChannel slackChannel(CamelContext context, Settings settings) {
        return slack(context, settings);
    }

    @BindToRegistry(value = "slackWork", lazy = true)
    public SlackWork slackWork(Deliveries deliveries, Settings settings, SalesforceOrgs orgs, InboxBacklog backlog,
            @BeanInject("sinkWakeups") Map<String, Wakeup> wakeups,
            @PropertyInject("router.delivery.share-while-inbox-busy-ms") long share) {
        return new SlackWork(deliveries, new AlertViews(deliveries, new Alerts(alertOptions(settings, orgs))),
                new GiveWay(backlog, Duration.ofMillis(share), wakeups.get(SlackChannel.SINK)));
    }

    @BindToRegistry(value = "mailServer", lazy = true)
    public MailServer mailServer(CamelContext context, Settings settings) throws Exception {
        return MailServer.configure(context, mailOptions(settings));
    }

    @BindToRegistry("emlOutbox")
    public EmlOutbox emlOutbox(@PropertyInject("router.mail.outbox") String folder,
            @PropertyInject("router.mail.from") String from) {
        return new EmlOutbox(Path.of(folder), from);
    }

    /** Wakes each configured sink's worker when processing stores new actions for it. */
    @BindToRegistry(value = "sinkWakeups", lazy = true)
    public Map<String, Wakeup> sinkWakeups(CamelContext context, SlackChannel slack,
            @BeanInject("salesforceOrgLogins") Map<String, SalesforceLogin> salesforce) {
        Map<String, Wakeup> wakeups = new HashMap<>();
        wakeups.put("mail", new Wakeup(context, Wakeup.sink("mail")));
        if (slack.enabled()) {
            wakeups.put(SlackChannel.SINK, new Wakeup(context, Wakeup.sink(SlackChannel.SINK)));
        }
        salesforce.forEach((sink, login) -> {
            if (login.enabled()) {
                wakeups.put(sink, new Wakeup(context, Wakeup.sink(sink)));
            }
        });
        return wakeups;
    }

    @BindToRegistry(value = "mailWork", lazy = true)
    public MailWork mailWork(Sql sql, Deliveries deliveries, Settings settings, SalesforceOrgs orgs,
            RouterMetrics metrics,
            @PropertyInject("router.mail.digest-threshold") int digestThreshold,
            @PropertyInject("router.mail.digest-window-minutes") long digestWindow,
            @BeanInject("sinkWakeups") Map<String, Wakeup> wakeups, InboxBacklog backlog,
            @PropertyInject("router.delivery.share-while-inbox-busy-ms") long share) {
        return new MailWork(sql, deliveries, new Alerts(alertOptions(settings, orgs)), digestThreshold,
                Duration.ofMinutes(digestWindow),
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

    // The sinks' options, bound once from their settings (application.properties says what each does).

    /** {@code router.mail.*}: the SMTP server and its login, or the outbox folder. */
    public static MailServer.Options mailOptions(Settings settings) {
        String prefix = "router.mail.";
        return new MailServer.Options(settings.get(prefix + "smtp-host").orElse(null),
                settings.integer(prefix + "smtp-port"), settings.require(prefix + "smtp-security"),
                settings.require(prefix + "smtp-auth"), settings.get(prefix + "smtp-username").orElse(null),
                settings.get(prefix + "smtp-password").orElse(null), settings.require(prefix + "from"),
                settings.require(prefix + "outbox"), settings.get(prefix + "trust-store").orElse(null),
                settings.get(prefix + "trust-store-password").orElse(null),
                new MailServer.OAuth(settings.require(prefix + "oauth.authority"),
                        settings.get(prefix + "oauth.tenant").orElse(null),
                        settings.get(prefix + "oauth.client-id").orElse(null),
                        settings.get(prefix + "oauth.client-secret").orElse(null),
                        settings.get(prefix + "oauth.certificate").orElse(null),
                        settings.get(prefix + "oauth.certificate-password").orElse(null)));
    }

    /** {@code router.slack.webhook-url} and each rule's {@code router.alerts.channels.<rule>}. */
    public static SlackChannel slack(CamelContext context, Settings settings) {
        return SlackChannel.configure(context, settings.get("router.slack.webhook-url").orElse(null),
                settings.withPrefix("router.alerts.channels."));
    }

    /**
     * What alerts say and to whom: {@code router.mail.to} and its overrides by rule, vendor and account; per vendor,
     * its name, and whether its alerts show the customer's name, the summary ({@code router.mail.customer-name.<id>},
     * {@code router.mail.summary.<id>}: shown unless false) and a transcript excerpt
     * ({@code router.mail.transcript-excerpt.<id>}: not unless true).
     */
    public static Alerts.Options alertOptions(Settings settings, SalesforceOrgs orgs) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, Set<String>> withheld = new HashMap<>();
        Set<String> excerpts = new HashSet<>();
        for (Platform platform : Platforms.ALL) {
            String id = platform.id();
            names.put(id, settings.get("router." + id + ".display-name").orElse(platform.displayName()));
            Set<String> hidden = new HashSet<>();
            for (String part : List.of("customer-name", "summary")) {
                if (!settings.get("router.mail." + part + "." + id).map(Boolean::parseBoolean).orElse(true)) {
                    hidden.add(part);
                }
            }
            withheld.put(id, hidden);
            if (settings.get("router.mail.transcript-excerpt." + id).map(Boolean::parseBoolean).orElse(false)) {
                excerpts.add(id);
            }
        }
        Map<String, String> recipients = new HashMap<>(settings.withPrefix("router.mail.to."));
        recipients.put("", settings.require("router.mail.to"));
        Map<String, String> bases = new HashMap<>();
        bases.put(SalesforceOrgs.SINK, settings.get("router.salesforce.record-link-base")
                .or(() -> settings.get("camel.component.salesforce.instance-url"))
                .orElse(settings.require("camel.component.salesforce.login-url")));
        for (String org : orgs.names()) {
            String prefix = "router.salesforce.org." + org + ".";
            bases.put(SalesforceOrgs.sink(org), settings.get(prefix + "record-link-base")
                    .or(() -> settings.get(prefix + "instance-url")).or(() -> settings.get(prefix + "login-url"))
                    .orElse(bases.get(SalesforceOrgs.SINK)));
        }
        return new Alerts.Options(ZoneId.of(settings.require("router.mail.time-zone")),
                settings.require("router.mail.from"), bases, orgs,
                settings.get("router.salesforce.do-not-text-field").orElse(null), names, withheld, excerpts,
                recipients);
    }
}
