package org.calloutcome.router;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.support.service.ServiceSupport;
import org.calloutcome.router.admin.AdminServer;
import org.calloutcome.router.intake.HttpEdge;
import org.calloutcome.router.intake.Inbox;
import org.calloutcome.router.intake.InboxWriter;
import org.calloutcome.router.intake.WebhookAccounts;
import org.calloutcome.router.observe.RouterMetrics;
import org.calloutcome.router.platforms.Platform;
import org.calloutcome.router.platforms.Platforms;
import org.calloutcome.router.processing.InboxListener;
import org.calloutcome.router.processing.RoutingRuleCheck;
import org.calloutcome.router.queue.Liveness;
import org.calloutcome.router.queue.Wakeup;
import org.calloutcome.router.reconcile.Reconcilers;
import org.calloutcome.router.sink.salesforce.SalesforceLogin;
import org.calloutcome.router.store.Dialect;
import org.calloutcome.router.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.apache.camel.support.CamelContextHelper.mandatoryLookup;

/**
 * The start: brings the database schema up to date (by looking up the first beans, which the other configuration
 * classes bind) and starts the intake writer, the PostgreSQL listener and this instance's heartbeat before any route
 * starts; checks the routing rules as the context starts, and names what is ready once it has.
 */
public class RouterConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(RouterConfiguration.class);

    /** Typed access to the settings whose keys are built from names (vendors, accounts, outcomes). */
    @BindToRegistry(value = "settings", lazy = true)
    public Settings settings(CamelContext context) {
        return withCodeDefaults(context);
    }

    /**
     * The settings, over the defaults the code gives: each platform's ({@link Platform#defaults}), as Camel's initial
     * properties, which any file, configuration folder, -D option or variable overrides.
     */
    public static Settings withCodeDefaults(CamelContext context) {
        codeDefaults().forEach(context.getPropertiesComponent()::addInitialProperty);
        return new Settings(context);
    }

    /**
     * Settings nobody needs to change, set by name where one must: leases, heartbeats, the sinks' retries and polling
     * intervals (a retry doubles from first-retry up to max-retry; after max-attempts the work is DEAD and alerted).
     */
    private static final Map<String, String> CONSTANTS = Map.ofEntries(
            Map.entry("router.intake.writers", "1"),
            Map.entry("router.http.body-timeout-ms", "30000"),
            Map.entry("router.inbox.scan-interval-ms", "5000"),
            Map.entry("router.inbox.lease-seconds", "300"),
            Map.entry("router.inbox.first-retry-seconds", "5"),
            Map.entry("router.inbox.max-retry-seconds", "600"),
            Map.entry("router.delivery.lease-seconds", "300"),
            Map.entry("router.reconcile.lease-seconds", "600"),
            Map.entry("router.reconcile.max-attempts", "3"),
            Map.entry("router.reconcile.first-retry-ms", "1000"),
            Map.entry("router.instance.heartbeat-interval-ms", "5000"),
            Map.entry("router.instance.heartbeat-timeout-seconds", "15"),
            Map.entry("router.salesforce.poll-interval-ms", "1000"),
            Map.entry("router.salesforce.first-retry-seconds", "10"),
            Map.entry("router.salesforce.max-retry-seconds", "900"),
            Map.entry("router.salesforce.max-attempts", "12"),
            Map.entry("router.mail.poll-interval-ms", "1000"),
            Map.entry("router.mail.first-retry-seconds", "30"),
            Map.entry("router.mail.max-retry-seconds", "1800"),
            Map.entry("router.mail.max-attempts", "10"),
            Map.entry("router.slack.poll-interval-ms", "1000"),
            Map.entry("router.slack.first-retry-seconds", "30"),
            Map.entry("router.slack.max-retry-seconds", "1800"),
            Map.entry("router.slack.max-attempts", "10"),
            Map.entry("router.metrics.refresh-ms", "15000"),
            Map.entry("router.alerts.check-interval-ms", "30000"),
            Map.entry("router.retention.interval-ms", "3600000"));

    /** Every setting the code gives a default (the constants, each platform's), with it. */
    public static Map<String, String> codeDefaults() {
        Map<String, String> defaults = new java.util.TreeMap<>(CONSTANTS);
        Platforms.ALL.forEach(platform -> defaults.putAll(platform.defaults()));
        return defaults;
    }

    /**
     * This process among the instances sharing the database, as claims name their owner: {@code router.instance-id},
     * else host and process id.
     */
    @BindToRegistry(value = "instanceId", lazy = true)
    public String instanceId(@PropertyInject("router.instance-id") String configured) {
        if (!configured.isBlank()) {
            return configured.strip();
        }
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        UnknownSettings.warn(System.getenv(), codeDefaults());
        Settings settings = mandatoryLookup(context, "settings", Settings.class);
        for (String org : SalesforceConfiguration.orgNames(settings)) {
            SalesforceConfiguration.fieldMappings(settings, org, System.getenv());
        }
        // a field mapping whose source the router cannot know stops the start here
        SalesforceConfiguration.fieldMappings(settings, System.getenv());
        // the database first: looking up liveness builds the data source, which migrates the schema
        Liveness liveness = mandatoryLookup(context, "liveness", Liveness.class);
        Sql sql = mandatoryLookup(context, "sql", Sql.class);
        context.addService(mandatoryLookup(context, "inboxWriter", InboxWriter.class), true, true);
        if (sql.dialect() == Dialect.POSTGRESQL) {
            context.addService(new InboxListener(mandatoryLookup(context, "dataSource", DataSource.class),
                    mandatoryLookup(context, "inbox", Inbox.class).notifyChannel(),
                    mandatoryLookup(context, "inboxWakeup", Wakeup.class)), true, true);
        }
        takeBackClaims(sql.dialect(), settings, liveness);
        liveness.beat(); // alive before the first claim, so that no other instance takes this one's claims back
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                liveness.leave(); // the routes have stopped: what this instance still holds is due for the others
            }
        }, true, true);
        context.addStartupListener(new StartLine(settings, sql));
        LOG.info("Instance {}: {} inbox worker(s), batches of up to {}",
                mandatoryLookup(context, "instanceId", String.class),
                settings.integer("router.inbox.workers"), settings.integer("router.inbox.batch-size"));
    }

    /** Checks the routing rules as the context starts, and names what is ready once it has started. */
    private static final class StartLine implements StartupListener {
        private final Settings settings;
        private final Sql sql;

        StartLine(Settings settings, Sql sql) {
            this.settings = settings;
            this.sql = sql;
        }

        @Override
        public void onCamelContextStarting(CamelContext started, boolean alreadyStarted) {
            RoutingRuleCheck.check(started);
            Map<String, List<String>> accounts = new LinkedHashMap<>();
            webhookAccounts(started).forEach((vendor, byAccount) -> {
                List<String> names = new ArrayList<>(List.of(WebhookAccounts.DEFAULT));
                names.addAll(byAccount.named());
                accounts.put(vendor, names);
            });
            mandatoryLookup(started, "routerMetrics", RouterMetrics.class).startAtZero(accounts,
                    RoutingRuleCheck.sinkActions(started), mandatoryLookup(started, "reconcilers", Reconcilers.class)
                            .byVendor().values().stream().map(r -> List.of(r.vendor(), r.account())).toList());
        }

        @Override
        public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
            // checked before the routes start
        }

        @Override
        public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
            HttpEdge.install(started, new HttpEdge.Limits(settings.number("router.http.body-timeout-ms"),
                    settings.integer("router.http.max-requests")));
            MainHttpServer server = started.hasService(MainHttpServer.class);
            ManagementHttpServer management = started.hasService(ManagementHttpServer.class);
            Map<String, WebhookAccounts> byVendor = webhookAccounts(started);
            List<String> refusing = IntakeConfiguration.refusing(byVendor);
            List<String> accepting = new ArrayList<>(byVendor.keySet());
            accepting.removeIf(vendor -> refusing.stream().anyMatch(r -> r.startsWith(vendor + " ")));
            AdminServer admin = started.hasService(AdminServer.class);
            LOG.info("Ready on port {} (health and metrics on {}{}): database {}; webhooks from {}{}; sinks: call"
                    + " log, alerts ({}), Salesforce ({})",
                    server == null ? "?" : server.getRouter().getServer().getPort(),
                    management == null ? "?" : management.getRouter().getServer().getPort(),
                    admin == null ? "; no admin API" : ", admin API on " + admin.getServerPort(),
                    sql.dialect() == Dialect.H2 ? "H2" : "PostgreSQL",
                    accepting.isEmpty() ? "no vendor" : String.join(", ", accepting),
                    refusing.isEmpty() ? "" : "; refusing every webhook from " + String.join(", ", refusing),
                    settings.get("router.mail.smtp-host").map(host -> "SMTP " + host)
                            .orElse(".eml files in " + settings.require("router.mail.outbox")),
                    mandatoryLookup(started, "salesforceLogin", SalesforceLogin.class).enabled() ? "on" : "off");
        }
    }

    /**
     * Claims left by an earlier run: on H2 (one process) all of them; on PostgreSQL those of this instance's stable id
     * ({@code ROUTER_INSTANCE_ID}); claims of any other silent instance are taken back by the heartbeat.
     */
    private static void takeBackClaims(Dialect dialect, Settings settings, Liveness liveness)
            throws java.sql.SQLException {
        Optional<String> stableSelf = settings.get("router.instance-id");
        if (dialect == Dialect.POSTGRESQL && stableSelf.isEmpty()) {
            return;
        }
        int released = liveness.release(dialect == Dialect.H2 ? null : stableSelf.get());
        if (released > 0) {
            LOG.info("Took back {} claim(s) left by the previous run", released);
        }
    }

    /** Each vendor's webhook accounts (a bean of {@link IntakeConfiguration}). */
    @SuppressWarnings("unchecked")
    private static Map<String, WebhookAccounts> webhookAccounts(CamelContext context) {
        return mandatoryLookup(context, "webhookAccounts", Map.class);
    }
}
