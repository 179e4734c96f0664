package org.calloutcome.router.intake;

import java.util.Locale;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * First step of every webhook: the request must be JSON and within the size limit. Leaves the raw body bytes as the
 * message body, for signature checks made before any parsing. (The HTTP server has its own, higher, hard limit, past
 * which it stops reading and answers 413 itself.)
 */
public final class JsonRequest implements Processor {
    private final long maxBodyBytes;

    public JsonRequest(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }
    @Override
    public void process(Exchange exchange) {
        String contentType = exchange.getIn().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (!isJson(contentType)) {
            throw new WebhookRejection(415, "unsupported_media_type",
                    "expected Content-Type application/json, got " + (contentType == null ? "none" : contentType));
        }
        byte[] body = exchange.getIn().getBody(byte[].class);
        if (body == null || body.length == 0) {
            throw new WebhookRejection(400, "empty_body", "the request has no body");
        }
        if (body.length > maxBodyBytes) {
            throw new WebhookRejection(413, "body_too_large", "the body is larger than " + maxBodyBytes + " bytes");
        }
        exchange.getIn().setBody(body);
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }
}
