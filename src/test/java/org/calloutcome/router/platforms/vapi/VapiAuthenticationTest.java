package org.calloutcome.router.platforms.vapi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.calloutcome.router.intake.Hmac;
import org.calloutcome.router.intake.WebhookAccounts;
import org.calloutcome.router.intake.WebhookCredential;
import org.calloutcome.router.intake.WebhookRejection;
import org.calloutcome.router.platforms.vapi.VapiAuthentication.Encoding;
import org.calloutcome.router.platforms.vapi.VapiAuthentication.HmacPlan;
import org.calloutcome.router.platforms.vapi.VapiAuthentication.Mode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each way a Vapi credential can authenticate, with signatures computed here by the JDK's Mac alone. */
class VapiAuthenticationTest {
    private static final String SECRET = "vapi-plan-secret";
    private static final byte[] BODY = "{\"message\":{\"type\":\"end-of-call-report\",\"customer\":{\"name\":\"Zoë\"}}}"
            .getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-03-02T08:00:00Z");
    private static final HmacPlan DEFAULTS = new HmacPlan(Hmac.Algorithm.SHA256, "x-signature", "x-timestamp",
            "{timestamp}.{body}", Encoding.HEX, null, false, null, null, Duration.ofMinutes(5));

    private final CamelContext context = new DefaultCamelContext();

    private VapiAuthentication authentication(Mode mode, HmacPlan plan, String secret) {
        return new VapiAuthentication(WebhookAccounts.single("/webhooks/vapi", new WebhookCredential("vapi",
                "default", "VAPI_WEBHOOK_SECRET", Optional.of(secret), Optional.empty(), false)), mode, plan,
                "Authorization", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Exchange request(byte[] body, String... headers) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getIn().setBody(body);
        exchange.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
        for (int i = 0; i < headers.length; i += 2) {
            exchange.getIn().setHeader(headers[i], headers[i + 1]);
        }
        return exchange;
    }

    private static byte[] mac(String algorithm, byte[] key, String before, byte[] body) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            mac.update(before.getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String error(VapiAuthentication authentication, Exchange request) {
        return assertThrows(WebhookRejection.class, () -> authentication.process(request)).getError();
    }

    @Test
    void theDefaultPlanSignsTimestampDotBodyInHexAndHoldsTheTimestampToFiveMinutes() {
        VapiAuthentication vapi = authentication(Mode.HMAC, DEFAULTS, SECRET);
        long millis = NOW.toEpochMilli();
        String hex = HexFormat.of().formatHex(mac("HmacSHA256", SECRET.getBytes(StandardCharsets.UTF_8),
                millis + ".", BODY));
        assertDoesNotThrow(() -> vapi.process(request(BODY, "x-timestamp", String.valueOf(millis), "x-signature", hex)));
        long seconds = NOW.getEpochSecond();
        String signedInSeconds = HexFormat.of().formatHex(mac("HmacSHA256", SECRET.getBytes(StandardCharsets.UTF_8),
                seconds + ".", BODY));
        assertDoesNotThrow(() -> vapi.process(request(BODY, "x-timestamp", String.valueOf(seconds),
                "x-signature", signedInSeconds)));

        long stale = millis - 301_000;
        String staleHex = HexFormat.of().formatHex(mac("HmacSHA256", SECRET.getBytes(StandardCharsets.UTF_8),
                stale + ".", BODY));
        assertEquals("stale_timestamp", error(vapi, request(BODY, "x-timestamp", String.valueOf(stale),
                "x-signature", staleHex)));
        assertEquals("invalid_signature", error(vapi, request(BODY, "x-timestamp", String.valueOf(millis + 1),
                "x-signature", hex)), "signed for another timestamp");
        assertEquals("missing_timestamp", error(vapi, request(BODY, "x-signature", hex)));
        assertEquals("missing_signature", error(vapi, request(BODY, "x-timestamp", String.valueOf(millis))));
    }

    @Test
    void aSha512PlanWithOtherHeadersAPrefixBase64AndABase64SecretIsFollowedField4Field() {
        byte[] key = "raw key bytes \u00e9\u0001".getBytes(StandardCharsets.UTF_8);
        HmacPlan plan = new HmacPlan(Hmac.Algorithm.SHA512, "X-Vapi-Signature", "X-Vapi-Time",
                "{method}:{timestamp}:{body}", Encoding.BASE64, "v1=", true, null, null, Duration.ofMinutes(5));
        VapiAuthentication vapi = authentication(Mode.HMAC, plan, Base64.getEncoder().encodeToString(key));
        long seconds = NOW.getEpochSecond();
        String signature = "v1=" + Base64.getEncoder().encodeToString(mac("HmacSHA512", key, "POST:" + seconds + ":",
                BODY));
        assertDoesNotThrow(() -> vapi.process(request(BODY, "X-Vapi-Time", String.valueOf(seconds),
                "X-Vapi-Signature", signature)));
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("Zoë", "Zoe").getBytes(StandardCharsets.UTF_8);
        assertEquals("invalid_signature", error(vapi, request(tampered, "X-Vapi-Time", String.valueOf(seconds),
                "X-Vapi-Signature", signature)));
    }

    /**
     * A Standard Webhooks plan, as the standardwebhooks library signs: base64 HMAC-SHA256 of {@code id.timestamp.body}
     * keyed with the base64 after {@code whsec_}, sent as {@code v1,<sig>}; several space-separated while rotating.
     */
    @Test
    void aStandardWebhooksPlanReadsAWhsecSecretAndAcceptsAHeaderListingSeveralSignatures() {
        byte[] key = "a standard webhooks key!".getBytes(StandardCharsets.UTF_8);
        HmacPlan plan = new HmacPlan(Hmac.Algorithm.SHA256, "webhook-signature", "webhook-timestamp",
                "{svix-id}.{timestamp}.{body}", Encoding.BASE64, "v1,", true, "webhook-id", null, Duration.ofMinutes(5));
        VapiAuthentication vapi = authentication(Mode.HMAC, plan, "whsec_" + Base64.getEncoder().encodeToString(key));
        long seconds = NOW.getEpochSecond();
        String id = "msg_2Lh9KRb0pNZHs1a8z6N8r3Q";
        String right = "v1," + Base64.getEncoder().encodeToString(mac("HmacSHA256", key, id + "." + seconds + ".",
                BODY));
        String other = "v1," + Base64.getEncoder().encodeToString(mac("HmacSHA256",
                "the key before the rotation".getBytes(StandardCharsets.UTF_8), id + "." + seconds + ".", BODY));
        assertDoesNotThrow(() -> vapi.process(request(BODY, "webhook-id", id, "webhook-timestamp",
                String.valueOf(seconds), "webhook-signature", right)));
        assertDoesNotThrow(() -> vapi.process(request(BODY, "webhook-id", id, "webhook-timestamp",
                String.valueOf(seconds), "webhook-signature", other + " " + right)), "one of several matches");
        assertEquals("invalid_signature", error(vapi, request(BODY, "webhook-id", id, "webhook-timestamp",
                String.valueOf(seconds), "webhook-signature", other + " " + other)));
        assertEquals("invalid_signature", error(vapi, request(BODY, "webhook-id", "msg_other", "webhook-timestamp",
                String.valueOf(seconds), "webhook-signature", right)), "the message id is signed");
    }

    @Test
    void aPlanWithoutTimestampSignsTheBodyAloneWithSha1() {
        HmacPlan plan = new HmacPlan(Hmac.Algorithm.SHA1, "x-vapi-signature", "x-timestamp", "{body}", Encoding.HEX,
                null, false, null, null, Duration.ofMinutes(5));
        VapiAuthentication vapi = authentication(Mode.HMAC, plan, SECRET);
        String hex = HexFormat.of().formatHex(mac("HmacSHA1", SECRET.getBytes(StandardCharsets.UTF_8), "", BODY));
        assertDoesNotThrow(() -> vapi.process(request(BODY, "x-vapi-signature", hex)), "no timestamp header needed");
        String sha256 = HexFormat.of().formatHex(mac("HmacSHA256", SECRET.getBytes(StandardCharsets.UTF_8), "", BODY));
        assertEquals("invalid_signature", error(vapi, request(BODY, "x-vapi-signature", sha256)),
                "the plan's algorithm, not another");
    }

    @Test
    void aBearerTokenOrTheLegacySecretHeaderIsComparedWhole() {
        VapiAuthentication bearer = authentication(Mode.BEARER, DEFAULTS, SECRET);
        assertDoesNotThrow(() -> bearer.process(request(BODY, "Authorization", "Bearer " + SECRET)));
        assertDoesNotThrow(() -> bearer.process(request(BODY, "Authorization", SECRET)), "without the Bearer prefix");
        assertEquals("invalid_token", error(bearer, request(BODY, "Authorization", "Bearer " + SECRET + "x")));
        assertEquals("missing_token", error(bearer, request(BODY)));

        VapiAuthentication legacy = authentication(Mode.SECRET_HEADER, DEFAULTS, SECRET);
        assertDoesNotThrow(() -> legacy.process(request(BODY, "x-vapi-secret", SECRET)));
        assertEquals("invalid_token", error(legacy, request(BODY, "x-vapi-secret", "vapi-plan-secreT")));
        assertEquals("missing_token", error(legacy, request(BODY, "Authorization", "Bearer " + SECRET)),
                "a token in another header is not the legacy secret");
    }

    @Test
    void aPlanTheRouterCannotFollowStopsTheStartNamingWhatIsWrong() {
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class, () -> authentication(Mode.HMAC,
                new HmacPlan(Hmac.Algorithm.SHA256, "x-signature", "x-timestamp", "{timestamp}.{bdy}", Encoding.HEX,
                        null, false, null, null, Duration.ofMinutes(5)), SECRET));
        assertTrue(typo.getMessage().contains("{bdy}"), typo.getMessage());
        IllegalArgumentException url = assertThrows(IllegalArgumentException.class, () -> authentication(Mode.HMAC,
                new HmacPlan(Hmac.Algorithm.SHA256, "x-signature", "x-timestamp", "{url}{body}", Encoding.HEX,
                        null, false, null, null, Duration.ofMinutes(5)), SECRET));
        assertTrue(url.getMessage().contains("router.vapi.hmac.url"), url.getMessage());
        IllegalArgumentException notBase64 = assertThrows(IllegalArgumentException.class, () -> authentication(
                Mode.HMAC, new HmacPlan(Hmac.Algorithm.SHA256, "x-signature", "x-timestamp", "{body}", Encoding.HEX,
                        null, true, null, null, Duration.ofMinutes(5)), "not base64 at all!"));
        assertTrue(notBase64.getMessage().contains("VAPI_WEBHOOK_SECRET"), notBase64.getMessage());
    }
}
