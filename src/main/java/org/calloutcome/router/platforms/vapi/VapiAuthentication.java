package org.calloutcome.router.platforms.vapi;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.calloutcome.router.intake.Hmac;
import org.calloutcome.router.intake.PayloadHmac;
import org.calloutcome.router.intake.SignedPayload;
import org.calloutcome.router.intake.WebhookAccounts;
import org.calloutcome.router.intake.WebhookRejection;
import org.calloutcome.router.platforms.Platform;

/**
 * Checks a Vapi request the way the tenant's server credential in Vapi is set ({@code router.vapi.auth}): an HMAC plan
 * (the default), a Bearer token, or the legacy static {@code x-vapi-secret} header. Every comparison is constant time.
 */
public final class VapiAuthentication implements Processor {
    public static final String LEGACY_HEADER = "x-vapi-secret";
    private static final String STANDARD_WEBHOOKS_PREFIX = "whsec_";

    public enum Mode { HMAC, BEARER, SECRET_HEADER }

    public enum Encoding { HEX, BASE64 }

    /** Vapi's HMAC authentication plan, field for field as the tenant set it on the credential. */
    public record HmacPlan(Hmac.Algorithm algorithm, String signatureHeader, String timestampHeader,
            String payloadFormat, Encoding encoding, String signaturePrefix, boolean secretIsBase64,
            String messageIdHeader, String url, Duration window) {
    }

    private final WebhookAccounts accounts;
    private final Mode mode;
    private final HmacPlan plan;
    private final PayloadHmac hmac;
    private final String bearerHeader;

    public VapiAuthentication(WebhookAccounts accounts, Mode mode, HmacPlan plan, String bearerHeader, Clock clock) {
        this.accounts = accounts;
        this.mode = mode;
        this.plan = plan;
        this.bearerHeader = bearerHeader;
        SignedPayload payload = SignedPayload.parse(plan.payloadFormat(),
                Set.of(SignedPayload.TIMESTAMP, "method", "url", "svix-id"));
        if (payload.uses("url") && plan.url() == null) {
            throw new IllegalArgumentException("the Vapi payload format signs {url}: set router.vapi.hmac.url to the"
                    + " server URL configured in Vapi");
        }
        if (payload.uses("svix-id") && plan.messageIdHeader() == null) {
            throw new IllegalArgumentException("the Vapi payload format signs {svix-id}: set"
                    + " router.vapi.hmac.message-id-header");
        }
        if (mode == Mode.HMAC && plan.secretIsBase64()) {
            // an unreadable secret stops the start, not every webhook
            accounts.credentials().forEach(credential -> credential.secrets().forEach(this::key));
        }
        this.hmac = new PayloadHmac(payload, plan.algorithm(), PayloadHmac.Epoch.SECONDS_OR_MILLISECONDS,
                plan.window(), clock);
    }

    /** Reads {@code router.vapi.*}; the defaults are Vapi's own. */
    /** From the settings {@code router.vapi.*}: {@code auth}, {@code hmac.*}, {@code bearer.header}. */
    public static VapiAuthentication from(WebhookAccounts accounts, Platform.Options settings, Clock clock) {
        String prefix = "hmac.";
        Mode mode = switch (settings.require("auth").toLowerCase(Locale.ROOT)) {
            case "hmac" -> Mode.HMAC;
            case "bearer" -> Mode.BEARER;
            case "x-vapi-secret" -> Mode.SECRET_HEADER;
            default -> throw new IllegalArgumentException("router.vapi.auth must be hmac, bearer or x-vapi-secret");
        };
        HmacPlan plan = new HmacPlan(
                Hmac.Algorithm.valueOf(settings.require(prefix + "algorithm").toUpperCase(Locale.ROOT)),
                settings.require(prefix + "signature-header"),
                settings.require(prefix + "timestamp-header"),
                settings.require(prefix + "payload-format"),
                Encoding.valueOf(settings.require(prefix + "signature-encoding").toUpperCase(Locale.ROOT)),
                settings.optional(prefix + "signature-prefix"),
                settings.flag(prefix + "secret-is-base64"),
                settings.optional(prefix + "message-id-header"),
                settings.optional(prefix + "url"),
                settings.seconds("timestamp-window-seconds"));
        return new VapiAuthentication(accounts, mode, plan, settings.require("bearer.header"), clock);
    }

    @Override
    public void process(Exchange exchange) {
        accounts.verify(exchange, secret -> {
            switch (mode) {
                case BEARER -> token(secret, bearer(exchange.getIn().getHeader(bearerHeader, String.class)),
                        bearerHeader);
                case SECRET_HEADER -> token(secret, exchange.getIn().getHeader(LEGACY_HEADER, String.class),
                        LEGACY_HEADER);
                case HMAC -> signature(secret, exchange);
            }
        });
    }

    private void signature(String secret, Exchange exchange) {
        String header = exchange.getIn().getHeader(plan.signatureHeader(), String.class);
        if (header == null || header.isBlank()) {
            throw WebhookRejection.unauthorized("missing_signature", plan.signatureHeader() + " header is required");
        }
        String timestamp = exchange.getIn().getHeader(plan.timestampHeader(), String.class);
        if (hmac.timestamped() && (timestamp == null || timestamp.isBlank())) {
            throw WebhookRejection.unauthorized("missing_timestamp", plan.timestampHeader() + " header is required");
        }
        Map<String, String> values = new HashMap<>();
        values.put("method", exchange.getIn().getHeader(Exchange.HTTP_METHOD, "POST", String.class));
        if (plan.url() != null) {
            values.put("url", plan.url());
        }
        if (plan.messageIdHeader() != null) {
            values.put("svix-id", exchange.getIn().getHeader(plan.messageIdHeader(), "", String.class));
        }
        hmac.verify(key(secret), timestamp, exchange.getIn().getBody(byte[].class), values, digests(header),
                plan.signatureHeader());
    }

    /** The key: the secret's bytes, or its base64 after a {@code whsec_} prefix (as Standard Webhooks reads it). */
    private byte[] key(String secret) {
        if (!plan.secretIsBase64()) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
        String encoded = secret.strip();
        encoded = encoded.startsWith(STANDARD_WEBHOOKS_PREFIX) ? encoded.substring(STANDARD_WEBHOOKS_PREFIX.length())
                : encoded;
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("VAPI_WEBHOOK_SECRET is not base64, but router.vapi.hmac."
                    + "secret-is-base64 is true");
        }
    }

    /**
     * The digests the header carries in the plan's encoding, each after its prefix: one, or several separated by
     * spaces ({@code v1,<a> v1,<b>} while a Standard Webhooks secret rotates); empty when none is readable.
     */
    private List<byte[]> digests(String header) {
        List<byte[]> digests = new ArrayList<>();
        for (String part : header.strip().split("\\s+")) {
            digests.addAll(digest(part));
        }
        return digests;
    }

    private List<byte[]> digest(String part) {
        String value = part;
        String prefix = plan.signaturePrefix();
        if (prefix != null && value.regionMatches(true, 0, prefix, 0, prefix.length())) {
            value = value.substring(prefix.length());
        }
        List<byte[]> digests = new ArrayList<>();
        if (plan.encoding() == Encoding.HEX && value.matches("[0-9a-fA-F]+") && value.length() % 2 == 0) {
            digests.add(HexFormat.of().parseHex(value));
        } else if (plan.encoding() == Encoding.BASE64) {
            for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
                try {
                    digests.add(decoder.decode(value));
                } catch (IllegalArgumentException notThisAlphabet) {
                    // the other one may read it
                }
            }
        }
        return digests;
    }

    private static void token(String expected, String provided, String header) {
        if (provided == null || provided.isBlank()) {
            throw WebhookRejection.unauthorized("missing_token", header + " header is required");
        }
        if (!Hmac.sameText(expected, provided.strip())) {
            throw WebhookRejection.unauthorized("invalid_token", header + " does not match the Vapi secret");
        }
    }

    private static String bearer(String value) {
        return value != null && value.regionMatches(true, 0, "Bearer ", 0, 7) ? value.substring(7) : value;
    }
}
