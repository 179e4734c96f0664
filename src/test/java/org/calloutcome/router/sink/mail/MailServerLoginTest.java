package org.calloutcome.router.sink.mail;

import java.nio.file.Path;
import java.util.Properties;

import org.apache.camel.impl.DefaultCamelContext;
import org.calloutcome.router.SinkConfiguration;
import org.calloutcome.router.Settings;
import org.calloutcome.router.support.FakeExchangeOnline;
import org.calloutcome.router.support.FakeMicrosoftIdentity;
import org.calloutcome.router.support.TestKeystore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mail server's login as Microsoft 365 takes it once Basic authentication is off: STARTTLS, then XOAUTH2 with a
 * token of the Microsoft identity platform; a password refused with Microsoft's words; a token refused with the
 * identity platform's (never the secret); and no token fetched while the router starts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MailServerLoginTest {
    private static final String MAILBOX = "alerts@contoso.example";
    private TestKeystore tls;
    private FakeMicrosoftIdentity identity;
    private FakeExchangeOnline exchange;

    @BeforeAll
    void start() throws Exception {
        tls = TestKeystore.server(Path.of("target", "mail-tls", "server.p12"));
        identity = new FakeMicrosoftIdentity(tls);
        exchange = new FakeExchangeOnline(tls.serverContext(), identity.issued::contains, MAILBOX);
    }

    @AfterAll
    void stop() throws Exception {
        exchange.close();
        identity.stop();
    }

    /** The mail server as the router configures it from these settings (over the shipped ones). */
    private MailServer server(String... settings) throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        context.getPropertiesComponent().setLocation("classpath:application.properties");
        Properties overrides = new Properties();
        overrides.setProperty("router.mail.smtp-host", "localhost");
        overrides.setProperty("router.mail.smtp-port", String.valueOf(exchange.port()));
        overrides.setProperty("router.mail.smtp-security", "starttls");
        overrides.setProperty("router.mail.from", MAILBOX);
        overrides.setProperty("router.mail.trust-store", "file:" + tls.trustStore());
        overrides.setProperty("router.mail.trust-store-password", tls.password());
        for (int i = 0; i < settings.length; i += 2) {
            overrides.setProperty(settings[i], settings[i + 1]);
        }
        context.getPropertiesComponent().setOverrideProperties(overrides);
        context.start();
        return MailServer.configure(context, SinkConfiguration.mailOptions(new Settings(context)));
    }

    private String[] oauth(String secret, String tenant) {
        return new String[] {"router.mail.smtp-auth", "oauth2", "router.mail.smtp-username", MAILBOX,
                "router.mail.oauth.authority", identity.authority(), "router.mail.oauth.tenant", tenant,
                "router.mail.oauth.client-id", identity.clientId, "router.mail.oauth.client-secret", secret};
    }

    @Test
    void anOAuthLoginFetchesATokenAndLogsInWithXoauth2AfterStartTls() throws Exception {
        int before = identity.requests.get();
        MailServer server = server(oauth(identity.clientSecret, identity.tenant));
        assertEquals(before, identity.requests.get(), "no token while the router starts");

        assertNull(server.checkLogin(), "the server took the login");
        assertNull(server.checkLogin());
        assertEquals(before + 1, identity.requests.get(), "the token is kept between logins");
        assertEquals("XOAUTH2", exchange.mechanisms.get(exchange.mechanisms.size() - 1));
    }

    @Test
    void aCertificateCanStandForTheSecret() throws Exception {
        TestKeystore certificate = TestKeystore.create(Path.of("target", "mail-tls", "app-certificate.p12"));
        identity.certificateKey = certificate.certificateKey();
        MailServer server = server("router.mail.smtp-auth", "oauth2", "router.mail.smtp-username", MAILBOX,
                "router.mail.oauth.authority", identity.authority(), "router.mail.oauth.tenant", identity.tenant,
                "router.mail.oauth.client-id", identity.clientId,
                "router.mail.oauth.certificate", certificate.file().toString(),
                "router.mail.oauth.certificate-password", certificate.password());
        assertNull(server.checkLogin(), "signed with the certificate's key, the assertion was taken");
    }

    @Test
    void aPasswordIsRefusedInMicrosoftsWords() throws Exception {
        MailServer server = server("router.mail.smtp-username", MAILBOX, "router.mail.smtp-password", "hunter2-old");
        String refused = server.checkLogin();
        assertTrue(refused.startsWith("login refused: 535 5.7.139 Authentication unsuccessful, basic authentication is"
                + " disabled."), refused);
        assertEquals(refused, server.loginProblem(), "kept for the status page");
    }

    @Test
    void aWrongSecretOrTenantIsRefusedInTheIdentityPlatformsWordsNeverWithTheSecret() throws Exception {
        String wrong = "a-secret-that-was-rotated";
        String refused = server(oauth(wrong, identity.tenant)).checkLogin();
        assertTrue(refused.startsWith("token refused: AADSTS7000215: Invalid client secret provided."), refused);
        assertFalse(refused.contains(wrong), "the secret is never repeated");

        String noTenant = server(oauth(identity.clientSecret, "contoso-that-is-not")).checkLogin();
        assertTrue(noTenant.startsWith("token refused: AADSTS90002: Tenant 'contoso-that-is-not' not found."), noTenant);
    }

    @Test
    void oauthWithoutItsSettingsStopsTheStartNamingThem() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () -> server(
                "router.mail.smtp-auth", "oauth2", "router.mail.smtp-username", MAILBOX));
        assertTrue(missing.getMessage().startsWith("SMTP_AUTH=oauth2 needs SMTP_OAUTH_TENANT"), missing.getMessage());
        IllegalStateException unknown = assertThrows(IllegalStateException.class, () -> server(
                "router.mail.smtp-auth", "basic"));
        assertEquals("SMTP_AUTH (router.mail.smtp-auth) is 'basic': it is password or oauth2", unknown.getMessage());
    }
}
