package org.calloutcome.router.platforms;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.impl.DefaultCamelContext;
import org.calloutcome.router.IntakeConfiguration;
import org.calloutcome.router.RouterConfiguration;
import org.calloutcome.router.event.CallEvent;
import org.calloutcome.router.intake.InboxIntake;
import org.calloutcome.router.mapping.EventKey;
import org.calloutcome.router.mapping.InboxEntry;
import org.calloutcome.router.mapping.VendorWebhook;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.normalize.Normalizer;

/**
 * A platform's mapping as the router runs it, without HTTP or a database: a fixture in, its call events out, with
 * the packaged settings (outcome vocabulary, tenant keys) unless a test gives its own.
 */
public final class Mappings {
    private static final Map<String, VendorWebhook> PACKAGED = webhooks(Map.of());

    private Mappings() {
    }

    /** The webhooks of the packaged settings, with {@code overrides} on top. */
    public static Map<String, VendorWebhook> webhooks(Map<String, String> overrides) {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        java.util.Properties properties = new java.util.Properties();
        properties.putAll(overrides);
        context.getPropertiesComponent().setOverrideProperties(properties);
        return IntakeConfiguration.vendorWebhooks(RouterConfiguration.withCodeDefaults(context));
    }

    /** A fixture of {@code src/test/resources/vendor-examples}, as text. */
    public static String example(String name) {
        try (var in = Mappings.class.getResourceAsStream("/vendor-examples/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The call events the router makes of {@code payload}, as processing does after intake. */
    public static List<CallEvent> events(String vendor, String payload) {
        return events(PACKAGED, vendor, payload);
    }

    public static List<CallEvent> events(Map<String, VendorWebhook> webhooks, String vendor, String payload) {
        try {
            JsonNode json = Json.MAPPER.readTree(payload);
            VendorWebhook webhook = webhooks.get(vendor);
            EventKey key = webhook.identify(json).map(InboxIntake::identity).orElseThrow();
            InboxEntry entry = new InboxEntry(UUID.randomUUID(), vendor, key.kind(), key.vendorEventId(),
                    key.vendorType(), Json.write(webhook.storable(json)), Instant.parse("2026-12-06T12:00:00Z"), 1,
                    "default");
            return new Normalizer(webhooks).normalize(entry);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The one call event of a fixture that describes one call. */
    public static CallEvent call(String vendor, String example) {
        List<CallEvent> events = events(vendor, example(example));
        if (events.size() != 1) {
            throw new AssertionError(example + " made " + events.size() + " events");
        }
        return events.get(0);
    }
}
