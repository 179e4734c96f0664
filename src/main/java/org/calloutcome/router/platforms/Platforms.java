package org.calloutcome.router.platforms;

import java.time.ZoneId;
import java.util.List;

import org.calloutcome.router.intake.BodySignature;
import org.calloutcome.router.intake.HeaderHmac;
import org.calloutcome.router.intake.SharedToken;
import org.calloutcome.router.platforms.altur.AlturSignature;
import org.calloutcome.router.platforms.altur.AlturWebhook;
import org.calloutcome.router.platforms.bland.BlandCalls;
import org.calloutcome.router.platforms.bland.BlandWebhook;
import org.calloutcome.router.platforms.callkaro.CallKaroWebhook;
import org.calloutcome.router.platforms.clarion.ClarionWebhook;
import org.calloutcome.router.platforms.elevenlabs.ElevenLabsCalls;
import org.calloutcome.router.platforms.elevenlabs.ElevenLabsWebhook;
import org.calloutcome.router.platforms.hms.HmsSovereignAuthentication;
import org.calloutcome.router.platforms.hms.HmsSovereignCalls;
import org.calloutcome.router.platforms.hms.HmsSovereignWebhook;
import org.calloutcome.router.platforms.retell.RetellCalls;
import org.calloutcome.router.platforms.retell.RetellWebhook;
import org.calloutcome.router.platforms.vapi.VapiAuthentication;
import org.calloutcome.router.platforms.vapi.VapiCalls;
import org.calloutcome.router.platforms.vapi.VapiWebhook;

/**
 * Every platform the router takes webhooks from, once: the configuration classes build credentials, verifiers,
 * mappings and reconcilers from this list, and each platform's defaults ({@link Platform#defaults}). A new platform is
 * a package, a fixture, its tests, an entry here, and its webhook route in {@code routes/webhooks.camel.yaml}.
 */
public final class Platforms {
    public static final List<Platform> ALL = List.of(
            new Platform("altur", "Altur", "secret", "ALTUR_WEBHOOK_SECRET",
                    (accounts, o, clock) -> new AlturSignature(accounts, o.flag("reserialized-signatures")),
                    o -> new AlturWebhook(o.vocabulary()), null,
                    settings("reserialized-signatures", "false")),
            new Platform("hms-sovereign", "HMS Sovereign", "secret", "HMS_SOVEREIGN_WEBHOOK_SECRET",
                    (accounts, o, clock) -> new HmsSovereignAuthentication(accounts,
                            HmsSovereignAuthentication.mode(o.require("auth")), o.seconds("timestamp-window-seconds"),
                            clock),
                    o -> new HmsSovereignWebhook(o.vocabulary(), new HmsSovereignWebhook.Options(
                            o.optional("analysis.outcome-key"), o.optional("analysis.resolved-key"),
                            o.optional("analysis.opt-out-key"), o.optional("analysis.escalation-key"),
                            o.optional("analysis.callback-key"), o.optional("analysis.converted-key"),
                            o.optional("metadata.customer-id-key"), o.optional("metadata.customer-name-key"),
                            o.optional("metadata.campaign-key"))), new HmsSovereignCalls(),
                    settings("auth", "hmac", "timestamp-window-seconds", "300", "analysis.outcome-key", "outcome",
                            "analysis.resolved-key", "resolved", "analysis.opt-out-key", "opt_out",
                            "analysis.escalation-key", "escalate", "analysis.callback-key", "callback_requested",
                            "analysis.converted-key", "converted", "metadata.customer-id-key", "crm_id",
                            "metadata.customer-name-key", "customer_name", "metadata.campaign-key", "campaign_id",
                            "api-key", "{{env:HMS_SOVEREIGN_API_KEY:}}", "reconcile", "true",
                            "api-url", "{{env:HMS_SOVEREIGN_API_URL:https://api.hmsovereign.com/api/v1}}")),
            new Platform("clarion", "Clarion", "token", "CLARION_WEBHOOK_TOKEN",
                    (accounts, o, clock) -> new SharedToken(accounts),
                    o -> new ClarionWebhook(o.vocabulary()), null,
                    settings()),
            new Platform("callkaro", "CallKaro", "token", "CALLKARO_WEBHOOK_TOKEN",
                    (accounts, o, clock) -> new SharedToken(accounts),
                    o -> new CallKaroWebhook(o.vocabulary(), new CallKaroWebhook.Options(
                            ZoneId.of(o.require("time-zone")), o.optional("customer-id-key"),
                            o.optional("customer-name-key"), o.optional("outcome-key"))), null,
                    settings("time-zone", "Asia/Kolkata", "customer-id-key", "crm_id", "customer-name-key", "name",
                            "outcome-key", "lead_status")),
            new Platform("retell", "Retell", "api-key", "RETELL_API_KEY", (accounts, o, clock) -> new HeaderHmac(
                    RetellWebhook.SIGNATURE, accounts, o.seconds("timestamp-window-seconds"), clock),
                    o -> new RetellWebhook(o.vocabulary(), o.tenantKeys("metadata.customer-id-key",
                            "metadata.customer-name-key", "analysis.outcome-key")), new RetellCalls(),
                    settings("timestamp-window-seconds", "300", "metadata.customer-id-key", "crm_id",
                            "metadata.customer-name-key", "name", "analysis.outcome-key", "outcome",
                            "reconcile", "true", "api-url", "{{env:RETELL_API_URL:https://api.retellai.com}}")),
            new Platform("elevenlabs", "ElevenLabs", "secret", "ELEVENLABS_WEBHOOK_SECRET",
                    (accounts, o, clock) -> new HeaderHmac(ElevenLabsWebhook.SIGNATURE, accounts,
                            o.seconds("timestamp-window-seconds"), clock),
                    o -> new ElevenLabsWebhook(o.vocabulary(), o.tenantKeys("dynamic-variables.customer-id-key",
                            "dynamic-variables.customer-name-key", "data-collection.outcome-key")),
                    new ElevenLabsCalls(),
                    settings("timestamp-window-seconds", "1800", "dynamic-variables.customer-id-key", "crm_id",
                            "dynamic-variables.customer-name-key", "name", "data-collection.outcome-key", "outcome",
                            "api-key", "{{env:ELEVENLABS_API_KEY:}}", "reconcile", "true",
                            "api-url", "{{env:ELEVENLABS_API_URL:https://api.elevenlabs.io}}")),
            new Platform("bland", "Bland", "secret", "BLAND_WEBHOOK_SECRET",
                    (accounts, o, clock) -> new BodySignature("X-Webhook-Signature", accounts),
                    o -> new BlandWebhook(o.vocabulary(), o.tenantKeys("metadata.customer-id-key",
                            "metadata.customer-name-key", "analysis.outcome-key")), new BlandCalls(),
                    settings("metadata.customer-id-key", "crm_id", "metadata.customer-name-key", "name",
                            "analysis.outcome-key", "outcome", "api-key", "{{env:BLAND_API_KEY:}}",
                            "reconcile", "true", "api-url", "{{env:BLAND_API_URL:https://api.bland.ai}}")),
            new Platform("vapi", "Vapi", "secret", "VAPI_WEBHOOK_SECRET", VapiAuthentication::from,
                    o -> new VapiWebhook(o.vocabulary(), o.tenantKeys("metadata.customer-id-key",
                            "metadata.customer-name-key", "structured-data.outcome-key")), new VapiCalls(),
                    settings("auth", "hmac", "hmac.algorithm", "sha256", "hmac.signature-header", "x-signature",
                            "hmac.timestamp-header", "x-timestamp", "hmac.payload-format", "{timestamp}.{body}",
                            "hmac.signature-encoding", "hex", "hmac.signature-prefix", "",
                            "hmac.secret-is-base64", "false", "timestamp-window-seconds", "300",
                            "bearer.header", "Authorization", "metadata.customer-id-key", "crm_id",
                            "metadata.customer-name-key", "name", "structured-data.outcome-key", "outcome",
                            "api-key", "{{env:VAPI_API_KEY:}}", "reconcile", "true",
                            "api-url", "{{env:VAPI_API_URL:https://api.vapi.ai}}")));

    /** A platform's own settings and their defaults: key, value, key, value, ... */
    private static java.util.Map<String, String> settings(String... keyValues) {
        java.util.Map<String, String> settings = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(settings);
    }

    /** The platform of this id. */
    public static Platform of(String id) {
        return ALL.stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no platform " + id));
    }

    private Platforms() {
    }
}
