package org.calloutcome.router.intake;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.calloutcome.router.observe.RouterMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a webhook route's exception into its HTTP answer: a {@link WebhookRejection} as it says, a database outage as
 * 503 (the vendor retries), anything else as 500. Logs the exception type only: messages may quote the payload.
 */
public final class WebhookErrorResponse implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookErrorResponse.class);

    private final RouterMetrics metrics;

    public WebhookErrorResponse(RouterMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String vendor = exchange.getProperty(InboxIntake.VENDOR, String.class);
        String account = exchange.getProperty(WebhookAccounts.ACCOUNT, "unknown", String.class);
        String credential = exchange.getProperty(WebhookCredential.MATCHED, "none", String.class);
        if (failure instanceof WebhookRejection rejection) {
            // the vendor and account only: never the secret, the signature or the payload
            LOG.info("Refused a {} webhook (account {}): {} {}", vendor, account, rejection.getStatus(),
                    rejection.getError());
            metrics.webhook(vendor, account, credential, "refused", rejection.getError());
            InboxIntake.respond(exchange, rejection.getStatus(),
                    body(rejection.getError(), rejection.getMessage()));
        } else if (causedBy(failure, SQLException.class)) {
            LOG.error("Could not store a {} webhook, answered 503: {}", vendor, failure.getClass().getName());
            metrics.webhook(vendor, account, credential, "refused", "storage_unavailable");
            InboxIntake.respond(exchange, 503, body("storage_unavailable",
                    "the event could not be stored; please retry"));
        } else {
            LOG.error("A {} webhook failed, answered 500: {}", vendor,
                    failure == null ? "unknown" : failure.getClass().getName());
            metrics.webhook(vendor, account, credential, "refused", "internal_error");
            InboxIntake.respond(exchange, 500, body("internal_error",
                    "the event could not be accepted; please retry"));
        }
    }

    private static Map<String, String> body(String error, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        return body;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
