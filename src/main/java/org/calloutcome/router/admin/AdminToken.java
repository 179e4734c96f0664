package org.calloutcome.router.admin;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.calloutcome.router.intake.Hmac;
import org.calloutcome.router.intake.WebhookRejection;

/**
 * The admin API's credential, compared in constant time: {@code Authorization: Bearer <ADMIN_TOKEN>}; for the status
 * page in a browser, a session its sign-in form opens. A session is a random id with an expiry, signed with a key
 * derived from the token (every instance checks it alike, nothing is kept in one JVM; a new token ends every
 * session); the cookie never holds the token. Each form carries an anti-forgery value derived from the session, and a
 * form posted from another origin is refused.
 */
public final class AdminToken implements Processor {
    /** The status page's session cookie (HttpOnly, SameSite=Strict, path /admin). */
    public static final String COOKIE = "router_admin_session";
    /** The form field that carries the anti-forgery value. */
    public static final String FORM_FIELD = "csrf";
    /** The shortest token the start takes: a guessable one would open the admin API to anyone. */
    public static final int MINIMUM_LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String token;
    private final byte[] sessionKey;
    private final Duration session;
    private final Clock clock;

    /**
     * @param token   the admin token, or null: then the admin API and the status page are off
     * @param session how long a status page session lasts
     */
    public AdminToken(String token, Duration session, Clock clock) {
        if (token != null && token.length() < MINIMUM_LENGTH) {
            throw new IllegalStateException("ADMIN_TOKEN (router.admin.token) has " + token.length() + " characters:"
                    + " it needs at least " + MINIMUM_LENGTH + " (e.g. openssl rand -hex 32)");
        }
        this.token = token;
        this.sessionKey = token == null ? null : Hmac.sha256(token, "status page sessions".getBytes(StandardCharsets.UTF_8));
        this.session = session;
        this.clock = clock;
    }

    /** Whether the admin routes exist at all (a route precondition). */
    public boolean enabled() {
        return token != null;
    }

    @Override
    public void process(Exchange exchange) {
        String header = exchange.getIn().getHeader("Authorization", String.class);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            if (!matches(header.substring(7).strip())) {
                throw new WebhookRejection(401, "invalid_token", "the admin token does not match");
            }
        } else if (session(exchange) == null) {
            throw new WebhookRejection(401, "missing_token", "send the admin token as 'Authorization: Bearer <token>'");
        }
        exchange.getIn().removeHeader("Authorization");
        exchange.getIn().removeHeader("Cookie");
    }

    /** True when {@code presented} is the token. */
    public boolean matches(String presented) {
        return token != null && presented != null && Hmac.sameText(token, presented);
    }

    /** A new session's cookie value: a random id, its expiry, their signature. */
    public String openSession() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        String claims = HexFormat.of().formatHex(id) + "." + clock.instant().plus(session).getEpochSecond();
        return claims + "." + sign(claims);
    }

    /** The session's Set-Cookie attributes: {@code Secure} when the page was asked for over TLS. */
    public String cookie(String value, Exchange exchange) {
        return COOKIE + "=" + value + "; Path=/admin; Max-Age=" + session.toSeconds() + "; HttpOnly; SameSite=Strict"
                + (overTls(exchange) ? "; Secure" : "");
    }

    /** The id of the request's valid session, or null (none, forged, or expired). */
    public String session(Exchange exchange) {
        String value = cookieValue(exchange.getIn().getHeader("Cookie", String.class));
        if (value == null || sessionKey == null) {
            return null;
        }
        String[] parts = value.split("\\.");
        if (parts.length != 3 || !Hmac.sameText(sign(parts[0] + "." + parts[1]), parts[2])) {
            return null;
        }
        try {
            return Long.parseLong(parts[1]) > clock.instant().getEpochSecond() ? parts[0] : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The anti-forgery value every form of this session carries. */
    public String formValue(String session) {
        return sign("form." + session);
    }

    /**
     * A form post of the status page: a session, the session's anti-forgery value, and no other site's Origin (a
     * browser sends Origin with every POST); refused otherwise, before anything is done.
     */
    public void checkForm(Exchange exchange) {
        String session = session(exchange);
        if (session == null) {
            throw new WebhookRejection(401, "missing_token", "sign in to the status page first");
        }
        String origin = exchange.getIn().getHeader("Origin", String.class);
        String host = exchange.getIn().getHeader("Host", String.class);
        if (origin != null && (host == null || !(origin.equals("http://" + host) || origin.equals("https://" + host)))) {
            throw new WebhookRejection(403, "cross_origin", "a form of another site cannot act on the status page");
        }
        String presented = exchange.getIn().getHeader(FORM_FIELD, String.class);
        if (presented == null || !Hmac.sameText(formValue(session), presented)) {
            throw new WebhookRejection(403, "forged_form", "the form is not one this status page served");
        }
        exchange.getIn().removeHeader("Cookie");
    }

    private String sign(String claims) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Hmac.sha256(sessionKey,
                claims.getBytes(StandardCharsets.UTF_8)));
    }

    private static boolean overTls(Exchange exchange) {
        String forwarded = exchange.getIn().getHeader("X-Forwarded-Proto", String.class);
        String url = exchange.getIn().getHeader(Exchange.HTTP_URL, String.class);
        return "https".equalsIgnoreCase(forwarded) || url != null && url.startsWith("https:");
    }

    private static String cookieValue(String header) {
        if (header == null) {
            return null;
        }
        for (String pair : header.split(";")) {
            String[] nameValue = pair.strip().split("=", 2);
            if (nameValue.length == 2 && nameValue[0].equals(COOKIE)) {
                return nameValue[1];
            }
        }
        return null;
    }
}
