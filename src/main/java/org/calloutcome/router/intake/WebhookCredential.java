package org.calloutcome.router.intake;

import java.util.Optional;

import org.calloutcome.router.Settings;

/**
 * A vendor's webhook secret or token, read from configuration (and so from its environment variable). A vendor with
 * no credential is refused, unless {@code router.<vendor>.open=true} says it may post unauthenticated (local trials).
 */
public record WebhookCredential(String vendor, String envVar, Optional<String> secret, boolean open) {

    public static WebhookCredential from(Settings settings, String vendor, String key, String envVar) {
        return new WebhookCredential(vendor, envVar, settings.get(key),
                settings.flag("router." + vendor + ".open"));
    }

    /** The secret to verify with; empty only when the vendor is explicitly open and has none. */
    public Optional<String> required() {
        if (secret.isPresent() || open) {
            return secret;
        }
        throw WebhookRejection.unauthorized("not_configured", "no webhook credential is configured for " + vendor
                + ": set " + envVar + " (or router." + vendor + ".open=true for local trials)");
    }

    @Override
    public String toString() {
        return "WebhookCredential[" + vendor + ", " + (secret.isPresent() ? "configured" : open ? "open" : "none") + "]";
    }

    /** True when requests are accepted without checking anything: worth a warning at start. */
    public boolean unprotected() {
        return secret.isEmpty() && open;
    }
}
