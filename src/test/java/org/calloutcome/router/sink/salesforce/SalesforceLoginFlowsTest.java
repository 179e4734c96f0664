package org.calloutcome.router.sink.salesforce;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.calloutcome.router.AdminChecks;
import org.calloutcome.router.support.FakeOrg;
import org.calloutcome.router.support.TestKeystore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each login flow end to end: the router's settings, camel-salesforce's login, and the org's token endpoint checking
 * what Salesforce checks (client credentials; the JWT's issuer, subject, audience, expiry and RS256 signature), then
 * API requests with the token. (The sink's own tests log in with client credentials.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SalesforceLoginFlowsTest {
    private static final String C = "camel.component.salesforce.";
    private FakeOrg fake;
    private TestKeystore keystore;

    @BeforeAll
    void startOrg() throws Exception {
        fake = FakeOrg.start();
        keystore = TestKeystore.create(Path.of("target", "salesforce-jwt", "router.p12"));
    }

    @AfterAll
    void stopOrg() {
        fake.stop();
    }

    @BeforeEach
    void emptyOrg() {
        fake.reset();
        fake.org.login.certificateKey = keystore.certificateKey();
    }

    /** Logs in with these settings and reads the org's allocation and objects; the first line says how login went. */
    private List<String> logIn(String... settings) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AdminChecks.salesforce(null, new PrintStream(out, true, StandardCharsets.UTF_8), settings);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private String[] jwt(String... more) {
        List<String> settings = new java.util.ArrayList<>(List.of(C + "client-secret=", C + "user-name=router@example.com",
                "router.salesforce.keystore=file:" + keystore.file(),
                "router.salesforce.keystore-password=" + keystore.password()));
        settings.addAll(List.of(more));
        return settings.toArray(String[]::new);
    }

    @Test
    void clientCredentialsLogInAtTheOrgsOwnDomain() throws Exception {
        List<String> lines = logIn();
        assertEquals("OK    Login at " + fake.server.baseUrl() + ": accepted", lines.get(0));
        assertEquals(List.of("client_credentials"), fake.org.login.grants);
        assertTrue(fake.org.apiCalls.get() >= 2, "the token served the API requests");
    }

    @Test
    void aJwtSignedWithTheCertificatesKeyLogsIn() throws Exception {
        List<String> lines = logIn(jwt());
        assertEquals("OK    Login at " + fake.server.baseUrl() + ": accepted", lines.get(0));
        assertEquals(List.of("urn:ietf:params:oauth:grant-type:jwt-bearer"), fake.org.login.grants);
    }

    @Test
    void theJwtAudienceSettingReachesTheAssertion() throws Exception {
        fake.org.login.audience = "https://test.salesforce.com"; // a sandbox
        assertTrue(logIn(jwt()).get(0).contains("audience is invalid"), "the login URL is not a sandbox's audience");
        assertEquals("OK    Login at " + fake.server.baseUrl() + ": accepted",
                logIn(jwt("router.salesforce.jwt-audience=https://test.salesforce.com")).get(0));
    }

    @Test
    void aJwtForAnotherUserOrSignedWithAnotherKeyIsRefused() throws Exception {
        assertTrue(logIn(jwt(C + "user-name=someone.else@example.com")).get(0)
                .contains("user hasn't approved this consumer"));
        fake.org.login.certificateKey = TestKeystore.create(Path.of("target", "salesforce-jwt", "other.p12"))
                .certificateKey();
        assertTrue(logIn(jwt()).get(0).contains("invalid assertion"));
    }

    @Test
    void theLegacyUsernamePasswordFlowStillLogsIn() throws Exception {
        assertEquals("OK    Login at " + fake.server.baseUrl() + ": accepted",
                logIn(C + "user-name=router@example.com", C + "password=fake-password").get(0));
        assertEquals(List.of("password"), fake.org.login.grants);
    }
}
