package org.calloutcome.router.sink.salesforce;

import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.component.salesforce.AuthenticationType;
import org.apache.camel.component.salesforce.SalesforceComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.calloutcome.router.Settings;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The login flow follows from the credentials given; with none, the sink is off. */
class SalesforceConnectionTest {

    private static CamelContext configured(String... keyValues) {
        CamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty("router.salesforce." + keyValues[i], keyValues[i + 1]);
        }
        context.getPropertiesComponent().setInitialProperties(properties);
        SalesforceConnection.configure(context, new Settings(context));
        return context;
    }

    private static AuthenticationType flow(CamelContext context) {
        return ((SalesforceComponent) context.hasComponent("salesforce")).getAuthenticationType();
    }

    @Test
    void eachLoginFlowFollowsFromItsCredentials() {
        assertEquals(AuthenticationType.REFRESH_TOKEN,
                flow(configured("client-id", "id", "client-secret", "s", "refresh-token", "token")));
        assertEquals(AuthenticationType.USERNAME_PASSWORD,
                flow(configured("client-id", "id", "client-secret", "s", "username", "u", "password", "p")));
        assertEquals(AuthenticationType.JWT,
                flow(configured("client-id", "id", "username", "u", "keystore", "file:sf.p12")));
        assertEquals(AuthenticationType.CLIENT_CREDENTIALS, flow(configured("client-id", "id", "client-secret", "s")));
        CamelContext sandbox = configured("client-id", "id", "refresh-token", "t", "login-url", "https://test.salesforce.com");
        assertEquals("https://test.salesforce.com", ((SalesforceComponent) sandbox.hasComponent("salesforce")).getLoginUrl());
        assertEquals("true", sandbox.getPropertiesComponent().resolveProperty(SalesforceConnection.ENABLED).get());
    }

    @Test
    void withoutAClientIdOrACredentialTheSinkIsOff() {
        for (CamelContext context : new CamelContext[] {configured(), configured("username", "u", "password", "p"),
                configured("client-id", "id")}) {
            assertNull(context.hasComponent("salesforce"));
            assertEquals("false", context.getPropertiesComponent().resolveProperty(SalesforceConnection.ENABLED).get());
        }
    }
}
