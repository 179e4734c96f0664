package org.calloutcome.router.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.calloutcome.router.intake.WebhookRejection;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin token and the status page's sessions: signed, expiring, never the token; forms that cannot be forged. */
class AdminTokenTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef-admin";
    private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

    private static AdminToken token(Instant now) {
        return new AdminToken(TOKEN, Duration.ofHours(8), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Exchange request(String cookie, String origin, String form) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setHeader("Host", "router.internal:8080");
        if (cookie != null) {
            exchange.getIn().setHeader("Cookie", "other=1; " + AdminToken.COOKIE + "=" + cookie);
        }
        if (origin != null) {
            exchange.getIn().setHeader("Origin", origin);
        }
        if (form != null) {
            exchange.getIn().setHeader(AdminToken.FORM_FIELD, form);
        }
        return exchange;
    }

    @Test
    void aTokenShorterThan32CharactersStopsTheStartNamingTheVariable() {
        IllegalStateException weak = assertThrows(IllegalStateException.class,
                () -> new AdminToken("change-me", Duration.ofHours(8), Clock.systemUTC()));
        assertEquals("ADMIN_TOKEN (router.admin.token) has 9 characters: it needs at least 32 (e.g. openssl rand -hex"
                + " 32)", weak.getMessage());
        assertFalse(new AdminToken(null, Duration.ofHours(8), Clock.systemUTC()).enabled(), "no token: the API is off");
    }

    @Test
    void aSessionIsARandomSignedIdThatExpiresAndNeverTheToken() {
        AdminToken admin = token(NOW);
        String cookie = admin.openSession();
        assertFalse(cookie.contains(TOKEN));
        assertNotNull(admin.session(request(cookie, null, null)));
        assertFalse(cookie.equals(admin.openSession()), "a new id each time");
        assertNull(token(NOW.plus(Duration.ofHours(8)).plusSeconds(1)).session(request(cookie, null, null)), "expired");
        String forged = cookie.substring(0, cookie.lastIndexOf('.') + 1) + "AAAA";
        assertNull(admin.session(request(forged, null, null)));
        String extended = cookie.replaceFirst("\\.(\\d+)\\.", ".9999999999.");
        assertNull(admin.session(request(extended, null, null)), "the expiry is signed");
        assertNull(new AdminToken(TOKEN + "-rotated", Duration.ofHours(8), Clock.fixed(NOW, ZoneOffset.UTC))
                .session(request(cookie, null, null)), "a new token ends every session");
    }

    @Test
    void theCookieIsHttpOnlySameSiteStrictAndSecureOverTls() {
        AdminToken admin = token(NOW);
        Exchange plain = request(null, null, null);
        assertEquals(AdminToken.COOKIE + "=v; Path=/admin; Max-Age=28800; HttpOnly; SameSite=Strict",
                admin.cookie("v", plain));
        Exchange tls = request(null, null, null);
        tls.getIn().setHeader("X-Forwarded-Proto", "https");
        assertTrue(admin.cookie("v", tls).endsWith("; Secure"));
    }

    @Test
    void aFormActsOnlyWithItsSessionsValueAndFromThisOrigin() {
        AdminToken admin = token(NOW);
        String cookie = admin.openSession();
        String session = admin.session(request(cookie, null, null));
        admin.checkForm(request(cookie, "http://router.internal:8080", admin.formValue(session)));

        WebhookRejection forged = assertThrows(WebhookRejection.class,
                () -> admin.checkForm(request(cookie, null, "something")));
        assertEquals(403, forged.getStatus());
        WebhookRejection crossSite = assertThrows(WebhookRejection.class,
                () -> admin.checkForm(request(cookie, "https://evil.example", admin.formValue(session))));
        assertEquals("cross_origin", crossSite.getError());
        WebhookRejection signedOut = assertThrows(WebhookRejection.class,
                () -> admin.checkForm(request(null, null, admin.formValue(session))));
        assertEquals(401, signedOut.getStatus());
    }
}
