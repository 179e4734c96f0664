package org.calloutcome.router.intake;


import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * For vendors that sign nothing (Clarion, CallKaro): the request must carry the configured token, as
 * {@code Authorization: Bearer <token>} or as a {@code token} query parameter for vendors that let one set only a URL.
 */
public final class SharedToken implements Processor {
    private final WebhookAccounts accounts;

    public SharedToken(WebhookAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void process(Exchange exchange) {
        accounts.verify(exchange, token -> {
            String provided = bearer(exchange.getIn().getHeader("Authorization", String.class));
            if (provided == null) {
                provided = exchange.getIn().getHeader("token", String.class);
            }
            if (provided == null) {
                throw WebhookRejection.unauthorized("missing_token", "send the " + accounts.vendor()
                        + " token as 'Authorization: Bearer <token>' or as ?token=<token>");
            }
            if (!Hmac.sameText(token, provided)) {
                throw WebhookRejection.unauthorized("invalid_token", "the " + accounts.vendor()
                        + " token does not match");
            }
        });
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return authorization.substring(7).strip();
    }
}
