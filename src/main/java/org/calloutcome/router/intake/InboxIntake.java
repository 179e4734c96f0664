package org.calloutcome.router.intake;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.observe.RouterMetrics;
import org.calloutcome.router.mapping.EventKey;
import org.calloutcome.router.mapping.VendorWebhook;

/**
 * Writes a verified webhook to the inbox and answers it: {@code 202} with the new event id, {@code 200} with
 * {@code "duplicate": true} for a repeated delivery, {@code 200} with {@code "ignored": true} for an event kind the
 * router does not process. Runs on an HTTP
 * worker thread (never the event loop), which waits for the batch its webhook is committed in.
 */
public final class InboxIntake implements Processor {
    public static final String VENDOR = "vendor";
    /** Widths of inbox.vendor_event_id and inbox.vendor_event_type. */
    static final int MAX_ID_LENGTH = 200;
    static final int MAX_TYPE_LENGTH = 80;

    private final Map<String, VendorWebhook> webhooks;
    private final InboxWriter writer;
    private final RouterMetrics metrics;

    public InboxIntake(Map<String, VendorWebhook> webhooks, InboxWriter writer, RouterMetrics metrics) {
        this.webhooks = webhooks;
        this.writer = writer;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) throws SQLException, InterruptedException {
        VendorWebhook webhook = webhooks.get(exchange.getProperty(VENDOR, String.class));
        byte[] raw = exchange.getIn().getBody(byte[].class);
        JsonNode payload = parse(raw);
        Optional<EventKey> key = webhook.identify(payload);
        String account = exchange.getProperty(WebhookAccounts.ACCOUNT, WebhookAccounts.DEFAULT, String.class);
        String credential = exchange.getProperty(WebhookCredential.MATCHED, "none", String.class);
        Map<String, Object> answer = new LinkedHashMap<>();
        if (key.isEmpty()) {
            answer.put("ignored", true);
            answer.put("message", "this event type is not processed");
            metrics.webhook(webhook.vendor(), account, credential, "ignored", "none");
            respond(exchange, 200, answer);
            return;
        }
        EventKey identity = identity(key.get());
        JsonNode storable = webhook.storable(payload);
        String stored = storable == payload ? new String(raw, StandardCharsets.UTF_8) : Json.write(storable);
        Inbox.Accepted accepted = writer.accept(new Inbox.Submission(webhook.vendor(), account, identity, stored,
                false));
        answer.put("eventId", accepted.eventId().toString());
        answer.put("duplicate", accepted.duplicate());
        metrics.webhook(webhook.vendor(), account, credential, accepted.duplicate() ? "duplicate" : "accepted",
                "none");
        respond(exchange, accepted.duplicate() ? 200 : 202, answer);
    }

    /**
     * The key as the inbox stores it. An id that cannot be stored as it is has no identity: refused (422), never
     * altered, since a vendor's retry must find the same key. The vendor's type name is only kept for the record.
     */
    public static EventKey identity(EventKey key) {
        String id = key.vendorEventId();
        if (id.length() > MAX_ID_LENGTH) {
            throw new WebhookRejection(422, "invalid_field", "the event's id is longer than " + MAX_ID_LENGTH
                    + " characters");
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw new WebhookRejection(422, "invalid_field", "the event's id contains control characters");
        }
        String type = key.vendorType();
        if (type != null) {
            type = type.replace("\u0000", "");
            type = type.length() > MAX_TYPE_LENGTH ? type.substring(0, MAX_TYPE_LENGTH) : type;
        }
        return new EventKey(key.kind(), id, type);
    }

    static JsonNode parse(byte[] raw) {
        JsonNode payload;
        try {
            payload = Json.MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new WebhookRejection(400, "malformed_json", "the body is not valid JSON" + where);
        } catch (java.io.IOException e) {
            throw new WebhookRejection(400, "malformed_json", "the body could not be read as JSON");
        }
        if (payload == null || !payload.isObject()) {
            throw new WebhookRejection(400, "malformed_json", "the body must be a JSON object");
        }
        return payload;
    }

    /** Sets a JSON answer; request headers are dropped so that nothing the caller sent (a token) is echoed back. */
    public static void respond(Exchange exchange, int status, Object body) {
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(Json.write(body));
    }
}
