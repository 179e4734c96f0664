package org.calloutcome.router.platforms.hms;

import java.time.Clock;
import java.time.Duration;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.calloutcome.router.intake.Hmac;
import org.calloutcome.router.intake.PayloadHmac;
import org.calloutcome.router.intake.SignedPayload;
import org.calloutcome.router.intake.WebhookAccounts;
import org.calloutcome.router.intake.WebhookRejection;

/**
 * Checks an HMS Sovereign / VoiceDock request as the tenant set it up ({@code router.hms-sovereign.auth}): by default
 * {@code X-Webhook-Signature: sha256=<hex HMAC-SHA256(secret, "<X-Webhook-Timestamp>.<raw body>")>} (an older page
 * shows it without the {@code sha256=} prefix), refusing timestamps outside the window, which bounds how long a
 * captured request can be replayed; or, as its API reference shows requests, {@code Authorization: Bearer <token>}.
 */
public final class HmsSovereignAuthentication implements Processor {
    public static final String SIGNATURE = "X-Webhook-Signature";
    public static final String TIMESTAMP = "X-Webhook-Timestamp";

    public enum Mode { HMAC, BEARER }

    private final WebhookAccounts accounts;
    private final Mode mode;
    private final PayloadHmac hmac;

    public HmsSovereignAuthentication(WebhookAccounts accounts, Mode mode, Duration window, Clock clock) {
        this.accounts = accounts;
        this.mode = mode;
        this.hmac = PayloadHmac.sha256(SignedPayload.TIMESTAMP_DOT_BODY, PayloadHmac.Epoch.SECONDS, window, clock);
    }

    @Override
    public void process(Exchange exchange) {
        accounts.verify(exchange, secret -> {
            if (mode == Mode.BEARER) {
                bearer(secret, exchange.getIn().getHeader("Authorization", String.class));
                return;
            }
            String signature = exchange.getIn().getHeader(SIGNATURE, String.class);
            String timestamp = exchange.getIn().getHeader(TIMESTAMP, String.class);
            if (signature == null || signature.isBlank()) {
                throw WebhookRejection.unauthorized("missing_signature", SIGNATURE + " header is required");
            }
            if (timestamp == null || timestamp.isBlank()) {
                throw WebhookRejection.unauthorized("missing_timestamp", TIMESTAMP + " header is required");
            }
            hmac.verify(secret, timestamp, exchange.getIn().getBody(byte[].class), Hmac.decodeDigest(signature),
                    SIGNATURE);
        });
    }

    private static void bearer(String token, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw WebhookRejection.unauthorized("missing_token", "Authorization: Bearer <token> is required");
        }
        if (!Hmac.sameText(token, authorization.substring(7).strip())) {
            throw WebhookRejection.unauthorized("invalid_token", "the Bearer token does not match");
        }
    }

    /** Reads {@code router.hms-sovereign.auth}: {@code hmac} or {@code bearer}. */
    public static Mode mode(String setting) {
        return switch (setting.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "hmac" -> Mode.HMAC;
            case "bearer" -> Mode.BEARER;
            default -> throw new IllegalArgumentException("router.hms-sovereign.auth must be hmac or bearer, not "
                    + setting);
        };
    }
}
