package org.calloutcome.router.support;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.calloutcome.router.normalize.Json;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * The org's OAuth 2.0 token endpoint ({@code POST /services/oauth2/token}), as Salesforce Help documents each flow:
 * <ul>
 * <li>Client credentials ("OAuth 2.0 Client Credentials Flow for Server-to-Server Integration"): {@code client_id} and
 * {@code client_secret} of the app; a wrong pair is 400 {@code invalid_client} "invalid client credentials".</li>
 * <li>JWT bearer ("OAuth 2.0 JWT Bearer Flow for Server-to-Server Integration"): an {@code assertion} whose header is
 * {@code {"alg":"RS256"}}, whose claims are {@code iss} (the app's client id), {@code sub} (the user), {@code aud}
 * (the authorization server) and {@code exp}, signed with the key of the certificate uploaded to the app. The page
 * gives {@code exp} within 3 minutes; camel-salesforce sends 4.5 minutes and runs against real orgs, so up to 5 minutes
 * is taken and later is refused. The error texts for a bad signature, audience or expiry are those the page lists
 * under invalid_grant; the page does not say which one each failure gets, so this fake's choice is its own.</li>
 * <li>Username-password (legacy): the user's password, client id and secret.</li>
 * </ul>
 * A success is Salesforce's token response: {@code access_token}, {@code instance_url}, {@code id} (the identity URL
 * with the org and user ids), {@code token_type}, {@code issued_at}, {@code signature}; no refresh token for these flows.
 */
public final class FakeSalesforceLogin implements ResponseDefinitionTransformerV2 {
    public static final String NAME = "fake-salesforce-login";

    public volatile String clientId = "fake-client-id";
    public volatile String clientSecret = "fake-client-secret";
    public volatile String userName = "router@example.com";
    public volatile String password = "fake-password";
    /** The certificate's key uploaded to the app (JWT); null: the app has none. */
    public volatile PublicKey certificateKey;
    /** The aud a JWT must carry; null: the server's own base URL (the login URL it is reached at). */
    public volatile String audience;
    /** The grant types of the logins answered, in order. */
    public final java.util.List<String> grants = new CopyOnWriteArrayList<>();

    /** The app and user as {@link FakeOrg} configures the router for them; no certificate, no audience set. */
    public void reset() {
        clientId = "fake-client-id";
        clientSecret = "fake-client-secret";
        userName = "router@example.com";
        password = "fake-password";
        certificateKey = null;
        audience = null;
        grants.clear();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Map<String, String> form = Webhooks.form(event.getRequest().getBodyAsString());
        String grant = form.getOrDefault("grant_type", "");
        grants.add(grant);
        String base = event.getRequest().getAbsoluteUrl().replaceAll("(https?://[^/]+).*", "$1");
        String refusal = switch (grant) {
            case "client_credentials" -> clientId.equals(form.get("client_id"))
                    && clientSecret.equals(form.get("client_secret")) ? null : "invalid_client:invalid client credentials";
            case "password" -> !clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))
                    ? "invalid_client:invalid client credentials" : userName.equals(form.get("username"))
                    && password.equals(form.get("password")) ? null : "invalid_grant:authentication failure";
            case "urn:ietf:params:oauth:grant-type:jwt-bearer" -> jwt(form.get("assertion"),
                    audience != null ? audience : base);
            default -> "unsupported_grant_type:grant type not supported";
        };
        if (refusal != null) {
            ObjectNode error = Json.MAPPER.createObjectNode();
            error.put("error", refusal.substring(0, refusal.indexOf(':')));
            error.put("error_description", refusal.substring(refusal.indexOf(':') + 1));
            return responseDefinition().withStatus(400).withHeader("Content-Type", "application/json")
                    .withBody(error.toString()).build();
        }
        ObjectNode token = Json.MAPPER.createObjectNode();
        token.put("access_token", "00D000000000001!AQ0AQFakeAccessToken");
        token.put("instance_url", base);
        token.put("id", base + "/id/00D000000000001AAA/005000000000001AAA");
        token.put("token_type", "Bearer");
        token.put("issued_at", "1732300000000");
        token.put("signature", "dGhpcyBpcyBhIGZha2Ugc2lnbmF0dXJl");
        if (!grant.equals("password")) {
            token.put("scope", "api");
        }
        return responseDefinition().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody(token.toString()).build();
    }

    /** Why the assertion is refused ({@code error:description}), or null. */
    private String jwt(String assertion, String expectedAudience) {
        if (assertion == null || certificateKey == null) {
            return "invalid_grant:invalid assertion";
        }
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            return "invalid_grant:invalid assertion";
        }
        try {
            Base64.Decoder base64 = Base64.getUrlDecoder();
            JsonNode header = Json.MAPPER.readTree(base64.decode(parts[0]));
            JsonNode claims = Json.MAPPER.readTree(base64.decode(parts[1]));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(certificateKey);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!"RS256".equals(header.path("alg").asText()) || !rs256.verify(base64.decode(parts[2]))) {
                return "invalid_grant:invalid assertion";
            }
            if (!clientId.equals(claims.path("iss").asText())) {
                return "invalid_client_id:client identifier invalid";
            }
            if (!userName.equals(claims.path("sub").asText())) {
                return "invalid_grant:user hasn't approved this consumer";
            }
            if (!expectedAudience.equals(claims.path("aud").asText())) {
                return "invalid_grant:audience is invalid";
            }
            long exp = Long.parseLong(claims.path("exp").asText("0")); // a number, or a number in a string
            long now = Instant.now().getEpochSecond();
            if (exp < now || exp > now + 300) {
                return "invalid_grant:expired authorization code";
            }
            return null;
        } catch (Exception e) {
            return "invalid_grant:invalid assertion";
        }
    }
}
