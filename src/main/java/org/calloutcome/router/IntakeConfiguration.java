package org.calloutcome.router;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.VertxOptions;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.calloutcome.router.intake.Inbox;
import org.calloutcome.router.intake.InboxIntake;
import org.calloutcome.router.intake.InboxWriter;
import org.calloutcome.router.intake.JsonRequest;
import org.calloutcome.router.intake.WebhookAccounts;
import org.calloutcome.router.intake.WebhookCredential;
import org.calloutcome.router.intake.WebhookErrorResponse;
import org.calloutcome.router.mapping.VendorWebhook;
import org.calloutcome.router.normalize.OutcomeVocabulary;
import org.calloutcome.router.observe.RouterMetrics;
import org.calloutcome.router.platforms.Platform;
import org.calloutcome.router.platforms.Platforms;
import org.calloutcome.router.queue.Wakeup;
import org.calloutcome.router.store.Dialect;
import org.calloutcome.router.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.apache.camel.support.CamelContextHelper.mandatoryLookup;

/**
 * The webhooks' side: each vendor's mapping and credentials (the verifiers the webhook routes name), and the intake
 * that stores what they send. Beans are built when first looked up, so each takes the others as arguments.
 */
public class IntakeConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeConfiguration.class);

    /** Each platform's verifier, as {@code <id>Verifier}: its webhook route runs it before anything else. */
    @Override
    public void configure(CamelContext context) {
        Settings settings = mandatoryLookup(context, "settings", Settings.class);
        Map<String, WebhookAccounts> accounts = webhookAccounts(context);
        OutcomeVocabulary vocabulary = new OutcomeVocabulary(settings.withPrefix(OutcomeVocabulary.PREFIX));
        for (Platform platform : Platforms.ALL) {
            context.getRegistry().bind(platform.verifierName(), platform.verifier()
                    .create(accounts.get(platform.id()), options(settings, vocabulary, platform), Clock.systemUTC()));
        }
    }

    @BindToRegistry("jsonRequest")
    public JsonRequest jsonRequest(@PropertyInject("router.max-body-bytes") long maxBodyBytes) {
        return new JsonRequest(maxBodyBytes);
    }

    /** HTTP requests wait on a worker thread (never the event loop) for their intake batch to commit. */
    @BindToRegistry("vertxOptions")
    public VertxOptions vertxOptions(@PropertyInject("router.http.worker-threads") int workerThreads) {
        return new VertxOptions().setWorkerPoolSize(workerThreads);
    }

    /** Every vendor's webhook, by vendor name. */
    @BindToRegistry(value = "vendorWebhooks", lazy = true)
    public Map<String, VendorWebhook> webhooks(Settings settings) {
        return vendorWebhooks(settings);
    }

    /**
     * Each vendor's accounts and their credentials. A vendor whose default account has no credential refuses its plain
     * path (the start line names it); one left open is a warning.
     */
    @BindToRegistry(value = "webhookAccounts", lazy = true)
    public Map<String, WebhookAccounts> webhookAccounts(Settings settings) {
        Map<String, WebhookAccounts> byVendor = new LinkedHashMap<>();
        for (Platform platform : Platforms.ALL) {
            WebhookAccounts accounts = accounts(settings, platform);
            for (WebhookCredential credential : accounts.credentials()) {
                if (credential.unprotected()) {
                    LOG.warn("The {} webhook is OPEN: it accepts requests without a credential (router.{}.open=true)."
                            + " Set {} before exposing it.", platform.id(), platform.id(),
                            platform.credentialVariable());
                }
            }
            byVendor.put(platform.id(), accounts);
        }
        return byVendor;
    }

    /**
     * A platform's accounts: the default one ({@code router.<id>.<key>}, {@code <key>-previous}) and each of
     * {@code router.<id>.accounts} ({@code router.<id>.account.<name>.<key>}, from the environment
     * {@code ROUTER_<ID>_ACCOUNT_<NAME>_<KEY>} too), checked.
     */
    static WebhookAccounts accounts(Settings settings, Platform platform) {
        String prefix = "router." + platform.id() + ".";
        String key = platform.credentialKey();
        boolean open = settings.flag(prefix + "open");
        List<WebhookCredential> named = new java.util.ArrayList<>();
        for (String name : WebhookAccounts.names(prefix + "accounts", settings.get(prefix + "accounts").orElse(""))) {
            String account = prefix + "account." + name + ".";
            String variable = ("ROUTER_" + platform.id() + "_ACCOUNT_" + name + "_" + key)
                    .toUpperCase(java.util.Locale.ROOT).replace('-', '_').replace('.', '_');
            named.add(new WebhookCredential(platform.id(), name, variable, settings.get(account + key),
                    settings.get(account + key + "-previous"), open));
        }
        WebhookCredential defaultAccount = new WebhookCredential(platform.id(), WebhookAccounts.DEFAULT,
                platform.credentialVariable(), settings.get(prefix + key), settings.get(prefix + key + "-previous"),
                open);
        return WebhookAccounts.of(platform.id(), settings.require(prefix + "path"), defaultAccount, named,
                name -> prefix + "account." + name + "." + key);
    }

    /** The vendors refusing their plain path, each with the variable that would open it: "altur (set ...)". */
    static List<String> refusing(Map<String, WebhookAccounts> byVendor) {
        return byVendor.values().stream().flatMap(accounts -> accounts.credentials().stream())
                .filter(credential -> !credential.unprotected() && credential.secrets().isEmpty())
                .map(credential -> credential.vendor() + " (set " + credential.envVar() + ")")
                .toList();
    }

    @BindToRegistry(value = "webhookErrorResponse", lazy = true)
    public WebhookErrorResponse webhookErrorResponse(RouterMetrics metrics) {
        return new WebhookErrorResponse(metrics);
    }

    /** Webhooks arriving together are stored in one statement; on H2 by one writer, so batches cannot race. */
    @BindToRegistry(value = "inboxWriter", lazy = true)
    public InboxWriter inboxWriter(Inbox inbox, Sql sql, @BeanInject("inboxWakeup") Wakeup inboxWakeup,
            @PropertyInject("router.intake.batch-size") int batchSize,
            @PropertyInject("router.intake.writers") int writers,
            @PropertyInject("router.intake.queue-size") int queueSize,
            @PropertyInject("router.intake.busy-batch") int busyBatch) {
        return new InboxWriter(inbox, batchSize, sql.dialect() == Dialect.H2 ? 1 : writers, queueSize, inboxWakeup,
                busyBatch);
    }

    @BindToRegistry(value = "inboxIntake", lazy = true)
    public InboxIntake inboxIntake(@BeanInject("vendorWebhooks") Map<String, VendorWebhook> webhooks,
            InboxWriter writer, RouterMetrics metrics) {
        return new InboxIntake(webhooks, writer, metrics);
    }

    /** Every platform's webhook mapping, by platform id, configured from the settings. */
    public static Map<String, VendorWebhook> vendorWebhooks(Settings settings) {
        OutcomeVocabulary vocabulary = new OutcomeVocabulary(settings.withPrefix(OutcomeVocabulary.PREFIX));
        Map<String, VendorWebhook> webhooks = new LinkedHashMap<>();
        for (Platform platform : Platforms.ALL) {
            webhooks.put(platform.id(), platform.webhook(options(settings, vocabulary, platform)));
        }
        return webhooks;
    }

    /** A platform's settings, {@code router.<id>.*}. */
    private static Platform.Options options(Settings settings, OutcomeVocabulary vocabulary, Platform platform) {
        String prefix = "router." + platform.id() + ".";
        return new Platform.Options(vocabulary, prefix, settings::get);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, WebhookAccounts> webhookAccounts(CamelContext context) {
        return mandatoryLookup(context, "webhookAccounts", Map.class);
    }
}
