package org.calloutcome.router.sink.salesforce;

import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.component.salesforce.SalesforceEndpointConfig;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.calloutcome.router.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up camel-salesforce from {@code router.salesforce.*} (and so from the {@code SALESFORCE_*} environment). The
 * login flow follows from what is given: a refresh token, a username and password, a JWT keystore, or a client secret
 * alone (client credentials). With no client id the Salesforce sink is off.
 */
public final class SalesforceConnection {
    private static final Logger LOG = LoggerFactory.getLogger(SalesforceConnection.class);
    public static final String ENABLED = "router.salesforce.enabled";

    private SalesforceConnection() {
    }

    /** Registers the {@code salesforce} component when configured; returns whether it is. */
    public static boolean configure(CamelContext context, Settings settings) {
        String prefix = "router.salesforce.";
        Optional<String> clientId = settings.get(prefix + "client-id");
        Optional<AuthenticationType> flow = clientId.flatMap(id -> flow(settings, prefix));
        boolean enabled = flow.isPresent();
        context.getPropertiesComponent().addOverrideProperty(ENABLED, String.valueOf(enabled));
        if (!enabled) {
            LOG.info("Salesforce sink off: set SALESFORCE_CLIENT_ID and a credential (refresh token, username and"
                    + " password, JWT keystore, or client secret); until then events record '"
                    + "skipped: not configured' for it.");
            return false;
        }
        SalesforceComponent salesforce = new SalesforceComponent();
        salesforce.setLoginUrl(settings.get(prefix + "login-url", "https://login.salesforce.com"));
        salesforce.setClientId(clientId.get());
        settings.get(prefix + "client-secret").ifPresent(salesforce::setClientSecret);
        settings.get(prefix + "username").ifPresent(salesforce::setUserName);
        settings.get(prefix + "password").ifPresent(salesforce::setPassword);
        settings.get(prefix + "refresh-token").ifPresent(salesforce::setRefreshToken);
        settings.get(prefix + "instance-url").ifPresent(salesforce::setInstanceUrl);
        settings.get(prefix + "keystore").ifPresent(resource -> {
            KeyStoreParameters keystore = new KeyStoreParameters();
            keystore.setResource(resource);
            settings.get(prefix + "keystore-password").ifPresent(keystore::setPassword);
            salesforce.setKeystore(keystore);
        });
        salesforce.setAuthenticationType(flow.get());
        SalesforceEndpointConfig endpoints = new SalesforceEndpointConfig();
        endpoints.setApiVersion(settings.get(prefix + "api-version", "60.0"));
        endpoints.setRawPayload(true);
        salesforce.setConfig(endpoints);
        // Log in at the first call, not at start: a Salesforce outage must not stop intake.
        salesforce.setLazyLogin(true);
        context.addComponent("salesforce", salesforce);
        LOG.info("Salesforce sink on: {} ({} login)", salesforce.getLoginUrl(), flow.get());
        return true;
    }

    private static Optional<AuthenticationType> flow(Settings settings, String prefix) {
        if (settings.get(prefix + "refresh-token").isPresent()) {
            return Optional.of(AuthenticationType.REFRESH_TOKEN);
        }
        if (settings.get(prefix + "username").isPresent() && settings.get(prefix + "password").isPresent()) {
            return Optional.of(AuthenticationType.USERNAME_PASSWORD);
        }
        if (settings.get(prefix + "keystore").isPresent()) {
            return Optional.of(AuthenticationType.JWT);
        }
        if (settings.get(prefix + "client-secret").isPresent()) {
            return Optional.of(AuthenticationType.CLIENT_CREDENTIALS);
        }
        return Optional.empty();
    }
}
