package org.calloutcome.router.admin;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.calloutcome.router.intake.Hmac;
import org.calloutcome.router.intake.WebhookRejection;

/** The admin API's credential: {@code Authorization: Bearer <ADMIN_TOKEN>}, compared in constant time. */
public final class AdminToken implements Processor {
    private final String token;

    public AdminToken(String token) {
        this.token = token;
    }

    @Override
    public void process(Exchange exchange) {
        String header = exchange.getIn().getHeader("Authorization", String.class);
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip() : null;
        if (presented == null) {
            throw new WebhookRejection(401, "missing_token", "send the admin token as 'Authorization: Bearer <token>'");
        }
        if (!Hmac.sameText(token, presented)) {
            throw new WebhookRejection(401, "invalid_token", "the admin token does not match");
        }
        exchange.getIn().removeHeader("Authorization");
    }
}
