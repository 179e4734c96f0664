package org.calloutcome.router.platforms;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import org.apache.camel.Processor;
import org.calloutcome.router.intake.WebhookAccounts;
import org.calloutcome.router.mapping.CallDirectory;
import org.calloutcome.router.mapping.TenantKeys;
import org.calloutcome.router.mapping.VendorWebhook;
import org.calloutcome.router.normalize.OutcomeVocabulary;

/**
 * A calling platform as the router knows it, registered once in {@link Platforms}: its id (its path
 * {@code /webhooks/<id>}, its settings {@code router.<id>.*}, the call log, metrics), its name as people read it
 * (alerts, the status page), the credential its webhooks carry
 * ({@code router.<id>.<credentialKey>}) and the environment variable that sets it, the verifier its webhook route
 * runs (bound as {@code <id>Verifier}), its mapping, and, when its API lists calls, its call directory for
 * reconciliation (else null).
 */
public record Platform(String id, String displayName, String credentialKey, String credentialVariable, Verifier verifier,
        Function<Options, VendorWebhook> mapping, CallDirectory directory, java.util.Map<String, String> settings) {

    /** Builds what checks who sent a webhook, from the platform's accounts and settings. */
    @FunctionalInterface
    public interface Verifier {
        Processor create(WebhookAccounts accounts, Options options, Clock clock);
    }

    /**
     * What a platform's verifier and mapping are built from: the outcome vocabulary, and the platform's settings
     * ({@code router.<id>.*}) looked up by the rest of their name (from wherever they are set: the file, the
     * configuration folder, a -D option, the environment).
     */
    public record Options(OutcomeVocabulary vocabulary, String prefix, Function<String, Optional<String>> settings) {

        /** A setting whose absence turns its feature off. */
        public String optional(String key) {
            return settings.apply(prefix + key).orElse(null);
        }

        /** A setting every router has (its default is in application.properties): a missing one is named at start. */
        public String require(String key) {
            return settings.apply(prefix + key).orElseThrow(() -> new IllegalStateException("The setting " + prefix
                    + key + " is missing or empty: set it in application.properties (its default is there)"));
        }

        public boolean flag(String key) {
            return Boolean.parseBoolean(require(key));
        }

        public Duration seconds(String key) {
            return Duration.ofSeconds(Long.parseLong(require(key)));
        }

        /** The tenant's keys: where the customer's id, name and the outcome are found in the platform's payload. */
        public TenantKeys tenantKeys(String idKey, String nameKey, String outcomeKey) {
            return new TenantKeys(optional(idKey), optional(nameKey), optional(outcomeKey));
        }
    }

    public VendorWebhook webhook(Options options) {
        return mapping.apply(options);
    }

    /**
     * The settings every platform has, with the defaults the code gives them (Camel's initial properties: any file,
     * folder, -D option or variable overrides them): its path, its name, its credential from its variable and the
     * one it replaces during a rotation ({@code <VARIABLE>_PREVIOUS}), no accounts, not open; and its own settings'
     * defaults ({@link #settings}: the keys of its payload it reads, its signature's window, its API).
     */
    public java.util.Map<String, String> defaults() {
        String prefix = "router." + id + ".";
        java.util.Map<String, String> defaults = new java.util.LinkedHashMap<>(java.util.Map.of(prefix + "path",
                "/webhooks/" + id, prefix + "display-name", displayName,
                prefix + credentialKey, "{{env:" + credentialVariable + ":}}",
                prefix + credentialKey + "-previous", "{{env:" + credentialVariable + "_PREVIOUS:}}",
                prefix + "accounts", "",
                prefix + "open", "false"));
        settings.forEach((key, value) -> defaults.put(prefix + key, value));
        return defaults;
    }

    /** The registry name of its verifier, which its webhook route runs. */
    public String verifierName() {
        return id + "Verifier";
    }
}
