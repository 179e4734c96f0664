package org.calloutcome.router.reconcile;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.calloutcome.router.intake.InboxIntake;
import org.calloutcome.router.intake.WebhookRejection;
import org.calloutcome.router.normalize.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The platforms reconciled (those with an API key set), by vendor; and the operators' backfill of a window. */
public final class Reconcilers {
    private static final Logger LOG = LoggerFactory.getLogger(Reconcilers.class);

    private final Map<String, Reconciler> byVendor = new LinkedHashMap<>();

    public void add(Reconciler reconciler) {
        byVendor.put(reconciler.vendor(), reconciler);
    }

    public Map<String, Reconciler> byVendor() {
        return byVendor;
    }

    /**
     * {@code POST /admin/reconcile} with {@code {"vendor": "retell", "from": "2026-12-01T08:00:00Z", "to": "..."}}:
     * the calls that ended in the window and are not in the inbox are stored; answers how many were listed, already
     * known, stored and could not be fetched. The watermark of the scheduled polls stays where it is.
     */
    public void backfill(Exchange exchange) throws Exception {
        JsonNode body = body(exchange.getIn().getBody(String.class));
        String vendor = Json.text(body, "vendor");
        Reconciler reconciler = vendor == null ? null : byVendor.get(vendor);
        if (reconciler == null) {
            throw new WebhookRejection(400, "unknown_vendor", "'vendor' must be one of the platforms reconciled: "
                    + byVendor.keySet() + " (a platform is reconciled once its API key is set)");
        }
        Instant from = instant(body, "from");
        Instant to = instant(body, "to");
        if (!to.isAfter(from)) {
            throw new WebhookRejection(400, "invalid_window", "'to' must be after 'from'");
        }
        try {
            Reconciler.Outcome outcome = reconciler.window(from, to);
            LOG.info("Admin: {} backfilled from {} to {}: {} listed, {} known, {} stored, {} not fetched", vendor, from,
                    to, outcome.listed(), outcome.known(), outcome.stored(), outcome.failed());
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("vendor", vendor);
            answer.put("listed", outcome.listed());
            answer.put("known", outcome.known());
            answer.put("stored", outcome.stored());
            answer.put("failed", outcome.failed());
            InboxIntake.respond(exchange, 200, answer);
        } catch (PlatformApiError e) {
            throw new WebhookRejection(502, "platform_api_failed", "the " + vendor + " API did not answer the listing: "
                    + e.getMessage());
        }
    }

    private static JsonNode body(String text) {
        try {
            JsonNode json = text == null || text.isBlank() ? null : Json.MAPPER.readTree(text);
            if (json == null || !json.isObject()) {
                throw new WebhookRejection(400, "malformed_json", "the body must be a JSON object");
            }
            return json;
        } catch (java.io.IOException e) {
            throw new WebhookRejection(400, "malformed_json", "the body is not valid JSON");
        }
    }

    private static Instant instant(JsonNode body, String field) {
        String value = Json.text(body, field);
        if (value == null) {
            throw new WebhookRejection(400, "missing_field", "'" + field + "' is required (an ISO instant)");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new WebhookRejection(400, "invalid_field", "'" + field + "' must be an ISO instant such as"
                    + " 2026-12-01T08:00:00Z");
        }
    }
}
