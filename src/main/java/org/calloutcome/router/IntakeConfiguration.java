package org.calloutcome.router;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.VertxOptions;
import org.apache.camel.BeanInject;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.PropertyInject;
import org.calloutcome.router.intake.BodySignature;
import org.calloutcome.router.intake.HeaderHmac;
import org.calloutcome.router.intake.Inbox;
import org.calloutcome.router.intake.InboxIntake;
import org.calloutcome.router.intake.InboxWriter;
import org.calloutcome.router.intake.JsonRequest;
import org.calloutcome.router.intake.SharedToken;
import org.calloutcome.router.intake.WebhookAccounts;
import org.calloutcome.router.intake.WebhookCredential;
import org.calloutcome.router.intake.WebhookErrorResponse;
import org.calloutcome.router.mapping.TenantKeys;
import org.calloutcome.router.mapping.VendorWebhook;
import org.calloutcome.router.normalize.OutcomeVocabulary;
import org.calloutcome.router.observe.RouterMetrics;
import org.calloutcome.router.platforms.altur.AlturSignature;
import org.calloutcome.router.platforms.altur.AlturWebhook;
import org.calloutcome.router.platforms.bland.BlandWebhook;
import org.calloutcome.router.platforms.callkaro.CallKaroWebhook;
import org.calloutcome.router.platforms.clarion.ClarionWebhook;
import org.calloutcome.router.platforms.elevenlabs.ElevenLabsWebhook;
import org.calloutcome.router.platforms.hms.HmsSovereignAuthentication;
import org.calloutcome.router.platforms.hms.HmsSovereignWebhook;
import org.calloutcome.router.platforms.retell.RetellWebhook;
import org.calloutcome.router.platforms.vapi.VapiAuthentication;
import org.calloutcome.router.platforms.vapi.VapiWebhook;
import org.calloutcome.router.queue.Wakeup;
import org.calloutcome.router.store.Dialect;
import org.calloutcome.router.store.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhooks' side: each vendor's mapping and credentials (the verifiers the webhook routes name), and the intake
 * that stores what they send. Beans are built when first looked up, so each takes the others as arguments.
 */
public class IntakeConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(IntakeConfiguration.class);

    /** A vendor's credential: its key under {@code router.<vendor>.} and the environment variable that sets it. */
    private record Credential(String vendor, String key, String variable) {
    }

    private static final List<Credential> CREDENTIALS = List.of(
            new Credential("altur", "secret", "ALTUR_WEBHOOK_SECRET"),
            new Credential("hms-sovereign", "secret", "HMS_SOVEREIGN_WEBHOOK_SECRET"),
            new Credential("clarion", "token", "CLARION_WEBHOOK_TOKEN"),
            new Credential("callkaro", "token", "CALLKARO_WEBHOOK_TOKEN"),
            new Credential("retell", "api-key", "RETELL_API_KEY"),
            new Credential("elevenlabs", "secret", "ELEVENLABS_WEBHOOK_SECRET"),
            new Credential("bland", "secret", "BLAND_WEBHOOK_SECRET"),
            new Credential("vapi", "secret", "VAPI_WEBHOOK_SECRET"));

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
        for (Credential vendor : CREDENTIALS) {
            WebhookAccounts accounts = WebhookAccounts.from(settings, vendor.vendor(), vendor.key(), vendor.variable());
            for (WebhookCredential credential : accounts.credentials()) {
                if (credential.unprotected()) {
                    LOG.warn("The {} webhook is OPEN: it accepts requests without a credential (router.{}.open=true)."
                            + " Set {} before exposing it.", vendor.vendor(), vendor.vendor(), vendor.variable());
                }
            }
            byVendor.put(vendor.vendor(), accounts);
        }
        return byVendor;
    }

    /** The vendors refusing their plain path, each with the variable that would open it: "altur (set ...)". */
    static List<String> refusing(Map<String, WebhookAccounts> byVendor) {
        return byVendor.values().stream().flatMap(accounts -> accounts.credentials().stream())
                .filter(credential -> !credential.unprotected() && credential.secrets().isEmpty())
                .map(credential -> credential.vendor() + " (set " + credential.envVar() + ")")
                .toList();
    }

    @BindToRegistry(value = "alturSignature", lazy = true)
    public AlturSignature alturSignature(@BeanInject("webhookAccounts") Map<String, WebhookAccounts> accounts,
            @PropertyInject("router.altur.reserialized-signatures") boolean reserialized) {
        return new AlturSignature(accounts.get("altur"), reserialized);
    }

    @BindToRegistry(value = "hmsSovereignAuthentication", lazy = true)
    public HmsSovereignAuthentication hmsSovereignAuthentication(
            @BeanInject("webhookAccounts") Map<String, WebhookAccounts> accounts,
            @PropertyInject("router.hms-sovereign.auth") String mode,
            @PropertyInject("router.hms-sovereign.timestamp-window-seconds") long window) {
        return new HmsSovereignAuthentication(accounts.get("hms-sovereign"), HmsSovereignAuthentication.mode(mode),
                Duration.ofSeconds(window), Clock.systemUTC());
    }

    @BindToRegistry(value = "clarionToken", lazy = true)
    public SharedToken clarionToken(@BeanInject("webhookAccounts") Map<String, WebhookAccounts> accounts) {
        return new SharedToken(accounts.get("clarion"));
    }

    @BindToRegistry(value = "callkaroToken", lazy = true)
    public SharedToken callkaroToken(@BeanInject("webhookAccounts") Map<String, WebhookAccounts> accounts) {
        return new SharedToken(accounts.get("callkaro"));
    }

    @BindToRegistry(value = "retellSignature", lazy = true)
    public HeaderHmac retellSignature(@BeanInject("webhookAccounts") Map<String, WebhookAccounts> accounts,
            @PropertyInject("router.retell.timestamp-window-seconds") long window) {
        return new HeaderHmac(RetellWebhook.SIGNATURE, accounts.get("retell"), Duration.ofSeconds(window),
                Clock.systemUTC());
    }

    @BindToRegistry(value = "elevenlabsSignature", lazy = true)
    public HeaderHmac elevenlabsSignature(@BeanInject("webhookAccounts") Map<String, WebhookAccounts> accounts,
            @PropertyInject("router.elevenlabs.timestamp-window-seconds") long window) {
        return new HeaderHmac(ElevenLabsWebhook.SIGNATURE, accounts.get("elevenlabs"), Duration.ofSeconds(window),
                Clock.systemUTC());
    }

    @BindToRegistry(value = "blandSignature", lazy = true)
    public BodySignature blandSignature(@BeanInject("webhookAccounts") Map<String, WebhookAccounts> accounts) {
        return new BodySignature("X-Webhook-Signature", accounts.get("bland"));
    }

    @BindToRegistry(value = "vapiAuthentication", lazy = true)
    public VapiAuthentication vapiAuthentication(Settings settings,
            @BeanInject("webhookAccounts") Map<String, WebhookAccounts> accounts) {
        return VapiAuthentication.from(settings, accounts.get("vapi"), Clock.systemUTC());
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

    /** The tenant's keys of a vendor, named under {@code prefix} in the settings. */
    private static TenantKeys tenantKeys(Settings settings, String prefix, String idKey, String nameKey,
            String outcomeKey) {
        return new TenantKeys(optional(settings, prefix + idKey), optional(settings, prefix + nameKey),
                optional(settings, prefix + outcomeKey));
    }

    /** A key name that may be left unset, which turns its feature off. */
    private static String optional(Settings settings, String key) {
        return settings.get(key).orElse(null);
    }
}
