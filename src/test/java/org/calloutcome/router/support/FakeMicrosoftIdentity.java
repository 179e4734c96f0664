package org.calloutcome.router.support;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.calloutcome.router.normalize.Json;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * The Microsoft identity platform's token endpoint over HTTPS, {@code POST /{tenant}/oauth2/v2.0/token}, as Microsoft
 * Learn documents the client credentials grant ("Microsoft identity platform and the OAuth 2.0 client credentials
 * flow"): a form with {@code client_id}, {@code client_secret}, {@code scope} ({@code <resource>/.default}) and
 * {@code grant_type=client_credentials}; a success is {@code token_type}, {@code expires_in}, {@code ext_expires_in},
 * {@code access_token}; an error is {@code error}, {@code error_description} (starting with its AADSTS code),
 * {@code error_codes}, {@code timestamp}, {@code trace_id}, {@code correlation_id}: AADSTS7000215 (401
 * {@code invalid_client}) for a wrong secret, AADSTS90002 (400 {@code invalid_request}) for a tenant that does not
 * exist, AADSTS1002012 (400 {@code invalid_scope}) for a scope without {@code /.default}. Which HTTP status goes with
 * each AADSTS code is not on those pages; these are what the identity platform is widely seen to answer.
 */
public final class FakeMicrosoftIdentity implements ResponseDefinitionTransformerV2 {
    public static final String NAME = "fake-microsoft-identity";
    public volatile String tenant = "7f1c0a55-2b1e-4e8a-9d3c-0123456789ab";
    public volatile String clientId = "0f8fad5b-d9cb-469f-a165-70867728950e";
    public volatile String clientSecret = "fake~client~secret";
    /** The key of the certificate uploaded to the app registration (certificate credentials); null: none. */
    public volatile java.security.PublicKey certificateKey;
    /** Tokens issued, which the fake mail server takes. */
    public final Set<String> issued = ConcurrentHashMap.newKeySet();
    public final AtomicInteger requests = new AtomicInteger();
    public final WireMockServer server;

    public FakeMicrosoftIdentity(TestKeystore tls) {
        server = new WireMockServer(WireMockConfiguration.options().httpDisabled(true).dynamicHttpsPort()
                .keystorePath(tls.file().toString()).keystorePassword(tls.password()).keyManagerPassword(tls.password())
                .keystoreType("PKCS12").extensions(this));
        server.start();
        server.stubFor(post(urlPathMatching("/[^/]+/oauth2/v2\\.0/token")).willReturn(aResponse().withTransformers(NAME)));
    }

    /** The authority the router is configured with: this server, ending with a slash. */
    public String authority() {
        return "https://localhost:" + server.httpsPort() + "/";
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
        requests.incrementAndGet();
        Map<String, String> form = Webhooks.form(event.getRequest().getBodyAsString());
        String path = event.getRequest().getUrl();
        String requestTenant = path.substring(1, path.indexOf('/', 1));
        if (!requestTenant.equals(tenant)) {
            return error(400, "invalid_request", 90002, "Tenant '" + requestTenant + "' not found. Check to make sure"
                    + " you have the correct tenant ID and are signing into the correct cloud.");
        }
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return error(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type.");
        }
        if (!String.valueOf(form.get("scope")).contains("/.default")) {
            return error(400, "invalid_scope", 1002012, "The provided value for scope " + form.get("scope")
                    + " is not valid. Client credential flows must have a scope value with /.default suffixed to the"
                    + " resource identifier (application ID URI).");
        }
        if (CLIENT_ASSERTION.equals(form.get("client_assertion_type"))) {
            String refused = assertion(form.get("client_assertion"), event.getRequest().getAbsoluteUrl());
            if (refused != null) {
                return error(401, "invalid_client", 700027, refused);
            }
        } else if (!clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
            return error(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent"
                    + " in the request is the client secret value, not the client secret ID, for a secret added to app"
                    + " '" + clientId + "'.");
        }
        String token = "eyJ0eXAiOiJKV1QiLCJub25jZSI6ImZha2UifQ." + UUID.randomUUID();
        issued.add(token);
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("token_type", "Bearer");
        answer.put("expires_in", 3599);
        answer.put("ext_expires_in", 3599);
        answer.put("access_token", token);
        return json(200, answer);
    }

    private static final String CLIENT_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /**
     * A certificate credential (Microsoft Learn, "Microsoft identity platform application authentication certificate
     * credentials"): a JWT signed RS256 with the certificate's key, {@code iss} and {@code sub} the client id,
     * {@code aud} the token endpoint, {@code exp} ahead. Why it is refused, or null.
     */
    private String assertion(String jwt, String tokenEndpoint) {
        try {
            String[] parts = jwt.split("\\.");
            java.util.Base64.Decoder base64 = java.util.Base64.getUrlDecoder();
            com.fasterxml.jackson.databind.JsonNode claims = Json.MAPPER.readTree(base64.decode(parts[1]));
            java.security.Signature rs256 = java.security.Signature.getInstance("SHA256withRSA");
            rs256.initVerify(certificateKey);
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (certificateKey == null || !rs256.verify(base64.decode(parts[2]))) {
                return "Client assertion failed signature validation.";
            }
            if (!clientId.equals(claims.path("iss").asText()) || !clientId.equals(claims.path("sub").asText())
                    || !tokenEndpoint.equals(claims.path("aud").asText())
                    || claims.path("exp").asLong() < Instant.now().getEpochSecond()) {
                return "Client assertion contains an invalid signature or claims.";
            }
            return null;
        } catch (Exception e) {
            return "Client assertion failed signature validation.";
        }
    }

    private static ResponseDefinition error(int status, String error, int code, String description) {
        String trace = UUID.randomUUID().toString();
        String correlation = UUID.randomUUID().toString();
        ObjectNode answer = Json.MAPPER.createObjectNode();
        answer.put("error", error);
        answer.put("error_description", "AADSTS" + code + ": " + description + " Trace ID: " + trace
                + " Correlation ID: " + correlation + " Timestamp: " + Instant.now());
        answer.putArray("error_codes").add(code);
        answer.put("timestamp", Instant.now().toString());
        answer.put("trace_id", trace);
        answer.put("correlation_id", correlation);
        answer.put("error_uri", "https://login.microsoftonline.com/error?code=" + code);
        return json(status, answer);
    }

    private static ResponseDefinition json(int status, ObjectNode body) {
        return responseDefinition().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(body.toString()).build();
    }

    public void stop() {
        server.stop();
    }
}
