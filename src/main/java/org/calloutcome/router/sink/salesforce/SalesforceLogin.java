package org.calloutcome.router.sink.salesforce;

import java.util.Optional;

import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.calloutcome.router.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the Salesforce sink is on. camel-salesforce is configured by its own options,
 * {@code camel.component.salesforce.*} in {@code application.properties} (the {@code SALESFORCE_*} environment), and
 * picks the login flow from what is given: a refresh token, a username and password, a JWT keystore, or a client secret
 * alone (client credentials). The sink runs once a client id and one of those are set. Only the JWT keystore, which
 * the component takes as an object, is handed to it here.
 */
public record SalesforceLogin(boolean enabled, String loginUrl) {
    private static final Logger LOG = LoggerFactory.getLogger(SalesforceLogin.class);
    private static final String COMPONENT = "camel.component.salesforce.";

    public static SalesforceLogin configure(CamelContext context, Settings settings) {
        Optional<String> keystore = settings.get("router.salesforce.keystore");
        boolean credential = settings.get(COMPONENT + "refresh-token").isPresent()
                || settings.get(COMPONENT + "user-name").isPresent() && settings.get(COMPONENT + "password").isPresent()
                || keystore.isPresent() || settings.get(COMPONENT + "client-secret").isPresent();
        boolean enabled = settings.get(COMPONENT + "client-id").isPresent() && credential;
        String loginUrl = settings.require(COMPONENT + "login-url");
        if (!enabled) {
            LOG.info("Salesforce sink off: set SALESFORCE_CLIENT_ID and a credential (refresh token, username and"
                    + " password, JWT keystore, or client secret); until then events record '"
                    + "skipped: not configured' for it.");
        } else {
            keystore.ifPresent(resource -> {
                KeyStoreParameters parameters = new KeyStoreParameters();
                parameters.setResource(resource);
                settings.get("router.salesforce.keystore-password").ifPresent(parameters::setPassword);
                context.getComponent("salesforce", SalesforceComponent.class).setKeystore(parameters);
            });
            LOG.info("Salesforce sink on: {}", loginUrl);
        }
        return new SalesforceLogin(enabled, loginUrl);
    }
}
