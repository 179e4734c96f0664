package org.calloutcome.router;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.calloutcome.router.delivery.Deliveries;
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
import org.calloutcome.router.sink.salesforce.FieldMappings;
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
        return SalesforceLogin.configure(context, salesforceLoginOptions(settings));
    }

    /** SMTP, or the {@code .eml} outbox: alerts always go somewhere. */
    @BindToRegistry(value = "slackChannel", lazy = true)
    public SlackChannel slackChannel(CamelContext context, Settings settings) {
        return slack(context, settings);
    }

    @BindToRegistry(value = "slackWork", lazy = true)
    public SlackWork slackWork(Deliveries deliveries, Settings settings, InboxBacklog backlog,
            @BeanInject("sinkWakeups") Map<String, Wakeup> wakeups,
            @PropertyInject("router.delivery.share-while-inbox-busy-ms") long share) {
        return new SlackWork(deliveries, new AlertViews(deliveries, new Alerts(alertOptions(settings))),
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
        return new SalesforceActions(salesforceOptions(settings), Clock.systemUTC(), metrics);
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
        return new MailWork(sql, deliveries, new Alerts(alertOptions(settings)), digestThreshold, Duration.ofMinutes(digestWindow),
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

    /** {@code camel.component.salesforce.*} and {@code router.salesforce.keystore}: what of a login is given. */
    public static SalesforceLogin.Options salesforceLoginOptions(Settings settings) {
        String component = "camel.component.salesforce.";
        return new SalesforceLogin.Options(settings.require(component + "login-url"),
                settings.get(component + "client-id").isPresent(), settings.get(component + "client-secret").isPresent(),
                settings.get(component + "refresh-token").isPresent(),
                settings.get(component + "user-name").isPresent() && settings.get(component + "password").isPresent(),
                settings.get("router.salesforce.keystore").orElse(null),
                settings.get("router.salesforce.keystore-password").orElse(null),
                settings.get("router.salesforce.jwt-audience").orElse(null));
    }

    /** {@code router.salesforce.*}: what the Salesforce sink writes. */
    public static SalesforceActions.Options salesforceOptions(Settings settings) {
        String prefix = "router.salesforce.";
        return new SalesforceActions.Options(
                settings.require("camel.component.salesforce.api-version"),
                settings.get(prefix + "external-id-field").orElse(null),
                List.of(settings.require(prefix + "phone-lookup-order").split("\\s*,\\s*")),
                SalesforceActions.NoMatch.valueOf(settings.require(prefix + "no-match").toUpperCase(Locale.ROOT)
                        .replace('-', '_')),
                settings.get(prefix + "converted-lead-status").orElse(null),
                settings.flag(prefix + "opt-out-of-email"),
                settings.integer(prefix + "follow-up-days"),
                settings.flag(prefix + "escalation-case"),
                settings.withPrefix(prefix + "disposition."),
                settings.flag(prefix + "include-transcript"),
                settings.get(prefix + "do-not-text-field").orElse(null),
                settings.require(prefix + "duplicate-leads").strip().equalsIgnoreCase("save"),
                settings.get(prefix + "time-zone").map(ZoneId::of).orElse(null),
                settings.get(prefix + "follow-up-owner").orElse(null),
                settings.integer(prefix + "api-reserve-percent"),
                fieldMappings(settings, System.getenv()));
    }

    /**
     * {@code router.salesforce.task.field.*} and {@code router.salesforce.person.field.*}, from the files and from the
     * environment ({@code ROUTER_SALESFORCE_TASK_FIELD_NEXT_STEP__C}: Salesforce's API names ignore case).
     */
    public static FieldMappings fieldMappings(Settings settings, Map<String, String> environment) {
        Set<String> platforms = new HashSet<>();
        Platforms.ALL.forEach(platform -> platforms.add(platform.id()));
        List<List<FieldMappings.Mapping>> both = new java.util.ArrayList<>();
        for (String object : List.of("task", "person")) {
            String prefix = "router.salesforce." + object + ".field.";
            Map<String, String> given = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            String variable = prefix.toUpperCase(Locale.ROOT).replace('.', '_');
            environment.forEach((name, value) -> {
                if (name.startsWith(variable) && name.length() > variable.length() && !value.isBlank()) {
                    given.put(name.substring(variable.length()).replace("__C", "__c"), value);
                }
            });
            given.putAll(settings.withPrefix(prefix));
            both.add(FieldMappings.parse(prefix, given, platforms, object.equals("person")));
        }
        return new FieldMappings(both.get(0), both.get(1));
    }

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
    public static Alerts.Options alertOptions(Settings settings) {
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
        return new Alerts.Options(ZoneId.of(settings.require("router.mail.time-zone")),
                settings.require("router.mail.from"),
                settings.get("router.salesforce.record-link-base")
                        .or(() -> settings.get("camel.component.salesforce.instance-url"))
                        .orElse(settings.require("camel.component.salesforce.login-url")),
                settings.get("router.salesforce.do-not-text-field").orElse(null), names, withheld, excerpts,
                recipients);
    }
}
