package org.calloutcome.router.platforms.hms;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.calloutcome.router.intake.WebhookAccounts;
import org.calloutcome.router.intake.WebhookCredential;
import org.calloutcome.router.intake.WebhookRejection;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HmsSovereignAuthenticationTest {
    private static final String SECRET = "hms-secret";
    private static final byte[] BODY = "{\"message\":{\"type\":\"end-of-call-report\"}}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    private final CamelContext context = new DefaultCamelContext();
    private final HmsSovereignAuthentication signature = authentication(HmsSovereignAuthentication.Mode.HMAC);

    private static HmsSovereignAuthentication authentication(HmsSovereignAuthentication.Mode mode) {
        return new HmsSovereignAuthentication(WebhookAccounts.single("/webhooks/hms-sovereign", new WebhookCredential(
                "hms-sovereign", "default", "HMS_SOVEREIGN_WEBHOOK_SECRET", Optional.of(SECRET), Optional.empty(),
                false)), mode, Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Exchange request(long timestamp, String signatureHeader) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getIn().setBody(BODY);
        exchange.getIn().setHeader(HmsSovereignAuthentication.TIMESTAMP, String.valueOf(timestamp));
        exchange.getIn().setHeader(HmsSovereignAuthentication.SIGNATURE, signatureHeader);
        return exchange;
    }

    private static String sign(long timestamp) {
        byte[] signed = (timestamp + "." + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        return Webhooks.hmacHex(SECRET, signed);
    }

    @Test
    void theSignatureIsAcceptedWithOrWithoutItsPrefix() {
        long now = NOW.getEpochSecond();
        assertDoesNotThrow(() -> signature.process(request(now, "sha256=" + sign(now))));
        assertDoesNotThrow(() -> signature.process(request(now, sign(now))));
    }

    @Test
    void aTimestampOutsideTheWindowOrADifferentSignatureIsRefused() {
        long stale = NOW.getEpochSecond() - 301;
        assertEquals("stale_timestamp", assertThrows(WebhookRejection.class,
                () -> signature.process(request(stale, sign(stale)))).getError());
        long future = NOW.getEpochSecond() + 301;
        assertEquals("stale_timestamp", assertThrows(WebhookRejection.class,
                () -> signature.process(request(future, sign(future)))).getError());
        long now = NOW.getEpochSecond();
        assertEquals("invalid_signature", assertThrows(WebhookRejection.class,
                () -> signature.process(request(now, sign(now - 1)))).getError(), "signed for another timestamp");
    }

    @Test
    void setUpAsItsApiReferenceShowsRequestsTheTokenComesAsABearer() {
        HmsSovereignAuthentication bearer = authentication(HmsSovereignAuthentication.Mode.BEARER);
        Exchange request = new DefaultExchange(context);
        request.getIn().setBody(BODY);
        request.getIn().setHeader("Authorization", "Bearer " + SECRET);
        assertDoesNotThrow(() -> bearer.process(request));
        request.getIn().setHeader("Authorization", "Bearer " + SECRET + "-old");
        assertEquals("invalid_token", assertThrows(WebhookRejection.class, () -> bearer.process(request)).getError());
        request.getIn().removeHeader("Authorization");
        long now = NOW.getEpochSecond();
        request.getIn().setHeader(HmsSovereignAuthentication.TIMESTAMP, String.valueOf(now));
        request.getIn().setHeader(HmsSovereignAuthentication.SIGNATURE, sign(now));
        assertEquals("missing_token", assertThrows(WebhookRejection.class, () -> bearer.process(request)).getError(),
                "a bearer tenant's requests carry the token, not a signature");
        assertEquals(HmsSovereignAuthentication.Mode.BEARER, HmsSovereignAuthentication.mode(" Bearer "));
        assertThrows(IllegalArgumentException.class, () -> HmsSovereignAuthentication.mode("basic"));
    }
}
