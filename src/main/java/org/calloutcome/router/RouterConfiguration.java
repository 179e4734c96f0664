package org.calloutcome.router;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.service.ServiceSupport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.VertxOptions;
import org.calloutcome.router.admin.AdminApi;
import org.calloutcome.router.admin.AdminToken;
import org.calloutcome.router.admin.StatusPage;
import org.calloutcome.router.delivery.Deliveries;
import org.calloutcome.router.intake.BodySignature;
import org.calloutcome.router.intake.HttpErrors;
import org.calloutcome.router.intake.Inbox;
import org.calloutcome.router.intake.InboxIntake;
import org.calloutcome.router.intake.InboxWriter;
import org.calloutcome.router.intake.JsonRequest;
import org.calloutcome.router.intake.SharedToken;
import org.calloutcome.router.intake.WebhookAccounts;
import org.calloutcome.router.intake.WebhookCredential;
import org.calloutcome.router.intake.WebhookErrorResponse;
import org.calloutcome.router.normalize.Normalizer;
import org.calloutcome.router.observe.DatabaseHealthCheck;
import org.calloutcome.router.observe.PipelineIncidents;
import org.calloutcome.router.observe.RouterMetrics;
import org.calloutcome.router.observe.SinkHealthCheck;
import org.calloutcome.router.normalize.OutcomeVocabulary;
import org.calloutcome.router.processing.InboxListener;
import org.calloutcome.router.processing.InboxProcessing;
import org.calloutcome.router.processing.InboxReprocessing;
import org.calloutcome.router.queue.GiveWay;
import org.calloutcome.router.queue.InboxBacklog;
import org.calloutcome.router.processing.PayloadRetention;
import org.calloutcome.router.processing.RoutingRuleCheck;
import org.calloutcome.router.processing.SinkRequests;
import org.calloutcome.router.queue.Wakeup;
import org.calloutcome.router.sink.CallLogRows;
import org.calloutcome.router.sink.CallLogSink;
import org.calloutcome.router.sink.NamedParameters;
import org.calloutcome.router.sink.mail.AlertTemplates;
import org.calloutcome.router.sink.mail.Alerts;
import org.calloutcome.router.sink.mail.EmlOutbox;
import org.calloutcome.router.sink.mail.MailServer;
import org.calloutcome.router.sink.mail.MailWork;
import org.calloutcome.router.sink.salesforce.SalesforceLogin;
import org.calloutcome.router.sink.salesforce.SalesforceActions;
import org.calloutcome.router.sink.salesforce.SalesforceWork;
import org.calloutcome.router.sink.salesforce.UnrecordedOptOuts;
import org.calloutcome.router.mapping.CallDirectory;
import org.calloutcome.router.platforms.retell.RetellCalls;
import org.calloutcome.router.platforms.vapi.VapiCalls;
import org.calloutcome.router.platforms.bland.BlandCalls;
import org.calloutcome.router.platforms.elevenlabs.ElevenLabsCalls;
import org.calloutcome.router.queue.Liveness;
import org.calloutcome.router.reconcile.PlatformApi;
import org.calloutcome.router.reconcile.PlatformApiHealthCheck;
import org.calloutcome.router.reconcile.Reconciler;
import org.calloutcome.router.reconcile.Reconcilers;
import org.calloutcome.router.store.Dialect;
import org.calloutcome.router.store.Retry;
import org.calloutcome.router.store.Sql;
import org.calloutcome.router.mapping.TenantKeys;
import org.calloutcome.router.mapping.VendorWebhook;
import org.calloutcome.router.platforms.altur.AlturSignature;
import org.calloutcome.router.platforms.bland.BlandWebhook;
import org.calloutcome.router.platforms.elevenlabs.ElevenLabsSignature;
import org.calloutcome.router.platforms.elevenlabs.ElevenLabsWebhook;
import org.calloutcome.router.platforms.retell.RetellSignature;
import org.calloutcome.router.platforms.retell.RetellWebhook;
import org.calloutcome.router.platforms.vapi.VapiAuthentication;
import org.calloutcome.router.platforms.vapi.VapiWebhook;
import org.calloutcome.router.platforms.altur.AlturWebhook;
import org.calloutcome.router.platforms.callkaro.CallKaroWebhook;
import org.calloutcome.router.platforms.clarion.ClarionWebhook;
import org.calloutcome.router.platforms.hms.HmsSovereignAuthentication;
import org.calloutcome.router.platforms.hms.HmsSovereignCalls;
import org.calloutcome.router.platforms.hms.HmsSovereignWebhook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds the beans the YAML routes refer to by name, all configured from {@code application.properties}, and brings
 * the database schema up to date before any route starts.
 */
public class RouterConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(RouterConfiguration.class);

    @BindToRegistry("jsonRequest")
    public JsonRequest jsonRequest(@PropertyInject("router.max-body-bytes") long maxBodyBytes) {
        return new JsonRequest(maxBodyBytes);
    }

    /** HTTP requests wait on a worker thread (never the event loop) for their intake batch to commit. */
    @BindToRegistry("vertxOptions")
    public VertxOptions vertxOptions(@PropertyInject("router.http.worker-threads") int workerThreads) {
        return new VertxOptions().setWorkerPoolSize(workerThreads);
    }

    @BindToRegistry("emlOutbox")
    public EmlOutbox emlOutbox(@PropertyInject("router.mail.outbox") String folder) {
        return new EmlOutbox(Path.of(folder));
    }

    /** The entries of the sink routes ({@code direct:sink-*}): what a routing rule asks of each sink. */
    @BindToRegistry("sinkRequests")
    public SinkRequests sinkRequests() {
        return new SinkRequests();
    }

    @BindToRegistry("namedParameters")
    public NamedParameters namedParameters() {
        return new NamedParameters();
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = new Settings(context);
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();

        DataSource dataSource = Database.open(context, settings);
        registry.bind("dataSource", dataSource);

        Map<String, VendorWebhook> webhooks = vendorWebhooks(settings);

        List<String> refusing = new ArrayList<>();
        WebhookAccounts altur = accounts(settings, "altur", "secret", "ALTUR_WEBHOOK_SECRET", refusing);
        WebhookAccounts hms = accounts(settings, "hms-sovereign", "secret", "HMS_SOVEREIGN_WEBHOOK_SECRET", refusing);
        WebhookAccounts clarion = accounts(settings, "clarion", "token", "CLARION_WEBHOOK_TOKEN", refusing);
        WebhookAccounts callkaro = accounts(settings, "callkaro", "token", "CALLKARO_WEBHOOK_TOKEN", refusing);
        WebhookAccounts retell = accounts(settings, "retell", "api-key", "RETELL_API_KEY", refusing);
        WebhookAccounts elevenlabs = accounts(settings, "elevenlabs", "secret", "ELEVENLABS_WEBHOOK_SECRET", refusing);
        WebhookAccounts bland = accounts(settings, "bland", "secret", "BLAND_WEBHOOK_SECRET", refusing);
        WebhookAccounts vapi = accounts(settings, "vapi", "secret", "VAPI_WEBHOOK_SECRET", refusing);
        registry.bind("alturSignature", new AlturSignature(altur));
        registry.bind("hmsSovereignAuthentication", new HmsSovereignAuthentication(hms,
                HmsSovereignAuthentication.mode(settings.require("router.hms-sovereign.auth")),
                Duration.ofSeconds(settings.number("router.hms-sovereign.timestamp-window-seconds")), clock));
        registry.bind("clarionToken", new SharedToken(clarion));
        registry.bind("callkaroToken", new SharedToken(callkaro));
        registry.bind("retellSignature", new RetellSignature(retell,
                Duration.ofSeconds(settings.number("router.retell.timestamp-window-seconds")), clock));
        registry.bind("elevenlabsSignature", new ElevenLabsSignature(elevenlabs,
                Duration.ofSeconds(settings.number("router.elevenlabs.timestamp-window-seconds")), clock));
        registry.bind("blandSignature", new BodySignature("X-Webhook-Signature", bland));
        registry.bind("vapiAuthentication", VapiAuthentication.from(settings, vapi, clock));
        Sql sql = new Sql(dataSource);
        RouterMetrics metrics = new RouterMetrics(meterRegistry(registry), sql);
        registry.bind("routerMetrics", metrics);
        registry.bind("webhookErrorResponse", new WebhookErrorResponse(metrics));

        String owner = settings.get("router.instance-id").orElseGet(RouterConfiguration::instanceId);
        Inbox inbox = new Inbox(sql, new Inbox.Policy(
                Duration.ofSeconds(settings.number("router.inbox.lease-seconds")),
                retry(settings, "router.inbox.")), notifyChannel(settings));
        registry.bind("inbox", inbox);
        int workers = settings.integer("router.inbox.workers");
        Wakeup inboxWakeup = new Wakeup(context, Wakeup.INBOX);
        // on H2 one writer: its batches cannot race each other for the same webhook
        InboxWriter writer = new InboxWriter(inbox, settings.integer("router.intake.batch-size"),
                sql.dialect() == Dialect.H2 ? 1 : settings.integer("router.intake.writers"),
                settings.integer("router.intake.queue-size"), inboxWakeup,
                settings.integer("router.intake.busy-batch"));
        context.addService(writer, true, true);
        if (sql.dialect() == Dialect.POSTGRESQL) {
            context.addService(new InboxListener(dataSource, inbox.notifyChannel(), inboxWakeup), true, true);
        }
        registry.bind("inboxIntake", new InboxIntake(webhooks, writer, metrics));
        Normalizer normalizer = new Normalizer(webhooks);

        Map<String, Retry> configuredSinks = new HashMap<>();
        SalesforceLogin salesforceLogin = SalesforceLogin.configure(context, settings);
        registry.bind("salesforceLogin", salesforceLogin);
        boolean salesforce = salesforceLogin.enabled();
        if (salesforce) {
            configuredSinks.put("salesforce", retry(settings, "router.salesforce."));
        }
        MailServer mailServer = MailServer.configure(context, settings); // SMTP, or the .eml outbox: always somewhere
        registry.bind("mailServer", mailServer);
        configuredSinks.put("mail", retry(settings, "router.mail."));
        Deliveries deliveries = new Deliveries(sql, inbox::events, configuredSinks,
                Duration.ofSeconds(settings.number("router.delivery.lease-seconds")), owner, metrics);
        // readiness follows the database (intake stores every webhook); the sinks are reported, never DOWN
        registry.bind("databaseHealthCheck", new DatabaseHealthCheck(dataSource));
        registry.bind("salesforceHealthCheck", new SinkHealthCheck(sql, "salesforce", salesforce));
        registry.bind("mailHealthCheck", new SinkHealthCheck(sql, "mail", true));
        Reconcilers reconcilers = reconcilers(settings, sql, inbox, webhooks, owner, metrics, registry, inboxWakeup);
        registry.bind("reconcilers", reconcilers);
        registry.bind("deliveries", deliveries);
        Map<String, Wakeup> sinkWakeups = new HashMap<>();
        sinkWakeups.put("mail", new Wakeup(context, Wakeup.sink("mail")));
        // the call log first: while the inbox workers have a backlog, the sinks take a share and catch up after it
        InboxBacklog inboxBacklog = new InboxBacklog();
        Duration sinkShare = Duration.ofMillis(settings.number("router.delivery.share-while-inbox-busy-ms"));
        if (salesforce) {
            sinkWakeups.put("salesforce", new Wakeup(context, Wakeup.sink("salesforce")));
            registry.bind("salesforceActions", new SalesforceActions(SalesforceActions.Options.from(settings), clock,
                    metrics));
            deliveries.setAftermath(new UnrecordedOptOuts());
            registry.bind("salesforceWork", new SalesforceWork(deliveries,
                    Duration.ofSeconds(settings.number("router.salesforce.limit-pause-seconds")),
                    new GiveWay(inboxBacklog, sinkShare, sinkWakeups.get("salesforce"))));
        }
        Alerts alerts = new Alerts(settings);
        registry.bind("mailWork", new MailWork(sql, deliveries, alerts,
                settings.integer("router.mail.digest-threshold"),
                Duration.ofMinutes(settings.number("router.mail.digest-window-minutes")), metrics,
                new GiveWay(inboxBacklog, sinkShare, sinkWakeups.get("mail"))));
        registry.bind("alertTemplates", new AlertTemplates(context, settings.require("router.mail.templates"),
                settings.get("router.config-dir").map(folder -> Path.of(folder, "templates")).orElse(null)));
        List<String> watchedSinks = new ArrayList<>(List.of("mail"));
        if (salesforce) {
            watchedSinks.add(0, "salesforce");
        }
        registry.bind("pipelineIncidents", new PipelineIncidents(sql, watchedSinks,
                minutes(settings, "router.alerts.sink-failing-minutes"),
                minutes(settings, "router.alerts.backlog-age-minutes"),
                settings.get("router.mail.to.operations").orElse(settings.require("router.mail.to")),
                settings.require("router.mail.from")));

        CallLogSink callLog = new CallLogSink(new CallLogRows());
        registry.bind("callLog", callLog);
        AdminToken admin = new AdminToken(settings.get("router.admin.token").orElse(null));
        AdminApi api = new AdminApi(sql, inbox.queue(), deliveries.queue(), reconcilers,
                new InboxReprocessing(sql, inbox, owner, settings.integer("router.inbox.batch-size"), context));
        registry.bind("adminToken", admin);
        registry.bind("adminApi", api);
        registry.bind("statusPage", new StatusPage(sql, admin, api));
        registry.bind("payloadRetention",
                new PayloadRetention(sql, settings.integer("router.retention.payload-days")));
        registry.bind("inboxProcessing", new InboxProcessing(sql, inbox, normalizer, deliveries,
                callLog, owner,
                settings.integer("router.inbox.batch-size"), sinkWakeups,
                new GiveWay(writer::busy, Duration.ofMillis(settings.number("router.inbox.share-while-busy-ms")),
                        inboxWakeup), inboxBacklog, context, metrics));
        Liveness liveness = new Liveness(sql, owner,
                Duration.ofSeconds(settings.number("router.instance.heartbeat-timeout-seconds")),
                List.of(inbox.queue(), deliveries.queue()));
        takeBackClaims(sql.dialect(), settings, liveness);
        liveness.beat(); // alive before the first claim, so that no other instance takes this one's claims back
        registry.bind("liveness", liveness);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() throws Exception {
                liveness.leave(); // the routes have stopped: what this instance still holds is due for the others
            }
        }, true, true);
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarting(CamelContext started, boolean alreadyStarted) {
                RoutingRuleCheck.check(started);
                Map<String, List<String>> accounts = new LinkedHashMap<>();
                for (String vendor : webhooks.keySet()) {
                    List<String> names = new ArrayList<>(List.of(WebhookAccounts.DEFAULT));
                    names.addAll(WebhookAccounts.names(settings, vendor));
                    accounts.put(vendor, names);
                }
                metrics.startAtZero(accounts, RoutingRuleCheck.sinkActions(started), reconcilers.byVendor().values()
                        .stream().map(r -> List.of(r.vendor(), r.account())).toList());
            }

            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // checked before the routes start
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                HttpErrors.install(started);
                MainHttpServer server = started.hasService(MainHttpServer.class);
                ManagementHttpServer management = started.hasService(ManagementHttpServer.class);
                List<String> accepting = new ArrayList<>(webhooks.keySet());
                accepting.removeIf(vendor -> refusing.stream().anyMatch(r -> r.startsWith(vendor + " ")));
                LOG.info("Ready on port {} (health and metrics on {}): database {}; webhooks from {}{}; sinks: call"
                        + " log, alerts ({}), Salesforce ({})",
                        server == null ? "?" : server.getRouter().getServer().getPort(),
                        management == null ? "?" : management.getRouter().getServer().getPort(),
                        sql.dialect() == Dialect.H2 ? "H2" : "PostgreSQL",
                        accepting.isEmpty() ? "no vendor" : String.join(", ", accepting),
                        refusing.isEmpty() ? "" : "; refusing every webhook from " + String.join(", ", refusing),
                        settings.get("router.mail.smtp-host").map(host -> "SMTP " + host)
                                .orElse(".eml files in " + settings.require("router.mail.outbox")),
                        salesforce ? "on" : "off");
            }
        });
        LOG.info("Instance {}: {} inbox worker(s), batches of up to {}", owner, workers,
                settings.integer("router.inbox.batch-size"));
    }

    /**
     * What this instance held when it stopped is due again at once: on H2 every claim (one process opens the file), on
     * PostgreSQL those of a stable {@code router.instance-id}. Other claims wait for their lease to run out.
     */
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

    /**
     * Reconciliation with each platform whose API key is set (off with {@code router.<vendor>.reconcile=false}), and
     * a health check of its API.
     */
    private static Reconcilers reconcilers(Settings settings, Sql sql, Inbox inbox, Map<String, VendorWebhook> webhooks,
            String owner, RouterMetrics metrics, Registry registry, Runnable inboxWakeup) {
        Reconciler.Schedule schedule = new Reconciler.Schedule(
                Duration.ofSeconds(settings.number("router.reconcile.interval-seconds")),
                Duration.ofSeconds(settings.number("router.reconcile.settle-seconds")),
                Duration.ofMinutes(settings.number("router.reconcile.lookback-minutes")),
                Duration.ofSeconds(settings.number("router.reconcile.lease-seconds")));
        Reconcilers reconcilers = new Reconcilers();
        for (CallDirectory directory : List.of(new RetellCalls(), new VapiCalls(), new BlandCalls(),
                new ElevenLabsCalls(), new HmsSovereignCalls())) {
            String vendor = directory.vendor();
            if (!settings.flag("router." + vendor + ".reconcile")) {
                continue;
            }
            List<String> accounts = new ArrayList<>(List.of(WebhookAccounts.DEFAULT));
            accounts.addAll(WebhookAccounts.names(settings, vendor));
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
                Reconciler reconciler = new Reconciler(sql, inbox, directory, account, webhooks.get(vendor), api,
                        key.get(), schedule, owner, metrics, inboxWakeup);
                reconcilers.add(reconciler);
                registry.bind(reconciler.name().replace("/", "-") + "ApiHealthCheck",
                        new PlatformApiHealthCheck(sql, reconciler.name()));
                LOG.info("Reconciling {} calls with its API every {} s", reconciler.name(),
                        schedule.interval().toSeconds());
            }
        }
        return reconcilers;
    }

    /** This process among the instances sharing the database: host and process id, as claims name their owner. */
    private static String instanceId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    /** The PostgreSQL channel for new webhooks: one per schema, so that routers of other schemas are not woken. */
    private static String notifyChannel(Settings settings) {
        return "call_router_inbox" + settings.get("router.db.schema").map(schema -> "_" + schema).orElse("");
    }

    private static HmsSovereignWebhook.Options hmsOptions(Settings settings) {
        String prefix = "router.hms-sovereign.";
        return new HmsSovereignWebhook.Options(
                optional(settings, prefix + "analysis.outcome-key"),
                optional(settings, prefix + "analysis.resolved-key"),
                optional(settings, prefix + "analysis.opt-out-key"),
                optional(settings, prefix + "analysis.escalation-key"),
                optional(settings, prefix + "analysis.callback-key"),
                optional(settings, prefix + "analysis.converted-key"),
                optional(settings, prefix + "metadata.customer-id-key"),
                optional(settings, prefix + "metadata.customer-name-key"),
                optional(settings, prefix + "metadata.campaign-key"));
    }

    /** The registry /observe/metrics serves: Camel's, when it made one already, else a new one it will use. */
    private static MeterRegistry meterRegistry(Registry registry) {
        MeterRegistry meters = registry.lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        if (meters == null) {
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind("metricsRegistry", meters);
        }
        return meters;
    }

    /** The tenant's keys of a vendor, named under {@code prefix} in the settings. */
    private static TenantKeys tenantKeys(Settings settings, String prefix, String idKey, String nameKey,
            String outcomeKey) {
        return new TenantKeys(optional(settings, prefix + idKey), optional(settings, prefix + nameKey),
                optional(settings, prefix + outcomeKey));
    }

    /** Every vendor's webhook, by vendor name, configured from the settings. */
    public static Map<String, VendorWebhook> vendorWebhooks(Settings settings) {
        OutcomeVocabulary vocabulary = OutcomeVocabulary.from(settings);
        Map<String, VendorWebhook> webhooks = new LinkedHashMap<>();
        for (VendorWebhook webhook : List.of(
                new AlturWebhook(vocabulary),
                new CallKaroWebhook(vocabulary, new CallKaroWebhook.Options(
                        ZoneId.of(settings.require("router.callkaro.time-zone")),
                        optional(settings, "router.callkaro.customer-id-key"),
                        optional(settings, "router.callkaro.customer-name-key"),
                        optional(settings, "router.callkaro.outcome-key"))),
                new ClarionWebhook(vocabulary),
                new HmsSovereignWebhook(vocabulary, hmsOptions(settings)),
                new RetellWebhook(vocabulary, tenantKeys(settings, "router.retell.", "metadata.customer-id-key",
                        "metadata.customer-name-key", "analysis.outcome-key")),
                new ElevenLabsWebhook(vocabulary, tenantKeys(settings, "router.elevenlabs.",
                        "dynamic-variables.customer-id-key", "dynamic-variables.customer-name-key",
                        "data-collection.outcome-key")),
                new BlandWebhook(vocabulary, tenantKeys(settings, "router.bland.", "metadata.customer-id-key",
                        "metadata.customer-name-key", "analysis.outcome-key")),
                new VapiWebhook(vocabulary, tenantKeys(settings, "router.vapi.", "metadata.customer-id-key",
                        "metadata.customer-name-key", "structured-data.outcome-key")))) {
            webhooks.put(webhook.vendor(), webhook);
        }
        return webhooks;
    }

    /** A number of minutes, fractions allowed (0.5 is 30 s). */
    private static Duration minutes(Settings settings, String key) {
        return Duration.ofMillis(Math.round(Double.parseDouble(settings.require(key)) * 60_000));
    }

    static Retry retry(Settings settings, String prefix) {
        return new Retry(Duration.ofSeconds(settings.number(prefix + "first-retry-seconds")),
                Duration.ofSeconds(settings.number(prefix + "max-retry-seconds")),
                settings.integer(prefix + "max-attempts"));
    }

    /** A key name that may be left unset, which turns its feature off. */
    private static String optional(Settings settings, String key) {
        return settings.get(key).orElse(null);
    }

    /**
     * A vendor's webhook accounts: the default one and those of {@code router.<vendor>.accounts}. A vendor whose
     * default account has no credential refuses its plain path, and joins {@code refusing}.
     */
    private static WebhookAccounts accounts(Settings settings, String vendor, String key, String envVar,
            List<String> refusing) {
        WebhookAccounts accounts = WebhookAccounts.from(settings, vendor, key, envVar);
        for (WebhookCredential credential : accounts.credentials()) {
            if (credential.unprotected()) {
                LOG.warn("The {} webhook is OPEN: it accepts requests without a credential (router.{}.open=true)."
                        + " Set {} before exposing it.", vendor, vendor, envVar);
            } else if (credential.secrets().isEmpty()) {
                refusing.add(vendor + " (set " + envVar + ")");
            }
        }
        return accounts;
    }
}
