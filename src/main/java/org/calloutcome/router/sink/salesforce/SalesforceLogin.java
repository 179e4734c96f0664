package org.calloutcome.router.sink.salesforce;

import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.support.jsse.KeyStoreParameters;
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
    /** Salesforce's shared login hosts, production and sandbox. */
    private static final Pattern GENERIC_LOGIN = Pattern.compile("https?://(login|test)\\.salesforce\\.com/?",
            Pattern.CASE_INSENSITIVE);

    /**
     * What of the login is given: which of camel-salesforce's own credentials are set ({@code client-id},
     * {@code client-secret}, {@code refresh-token}, {@code user-name} with {@code password}), and the JWT keystore
     * ({@code router.salesforce.keystore}, its password and audience; null when not set) handed to the component here.
     */
    public record Options(String loginUrl, boolean clientId, boolean clientSecret, boolean refreshToken,
            boolean userAndPassword, String keystore, String keystorePassword, String jwtAudience) {
    }

    /** Configures the component of this name (one per org: {@code salesforce}, {@code salesforce-<org>}). */
    public static SalesforceLogin configure(CamelContext context, String componentName, Options options) {
        boolean keystore = options.keystore() != null;
        boolean credential = options.refreshToken() || options.userAndPassword() || keystore || options.clientSecret();
        boolean enabled = options.clientId() && credential;
        String loginUrl = options.loginUrl();
        boolean clientCredentials = options.clientSecret() && !options.refreshToken() && !keystore
                && !options.userAndPassword();
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
            SalesforceComponent component = context.getComponent(componentName, SalesforceComponent.class);
            if (keystore) {
                KeyStoreParameters parameters = new KeyStoreParameters();
                parameters.setResource(options.keystore());
                if (options.keystorePassword() != null) {
                    parameters.setPassword(options.keystorePassword());
                }
                component.setKeystore(parameters);
            }
            // the JWT's aud: the login URL unless set (My Domain logins of some orgs, sandboxes, Experience Cloud)
            if (options.jwtAudience() != null) {
                component.setJwtAudience(options.jwtAudience());
            }
            LOG.info("Salesforce sink on: {}{}", loginUrl, componentName.equals("salesforce") ? ""
                    : " (org " + componentName.substring("salesforce-".length()) + ")");
        }
        return new SalesforceLogin(enabled, loginUrl);
    }
}
