package org.calloutcome.router.platforms;

import java.time.ZoneId;
import java.util.List;

import org.calloutcome.router.platforms.altur.AlturWebhook;
import org.calloutcome.router.platforms.bland.BlandCalls;
import org.calloutcome.router.platforms.bland.BlandWebhook;
import org.calloutcome.router.platforms.callkaro.CallKaroWebhook;
import org.calloutcome.router.platforms.clarion.ClarionWebhook;
import org.calloutcome.router.platforms.elevenlabs.ElevenLabsCalls;
import org.calloutcome.router.platforms.elevenlabs.ElevenLabsWebhook;
import org.calloutcome.router.platforms.hms.HmsSovereignCalls;
import org.calloutcome.router.platforms.hms.HmsSovereignWebhook;
import org.calloutcome.router.platforms.retell.RetellCalls;
import org.calloutcome.router.platforms.retell.RetellWebhook;
import org.calloutcome.router.platforms.vapi.VapiCalls;
import org.calloutcome.router.platforms.vapi.VapiWebhook;

/**
 * Every platform the router takes webhooks from, once: the configuration classes build credentials, mappings and
 * reconcilers from this list. A new platform is a package, a fixture, its tests, and a line here (and its entry in
 * {@code routes/webhooks.camel.yaml}, naming its verifier).
 */
public final class Platforms {
    public static final List<Platform> ALL = List.of(
            new Platform("altur", "secret", "ALTUR_WEBHOOK_SECRET",
                    o -> new AlturWebhook(o.vocabulary()), null),
            new Platform("hms-sovereign", "secret", "HMS_SOVEREIGN_WEBHOOK_SECRET",
                    o -> new HmsSovereignWebhook(o.vocabulary(), new HmsSovereignWebhook.Options(
                            o.optional("analysis.outcome-key"), o.optional("analysis.resolved-key"),
                            o.optional("analysis.opt-out-key"), o.optional("analysis.escalation-key"),
                            o.optional("analysis.callback-key"), o.optional("analysis.converted-key"),
                            o.optional("metadata.customer-id-key"), o.optional("metadata.customer-name-key"),
                            o.optional("metadata.campaign-key"))), new HmsSovereignCalls()),
            new Platform("clarion", "token", "CLARION_WEBHOOK_TOKEN",
                    o -> new ClarionWebhook(o.vocabulary()), null),
            new Platform("callkaro", "token", "CALLKARO_WEBHOOK_TOKEN",
                    o -> new CallKaroWebhook(o.vocabulary(), new CallKaroWebhook.Options(
                            ZoneId.of(o.require("time-zone")), o.optional("customer-id-key"),
                            o.optional("customer-name-key"), o.optional("outcome-key"))), null),
            new Platform("retell", "api-key", "RETELL_API_KEY",
                    o -> new RetellWebhook(o.vocabulary(), o.tenantKeys("metadata.customer-id-key",
                            "metadata.customer-name-key", "analysis.outcome-key")), new RetellCalls()),
            new Platform("elevenlabs", "secret", "ELEVENLABS_WEBHOOK_SECRET",
                    o -> new ElevenLabsWebhook(o.vocabulary(), o.tenantKeys("dynamic-variables.customer-id-key",
                            "dynamic-variables.customer-name-key", "data-collection.outcome-key")),
                    new ElevenLabsCalls()),
            new Platform("bland", "secret", "BLAND_WEBHOOK_SECRET",
                    o -> new BlandWebhook(o.vocabulary(), o.tenantKeys("metadata.customer-id-key",
                            "metadata.customer-name-key", "analysis.outcome-key")), new BlandCalls()),
            new Platform("vapi", "secret", "VAPI_WEBHOOK_SECRET",
                    o -> new VapiWebhook(o.vocabulary(), o.tenantKeys("metadata.customer-id-key",
                            "metadata.customer-name-key", "structured-data.outcome-key")), new VapiCalls()));

    private Platforms() {
    }
}
