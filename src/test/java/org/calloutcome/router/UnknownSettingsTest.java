package org.calloutcome.router;

import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A setting the router never reads is named at start, with the packaged key it probably meant. */
class UnknownSettingsTest {
    private static final UnknownSettings CHECK;

    static {
        Properties packaged = new Properties();
        packaged.putAll(RouterConfiguration.codeDefaults());
        try (var in = UnknownSettingsTest.class.getResourceAsStream("/application.properties")) {
            packaged.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        CHECK = new UnknownSettings(packaged);
    }

    private static Properties of(String... keys) {
        Properties given = new Properties();
        for (String key : keys) {
            given.setProperty(key, "x");
        }
        return given;
    }

    @Test
    void aMisspeltKeyIsNamedWithTheOneItMeant() {
        assertEquals(List.of("Unknown setting router.salesforce.follow-up-dayz (in /config/application.properties):"
                + " the router does not read it; did you mean router.salesforce.follow-up-days?"),
                CHECK.keys(of("router.salesforce.follow-up-dayz"), "in /config/application.properties"));
        assertEquals(List.of("Unknown setting router.colour (a system property): the router does not read it"),
                CHECK.keys(of("router.colour"), "a system property"), "nothing near it: no guess");
    }

    @Test
    void theKeysTheRouterReadsByNameAreKnown() {
        assertEquals(List.of(), CHECK.keys(of(
                "router.salesforce.follow-up-days",
                "router.altur.path", "router.vapi.display-name", "router.mail.max-attempts",
                "router.retell.account.clinic-a.api-key",
                "router.bland.secret-previous",
                "router.mail.to.escalation.retell.clinic-b",
                "router.alerts.channels.opt-out",
                "router.mapping.callkaro.disposition-keyword.stop calling",
                "router.mail.transcript-excerpt.vapi",
                "router.salesforce.disposition.DECLINED",
                "camel.server.port"), "anywhere"));
    }

    @Test
    void anEnvironmentVariableOfTheRouterIsKnownWhenTheRouterReadsIt() {
        assertEquals(List.of("Unknown environment variable ROUTER_INSTANCE: the router does not read it"),
                CHECK.variables(Set.of("ROUTER_INSTANCE", "ROUTER_INSTANCE_ID", "ROUTER_CONFIG_DIR",
                        "ROUTER_RETELL_ACCOUNT_CLINIC_A_API_KEY", "HTTP_PORT", "PATH")));
    }
}
