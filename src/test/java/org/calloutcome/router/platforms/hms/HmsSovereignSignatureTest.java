package org.calloutcome.router.platforms.hms;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.calloutcome.router.intake.Hmac;
import org.calloutcome.router.intake.WebhookCredential;
import org.calloutcome.router.intake.WebhookRejection;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HmsSovereignSignatureTest {
    private static final String SECRET = "hms-secret";
    private static final byte[] BODY = "{\"message\":{\"type\":\"end-of-call-report\"}}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

    private final CamelContext context = new DefaultCamelContext();
    private final HmsSovereignSignature signature = new HmsSovereignSignature(
            new WebhookCredential("hms-sovereign", "HMS_SOVEREIGN_WEBHOOK_SECRET", Optional.of(SECRET), false),
            Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

    private Exchange request(long timestamp, String signatureHeader) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getIn().setBody(BODY);
        exchange.getIn().setHeader(HmsSovereignSignature.TIMESTAMP, String.valueOf(timestamp));
        exchange.getIn().setHeader(HmsSovereignSignature.SIGNATURE, signatureHeader);
        return exchange;
    }

    private static String sign(long timestamp) {
        byte[] signed = (timestamp + "." + new String(BODY, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().formatHex(Hmac.sha256(SECRET, signed));
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
}
