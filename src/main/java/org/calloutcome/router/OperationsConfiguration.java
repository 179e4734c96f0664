package org.calloutcome.router;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.Registry;
import org.calloutcome.router.admin.AdminApi;
import org.calloutcome.router.admin.AdminServer;
import org.calloutcome.router.admin.AdminToken;
import org.calloutcome.router.admin.Reprocessor;
import org.calloutcome.router.admin.StatusPage;
import org.calloutcome.router.compliance.BusinessDays;
import org.calloutcome.router.compliance.OptOutLedger;
import org.calloutcome.router.compliance.OptOutWatch;
import org.calloutcome.router.delivery.Deliveries;
import org.calloutcome.router.delivery.SalesforceOrgs;
import org.calloutcome.router.intake.HttpEdge;
import org.calloutcome.router.intake.Inbox;
import org.calloutcome.router.intake.WebhookAccounts;
import org.calloutcome.router.mapping.CallDirectory;
import org.calloutcome.router.mapping.VendorWebhook;
import org.calloutcome.router.observe.DatabaseHealthCheck;
import org.calloutcome.router.observe.PipelineIncidents;
import org.calloutcome.router.observe.RouterMetrics;
import org.calloutcome.router.observe.SinkHealthCheck;
import org.calloutcome.router.platforms.Platform;
import org.calloutcome.router.platforms.Platforms;
import org.calloutcome.router.queue.Wakeup;
import org.calloutcome.router.reconcile.PlatformApi;
import org.calloutcome.router.reconcile.PlatformApiHealthCheck;
import org.calloutcome.router.reconcile.Reconciler;
import org.calloutcome.router.reconcile.Reconcilers;
import org.calloutcome.router.sink.salesforce.SalesforceLogin;
import org.calloutcome.router.sink.AlertChannelsCheck;
import org.calloutcome.router.sink.mail.MailServer;
import org.calloutcome.router.sink.slack.SlackChannel;
import org.calloutcome.router.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.apache.camel.support.CamelContextHelper.mandatoryLookup;

/**
 * What operators use: metrics, health checks, pipeline incident alerts, reconciliation with the platforms' APIs and
 * the admin API. Beans are built when first looked up.
 */
public class OperationsConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(OperationsConfiguration.class);

    /** The router's metrics, in the registry /observe/metrics serves: Camel's, else one it will use. */
    @BindToRegistry(value = "routerMetrics", lazy = true)
    public RouterMetrics routerMetrics(Registry registry, Sql sql) {
        MeterRegistry meters = registry.lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        if (meters == null) {
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind("metricsRegistry", meters);
        }
        return new RouterMetrics(meters, sql);
    }

    /** Readiness follows the database (intake stores every webhook); the sinks are reported, never DOWN. */
    @BindToRegistry(value = "databaseHealthCheck", lazy = true)
    public DatabaseHealthCheck databaseHealthCheck(DataSource dataSource) {
        return new DatabaseHealthCheck(dataSource);
    }

    @BindToRegistry(value = "salesforceHealthCheck", lazy = true)
    public SinkHealthCheck salesforceHealthCheck(Sql sql, @BeanInject("salesforceLogin") SalesforceLogin salesforce) {
        return new SinkHealthCheck(sql, "salesforce", salesforce.enabled());
    }

    /** Each other org's sink is reported as its own check, {@code salesforce-<org>}. */
    @Override
    public void configure(CamelContext context) {
        Settings settings = mandatoryLookup(context, "settings", Settings.class);
        for (String org : SalesforceConfiguration.orgNames(settings)) {
            String sink = SalesforceOrgs.sink(org);
            context.getRegistry().bind(org + "SalesforceHealthCheck", SinkHealthCheck.class, () -> new SinkHealthCheck(
                    mandatoryLookup(context, "sql", Sql.class), sink,
                    mandatoryLookup(context, "salesforceLogin-" + org, SalesforceLogin.class).enabled()));
        }
    }

    @BindToRegistry(value = "mailHealthCheck", lazy = true)
    public SinkHealthCheck mailHealthCheck(Sql sql) {
        return new SinkHealthCheck(sql, "mail", true);
    }

    @BindToRegistry(value = "slackHealthCheck", lazy = true)
    public SinkHealthCheck slackHealthCheck(Sql sql, SlackChannel slack) {
        return new SinkHealthCheck(sql, SlackChannel.SINK, slack.enabled());
    }

    @BindToRegistry(value = "pipelineIncidents", lazy = true)
    public PipelineIncidents pipelineIncidents(Sql sql, SlackChannel slack,
            @BeanInject("salesforceOrgLogins") Map<String, SalesforceLogin> salesforce,
            @PropertyInject("router.alerts.sink-failing-minutes") double sinkFailing,
            @PropertyInject("router.alerts.backlog-age-minutes") double backlogAge,
            @PropertyInject("router.mail.to.operations") String operations,
            @PropertyInject("router.mail.to") String to, @PropertyInject("router.mail.from") String from) {
        List<String> watchedSinks = new java.util.ArrayList<>(List.of("mail"));
        salesforce.forEach((sink, login) -> {
            if (login.enabled()) {
                watchedSinks.add(watchedSinks.size() - 1, sink);
            }
        });
        if (slack.enabled()) {
            watchedSinks.add(SlackChannel.SINK);
        }
        return new PipelineIncidents(sql, watchedSinks, minutes(sinkFailing), minutes(backlogAge),
                operations.isBlank() ? to.strip() : operations.strip(), from.strip());
    }

    /**
     * Reconciliation with each platform whose API key is set (off with {@code router.<vendor>.reconcile=false}), and
     * a health check of its API for each account, named after it (so bound here, not by a method of its own).
     */
    @BindToRegistry(value = "reconcilers", lazy = true)
    public Reconcilers reconcilers(Settings settings, Sql sql, Inbox inbox, Registry registry,
            @BeanInject("webhookAccounts") Map<String, WebhookAccounts> webhookAccounts,
            @BeanInject("vendorWebhooks") Map<String, VendorWebhook> webhooks,
            @BeanInject("instanceId") String owner, RouterMetrics metrics,
            @BeanInject("inboxWakeup") Wakeup inboxWakeup) {
        Reconciler.Schedule schedule = new Reconciler.Schedule(
                Duration.ofSeconds(settings.number("router.reconcile.interval-seconds")),
                Duration.ofSeconds(settings.number("router.reconcile.settle-seconds")),
                Duration.ofMinutes(settings.number("router.reconcile.lookback-minutes")),
                Duration.ofSeconds(settings.number("router.reconcile.lease-seconds")));
        Reconcilers reconcilers = new Reconcilers();
        for (Platform platform : Platforms.ALL) {
            CallDirectory directory = platform.directory();
            String vendor = platform.id();
            if (directory == null || !settings.flag("router." + vendor + ".reconcile")) {
                continue;
            }
            List<String> accounts = new ArrayList<>(List.of(WebhookAccounts.DEFAULT));
            accounts.addAll(webhookAccounts.get(vendor).named());
            for (String account : accounts) {
                String prefix = WebhookAccounts.DEFAULT.equals(account) ? "router." + vendor + "."
                        : "router." + vendor + ".account." + account + ".";
                Optional<String> key = settings.get(prefix + "api-key");
                if (key.isEmpty()) {
                    continue;
                }
                PlatformApi api = new PlatformApi(settings.require("router." + vendor + ".api-url"),
                        directory.credentialHeader(key.get()), settings.integer("router.reconcile.max-attempts"),
                        Duration.ofMillis(settings.number("router.reconcile.first-retry-ms")));
                Reconciler reconciler = new Reconciler(
                        new Reconciler.Polled(directory, account, webhooks.get(vendor), api, key.get()),
                        new Reconciler.Store(sql, inbox, inboxWakeup), schedule, owner, metrics);
                reconcilers.add(reconciler);
                registry.bind(reconciler.name().replace("/", "-") + "ApiHealthCheck",
                        new PlatformApiHealthCheck(sql, reconciler.name()));
                LOG.info("Reconciling {} calls with its API every {} s", reconciler.name(),
                        schedule.interval().toSeconds());
            }
        }
        return reconcilers;
    }

    /** The admin API and status page: off unless {@code ADMIN_TOKEN} is set. */
    @BindToRegistry(value = "adminToken", lazy = true)
    public AdminToken adminToken(@PropertyInject("router.admin.token") String token,
            @PropertyInject("router.admin.session-minutes") long sessionMinutes) {
        return new AdminToken(token.isBlank() ? null : token.strip(), Duration.ofMinutes(sessionMinutes),
                java.time.Clock.systemUTC());
    }

    /**
     * The admin API's own server ({@code router.admin.port}): built only when an admin route asks for it, that is when
     * {@code ADMIN_TOKEN} is set; refused on the webhook or management port.
     */
    @BindToRegistry(value = "adminServer", lazy = true)
    public AdminServer adminServer(CamelContext context, @PropertyInject("router.admin.host") String host,
            @PropertyInject("router.admin.port") int port, @PropertyInject("camel.server.port") int webhookPort,
            @PropertyInject("camel.management.port") int managementPort,
            @PropertyInject("router.http.body-timeout-ms") long bodyTimeoutMs) throws Exception {
        if (port != 0 && (port == webhookPort || port == managementPort)) {
            throw new IllegalStateException("ADMIN_PORT (router.admin.port) is " + port + ", the "
                    + (port == webhookPort ? "webhook" : "management") + " port: the admin API needs a port of its"
                    + " own, which only operators reach");
        }
        // an operator's requests: a few at a time
        AdminServer server = new AdminServer(context, host.strip(), port, new HttpEdge.Limits(bodyTimeoutMs, 16));
        context.addService(server, true, true);
        return server;
    }

    @BindToRegistry(value = "adminApi", lazy = true)
    public AdminApi adminApi(Sql sql, Inbox inbox, Deliveries deliveries, Reconcilers reconcilers,
            Reprocessor reprocessor, OptOutLedger ledger) {
        return new AdminApi(sql, inbox.queue(), deliveries.queue(), reconcilers, reprocessor, ledger);
    }

    /** The deadlines of the opt-outs not recorded: alerts halfway and a day before, and their metrics. */
    @BindToRegistry(value = "optOutWatch", lazy = true)
    public OptOutWatch optOutWatch(CamelContext context, OptOutLedger ledger, Sql sql, Deliveries deliveries,
            RouterMetrics metrics) {
        return new OptOutWatch(ledger, sql, deliveries, metrics, new Wakeup(context, Wakeup.sink("mail")),
                Clock.systemUTC());
    }

    /** Every opt-out and what became of it, with its deadline: router.compliance.* */
    @BindToRegistry(value = "optOutLedger", lazy = true)
    public OptOutLedger optOutLedger(Sql sql,
            @PropertyInject("router.compliance.opt-out-deadline-business-days") int days,
            @PropertyInject("router.compliance.holidays") String holidays) {
        java.util.Set<java.time.LocalDate> off = new java.util.HashSet<>();
        for (String day : holidays.split(",")) {
            if (!day.isBlank()) {
                try {
                    off.add(java.time.LocalDate.parse(day.strip()));
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IllegalStateException("router.compliance.holidays: '" + day.strip() + "' is no date"
                            + " (2026-12-25)");
                }
            }
        }
        return new OptOutLedger(sql, new BusinessDays(days, off));
    }

    @BindToRegistry(value = "statusPage", lazy = true)
    public StatusPage statusPage(CamelContext context, Sql sql, AdminToken token, AdminApi api, MailServer mail,
            SlackChannel slack, Settings settings) {
        return new StatusPage(sql, token, api, mail, new AlertChannelsCheck(mail, slack,
                context.createProducerTemplate(), mailbox(settings)));
    }

    /** The alert mails' addresses the channel check uses: outbox, sender, operations (else all alerts') recipients. */
    static AlertChannelsCheck.Mailbox mailbox(Settings settings) {
        return new AlertChannelsCheck.Mailbox(settings.require("router.mail.outbox"),
                settings.require("router.mail.from"),
                settings.get("router.mail.to.operations").orElse(settings.require("router.mail.to")));
    }

    /** A number of minutes, fractions allowed (0.5 is 30 s). */
    private static Duration minutes(double minutes) {
        return Duration.ofMillis(Math.round(minutes * 60_000));
    }
}
