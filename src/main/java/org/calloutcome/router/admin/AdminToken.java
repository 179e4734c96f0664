package org.calloutcome.router.admin;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.calloutcome.router.intake.Hmac;
import org.calloutcome.router.intake.WebhookRejection;

/**
 * The admin API's credential, compared in constant time: {@code Authorization: Bearer <ADMIN_TOKEN>}, or for the status
 * page in a browser the HttpOnly cookie its login form sets.
 */
public final class AdminToken implements Processor {
    /** The status page's cookie (HttpOnly, SameSite=Strict, path /admin). */
    public static final String COOKIE = "router_admin";

    private final String token;

    /** @param token the admin token, or null: then the admin API and the status page are off */
    public AdminToken(String token) {
        this.token = token;
    }

    /** Whether the admin routes exist at all (a route precondition). */
    public boolean enabled() {
        return token != null;
    }

    @Override
    public void process(Exchange exchange) {
        String header = exchange.getIn().getHeader("Authorization", String.class);
        String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip() : cookie(exchange.getIn().getHeader("Cookie", String.class));
        if (presented == null) {
            throw new WebhookRejection(401, "missing_token", "send the admin token as 'Authorization: Bearer <token>'");
        }
        if (!matches(presented)) {
            throw new WebhookRejection(401, "invalid_token", "the admin token does not match");
        }
        exchange.getIn().removeHeader("Authorization");
        exchange.getIn().removeHeader("Cookie");
    }

    /** True when {@code presented} is the token. */
    public boolean matches(String presented) {
        return token != null && presented != null && Hmac.sameText(token, presented);
    }

    private static String cookie(String header) {
        if (header == null) {
            return null;
        }
        for (String pair : header.split(";")) {
            String[] nameValue = pair.strip().split("=", 2);
            if (nameValue.length == 2 && nameValue[0].equals(COOKIE)) {
                return java.net.URLDecoder.decode(nameValue[1], java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
