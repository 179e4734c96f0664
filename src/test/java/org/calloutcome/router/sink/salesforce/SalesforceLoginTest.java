package org.calloutcome.router.sink.salesforce;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.calloutcome.router.AdminChecks;
import org.calloutcome.router.SalesforceConfiguration;
import org.calloutcome.router.Settings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * camel-salesforce is configured by the shipped {@code camel.component.salesforce.*} settings and picks the login flow
 * from the credentials given; the sink is on once a client id and one credential are set.
 */
class SalesforceLoginTest {
    private static final String C = "camel.component.salesforce.";

    /** The login flow the component uses, with application.properties and these settings, as the router starts it. */
    private static AuthenticationType flow(Map<String, String> given) throws Exception {
        String[] overrides = given.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        try (AdminChecks.Started started = AdminChecks.startSalesforce(overrides)) {
            assertTrue(started.login().enabled(), "sink on with " + given);
            SalesforceComponent component = started.context().getComponent("salesforce", SalesforceComponent.class);
            assertTrue(component.isLazyLogin(), "no login at start: an outage must not stop intake");
            return component.getLoginConfig().getType();
        }
    }

    @Test
    void eachLoginFlowFollowsFromItsCredentials() throws Exception {
        assertEquals(AuthenticationType.REFRESH_TOKEN,
                flow(Map.of(C + "client-id", "id", C + "client-secret", "s", C + "refresh-token", "token")));
        assertEquals(AuthenticationType.USERNAME_PASSWORD, flow(Map.of(C + "client-id", "id", C + "client-secret", "s",
                C + "user-name", "u", C + "password", "p")));
        assertEquals(AuthenticationType.JWT, flow(Map.of(C + "client-id", "id", C + "user-name", "u",
                "router.salesforce.keystore", "file:sf.p12")));
        assertEquals(AuthenticationType.CLIENT_CREDENTIALS, flow(Map.of(C + "client-id", "id", C + "client-secret", "s",
                C + "login-url", "https://acme.my.salesforce.com")));
    }

    private static SalesforceLogin configured(String... keyValues) {
        CamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.setProperty(C + "login-url", "https://login.salesforce.com");
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        context.getPropertiesComponent().setInitialProperties(properties);
        return SalesforceLogin.configure(context, "salesforce", SalesforceConfiguration.salesforceLoginOptions(new Settings(context), null));
    }

    @Test
    void withoutAClientIdOrACredentialTheSinkIsOff() {
        assertFalse(configured().enabled());
        assertFalse(configured(C + "user-name", "u", C + "password", "p").enabled(), "no client id");
        assertFalse(configured(C + "client-id", "id").enabled(), "no credential");
        assertFalse(configured(C + "client-id", "id", C + "user-name", "u").enabled(), "a username without password");
        assertEquals("https://test.salesforce.com", configured(C + "client-id", "id", C + "refresh-token", "t",
                C + "login-url", "https://test.salesforce.com").loginUrl());
    }

    @Test
    void clientCredentialsAgainstTheSharedLoginHostsStopTheStartNamingTheSetting() {
        for (String host : List.of("https://login.salesforce.com", "https://test.salesforce.com/")) {
            IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> configured(C + "client-id", "id", C + "client-secret", "s", C + "login-url", host));
            assertTrue(refused.getMessage().startsWith("SALESFORCE_LOGIN_URL (camel.component.salesforce.login-url) is "
                    + host + ": the client credentials flow logs in at the org's My Domain only"), refused.getMessage());
        }
        assertTrue(configured(C + "client-id", "id", C + "client-secret", "s", C + "login-url",
                "https://acme.my.salesforce.com").enabled());
        assertTrue(configured(C + "client-id", "id", C + "client-secret", "s", C + "refresh-token", "t").enabled(),
                "a refresh token may use login.salesforce.com");
    }
}
