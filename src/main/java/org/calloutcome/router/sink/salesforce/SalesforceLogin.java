package org.calloutcome.router.sink.salesforce;

import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.calloutcome.router.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the Salesforce sink is on. camel-salesforce is configured by its own options,
 * {@code camel.component.salesforce.*} in {@code application.properties} (the {@code SALESFORCE_*} environment), and
 * picks the login flow from what is given: a client secret alone (client credentials), a JWT keystore, a refresh
 * token, or a username and password (legacy: blocked by default in orgs created since Summer '23). The sink runs once a
 * client id and one of those are set. The JWT keystore, which the component takes as an object, and the JWT audience,
 * which it must not receive empty, are handed to it here.
 * <p>
 * Client credentials are refused at start against {@code login.salesforce.com} and {@code test.salesforce.com}:
 * Salesforce serves that flow only on the org's My Domain (Salesforce Help, "OAuth 2.0 Client Credentials Flow for
 * Server-to-Server Integration").
 */
public record SalesforceLogin(boolean enabled, String loginUrl) {
    private static final Logger LOG = LoggerFactory.getLogger(SalesforceLogin.class);
    private static final String COMPONENT = "camel.component.salesforce.";
    /** Salesforce's shared login hosts, production and sandbox. */
    private static final Pattern GENERIC_LOGIN = Pattern.compile("https?://(login|test)\\.salesforce\\.com/?",
            Pattern.CASE_INSENSITIVE);

    public static SalesforceLogin configure(CamelContext context, Settings settings) {
        Optional<String> keystore = settings.get("router.salesforce.keystore");
        boolean credential = settings.get(COMPONENT + "refresh-token").isPresent()
                || settings.get(COMPONENT + "user-name").isPresent() && settings.get(COMPONENT + "password").isPresent()
                || keystore.isPresent() || settings.get(COMPONENT + "client-secret").isPresent();
        boolean enabled = settings.get(COMPONENT + "client-id").isPresent() && credential;
        String loginUrl = settings.require(COMPONENT + "login-url");
        boolean clientCredentials = settings.get(COMPONENT + "client-secret").isPresent()
                && settings.get(COMPONENT + "refresh-token").isEmpty() && keystore.isEmpty()
                && (settings.get(COMPONENT + "user-name").isEmpty() || settings.get(COMPONENT + "password").isEmpty());
        if (enabled && clientCredentials && GENERIC_LOGIN.matcher(loginUrl).matches()) {
            throw new IllegalStateException("SALESFORCE_LOGIN_URL (camel.component.salesforce.login-url) is " + loginUrl
                    + ": the client credentials flow logs in at the org's My Domain only: set it to"
                    + " https://<MyDomainName>.my.salesforce.com (a sandbox's: <MyDomainName>--<sandbox>.sandbox"
                    + ".my.salesforce.com)");
        }
        if (!enabled) {
            LOG.info("Salesforce sink off: set SALESFORCE_CLIENT_ID and a credential (client secret, JWT keystore,"
                    + " refresh token, or username and password); until then events record 'skipped: not configured'"
                    + " for it.");
        } else {
            keystore.ifPresent(resource -> {
                KeyStoreParameters parameters = new KeyStoreParameters();
                parameters.setResource(resource);
                settings.get("router.salesforce.keystore-password").ifPresent(parameters::setPassword);
                context.getComponent("salesforce", SalesforceComponent.class).setKeystore(parameters);
            });
            // the JWT's aud: the login URL unless set (My Domain logins of some orgs, sandboxes, Experience Cloud)
            settings.get("router.salesforce.jwt-audience").ifPresent(audience -> context
                    .getComponent("salesforce", SalesforceComponent.class).setJwtAudience(audience));
            LOG.info("Salesforce sink on: {}", loginUrl);
        }
        return new SalesforceLogin(enabled, loginUrl);
    }
}
