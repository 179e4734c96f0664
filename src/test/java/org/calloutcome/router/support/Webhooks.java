package org.calloutcome.router.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.CamelContext;
import org.calloutcome.router.admin.AdminServer;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.calloutcome.router.normalize.Json;

/** Posts webhooks to the running router the way each vendor does, with that vendor's credentials. */
public final class Webhooks {
    public static final String ALTUR_SECRET = "YWx0dXItdGVzdC1rZXktMDEyMzQ1Njc4OQ==";
    public static final String HMS_SECRET = "hms-test-secret";
    public static final String CLARION_TOKEN = "clarion-test-token";
    public static final String CALLKARO_TOKEN = "callkaro-test-token";
    public static final String BLAND_SECRET = "bland-test-secret";
    public static final String RETELL_API_KEY = "key_retell_test_0123456789";
    public static final String ELEVENLABS_SECRET = "wsec_elevenlabs_test";
    public static final String VAPI_SECRET = "vapi-test-secret";

    public record Answer(int status, JsonNode body) {
        public String eventId() {
            return body.path("eventId").asText(null);
        }

        public String error() {
            return body.path("error").asText(null);
        }
    }

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final String adminBase;

    public Webhooks(CamelContext context) {
        // with camel.server.port=0 the bound port is known only to the running server
        this("http://localhost:" + context.hasService(MainHttpServer.class).getRouter().getServer().getPort(),
                context.hasService(AdminServer.class) == null ? null
                        : "http://localhost:" + context.hasService(AdminServer.class).getServerPort());
    }

    /** A client of a router running elsewhere (another process). */
    public Webhooks(String base) {
        this(base, null);
    }

    private Webhooks(String base, String adminBase) {
        this.base = base;
        this.adminBase = adminBase;
    }

    /** A client of the router's admin port (which exists when ADMIN_TOKEN is set). */
    public Webhooks admin() {
        if (adminBase == null) {
            throw new IllegalStateException("the router runs no admin server: set router.admin.token");
        }
        return new Webhooks(adminBase);
    }

    /** The router's address, {@code http://localhost:<port>}. */
    public String base() {
        return base;
    }

    /** An {@code application/x-www-form-urlencoded} body's fields (an OAuth token request's, say). */
    public static java.util.Map<String, String> form(String body) {
        java.util.Map<String, String> form = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(java.net.URLDecoder.decode(pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    /** CallKaro's documented example as a call in which the person asked not to be called again. */
    public static byte[] callkaroOptOut(String callSid) {
        return new String(example("callkaro-call-ended.json"), java.nio.charset.StandardCharsets.UTF_8)
                .replace("2303fa770b666a64ab1694c1e", callSid)
                .replace("Customer requested callback", "Customer said: do not call me again")
                .replace("\"conversion_status\": true", "\"conversion_status\": false")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }


    /**
     * HMS Sovereign's documented end-of-call-report as another call: its id, the customer's number, the CRM id its
     * assistant's metadata carries (null: none), the analysis flags set true.
     */
    public static byte[] hmsReport(String callId, String crmId, String number, String... flags) {
        try {
            ObjectNode root = (ObjectNode)
                    Json.MAPPER.readTree(example("hms-sovereign-end-of-call-report.json"));
            ObjectNode message =
                    (ObjectNode) root.path("message");
            ((ObjectNode) message.path("call")).put("id", callId);
            ((ObjectNode) message.path("customer")).put("number", number);
            ObjectNode metadata =
                    (ObjectNode) message.path("assistant").path("metadata");
            if (crmId == null) {
                metadata.remove("crm_id");
            } else {
                metadata.put("crm_id", crmId);
            }
            for (String flag : flags) {
                ((ObjectNode) message.path("analysis")).put(flag, true);
            }
            return Json.write(root).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HMS Sovereign report that ended at this instant instead of its example's. */
    public static byte[] hmsEndedAt(byte[] report, String instant) {
        return new String(report, StandardCharsets.UTF_8).replace("2025-12-13T12:05:30.000Z", instant)
                .getBytes(StandardCharsets.UTF_8);
    }
    public static byte[] example(String name) {
        try (InputStream in = Webhooks.class.getResourceAsStream("/vendor-examples/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no example " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The hex HMAC-SHA256 of {@code parts} (in order) keyed with {@code secret}'s UTF-8 bytes, computed with the JDK
     * alone: every platform's signature in these tests comes from here, never from the router's own code.
     */
    public static String hmacHex(String secret, byte[]... parts) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** ElevenLabs-Signature with one or more v0 values for a time. */
    public Answer elevenlabs(byte[] body, long epochSeconds, String... secrets) {
        StringBuilder header = new StringBuilder("t=" + epochSeconds);
        for (String secret : secrets) {
            header.append(",v0=").append(hmacHex(secret, utf8(epochSeconds + "."), body));
        }
        return post("/webhooks/elevenlabs", body, "application/json", "ElevenLabs-Signature", header.toString());
    }

    public Answer elevenlabs(byte[] body) {
        return elevenlabs(body, System.currentTimeMillis() / 1000, ELEVENLABS_SECRET);
    }

    /** Retell's x-retell-signature for a time: hex HMAC of the body, then the time. */
    public Answer retell(byte[] body, long epochMillis) {
        return retell("/webhooks/retell", RETELL_API_KEY, body, epochMillis);
    }

    /** A Retell webhook to {@code path} (an account's: {@code /webhooks/retell/<account>}), signed with that API key. */
    public Answer retell(String path, String apiKey, byte[] body) {
        return retell(path, apiKey, body, System.currentTimeMillis());
    }

    private Answer retell(String path, String apiKey, byte[] body, long epochMillis) {
        return post(path, body, "application/json", "x-retell-signature",
                "v=" + epochMillis + ",d=" + hmacHex(apiKey, body, utf8(Long.toString(epochMillis))));
    }

    /** Vapi's default HMAC plan: hex HMAC-SHA256 of "{timestamp}.{body}" in x-signature. */
    public Answer vapi(byte[] body, long timestamp, String secret) {
        return post("/webhooks/vapi", body, "application/json", "x-timestamp", String.valueOf(timestamp),
                "x-signature", hmacHex(secret, utf8(timestamp + "."), body));
    }

    public Answer vapi(byte[] body) {
        return vapi(body, System.currentTimeMillis(), VAPI_SECRET);
    }

    public Answer retell(byte[] body) {
        return retell(body, System.currentTimeMillis());
    }

    /** Bland's X-Webhook-Signature: hex HMAC of the body. */
    public Answer bland(byte[] body) {
        return blandSignedWith(BLAND_SECRET, body);
    }

    public Answer blandSignedWith(String secret, byte[] body) {
        return bland(body, hmacHex(secret, body));
    }

    public Answer bland(byte[] body, String signature) {
        return post("/webhooks/bland", body, "application/json", "X-Webhook-Signature", signature);
    }

    public Answer altur(byte[] body) {
        return altur(body, hmacHex(ALTUR_SECRET, body));
    }

    public Answer altur(byte[] body, String signature) {
        return post("/webhooks/altur", body, "application/json", "X-Altur-Signature", signature);
    }

    public Answer hms(byte[] body) {
        return hms(body, Instant.now().getEpochSecond());
    }

    public Answer hms(byte[] body, long timestamp) {
        String signature = "sha256=" + hmacHex(HMS_SECRET, utf8(timestamp + "."), body);
        return post("/webhooks/hms-sovereign", body, "application/json",
                "X-Webhook-Timestamp", String.valueOf(timestamp), "X-Webhook-Signature", signature,
                "X-Webhook-Event", "end-of-call-report");
    }

    public Answer clarion(byte[] body) {
        return post("/webhooks/clarion", body, "application/json", "Authorization", "Bearer " + CLARION_TOKEN);
    }

    /** CallKaro lets one set only a URL, so its token travels as a query parameter. */
    public Answer callkaro(byte[] body) {
        return post("/webhooks/callkaro?token=" + CALLKARO_TOKEN, body, "application/json");
    }

    public Answer post(String path, byte[] body, String contentType, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", contentType);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Answer(response.statusCode(), text.isEmpty() ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
