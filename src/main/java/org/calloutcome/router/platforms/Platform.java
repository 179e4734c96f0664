package org.calloutcome.router.platforms;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.calloutcome.router.mapping.CallDirectory;
import org.calloutcome.router.mapping.TenantKeys;
import org.calloutcome.router.mapping.VendorWebhook;
import org.calloutcome.router.normalize.OutcomeVocabulary;

/**
 * A calling platform as the router knows it, registered once in {@link Platforms}: its id (its path
 * {@code /webhooks/<id>}, its settings {@code router.<id>.*}, the call log, metrics), the credential its webhooks carry
 * ({@code router.<id>.<credentialKey>}) and the environment variable that sets it, its mapping, and, when its API
 * lists calls, its call directory for reconciliation (else null).
 */
public record Platform(String id, String credentialKey, String credentialVariable,
        Function<Options, VendorWebhook> mapping, CallDirectory directory) {

    /** What a mapping is built from: the outcome vocabulary, and the platform's settings without their prefix. */
    public record Options(OutcomeVocabulary vocabulary, Map<String, String> settings) {

        /** A setting whose absence turns its feature off. */
        public String optional(String key) {
            return settings.get(key);
        }

        public String require(String key) {
            return Optional.ofNullable(settings.get(key))
                    .orElseThrow(() -> new IllegalStateException("a platform setting is missing: " + key));
        }

        /** The tenant's keys: where the customer's id, name and the outcome are found in the platform's payload. */
        public TenantKeys tenantKeys(String idKey, String nameKey, String outcomeKey) {
            return new TenantKeys(optional(idKey), optional(nameKey), optional(outcomeKey));
        }
    }

    public VendorWebhook webhook(Options options) {
        return mapping.apply(options);
    }
}
