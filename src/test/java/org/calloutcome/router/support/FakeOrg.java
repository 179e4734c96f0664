package org.calloutcome.router.support;

import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A fake Salesforce org on a free port, and the JVM system properties (which override application.properties) that
 * make the router log in to it with the client credentials flow (the one the README sets up first): set before a test
 * class boots the router, cleared after it.
 */
public final class FakeOrg {
    private static final String COMPONENT = "camel.component.salesforce.";
    private static final List<String> KEYS = List.of("login-url", "client-id", "client-secret");

    public final FakeSalesforce org = new FakeSalesforce();
    public final WireMockServer server;
    /** Where its login is set: camel-salesforce's own options, or an org's of router.salesforce.orgs. */
    private final String prefix;

    private FakeOrg(String prefix) {
        this.prefix = prefix;
        server = org.serve();
    }

    public static FakeOrg start() {
        return start(COMPONENT);
    }

    /** A second org, {@code name} of router.salesforce.orgs: its login is router.salesforce.org.<name>.*. */
    public static FakeOrg startOrg(String name) {
        return start("router.salesforce.org." + name + ".");
    }

    private static FakeOrg start(String prefix) {
        FakeOrg fake = new FakeOrg(prefix);
        Map<String, String> login = Map.of("login-url", fake.server.baseUrl(), "client-id", "fake-client-id",
                "client-secret", "fake-client-secret");
        KEYS.forEach(key -> System.setProperty(prefix + key, login.get(key)));
        return fake;
    }

    /** An empty org answering as a healthy Salesforce. */
    public void reset() {
        org.reset();
        FakeSalesforce.answer(server);
    }

    /** Call once the router has stopped (it logs out of the org as it stops). */
    public void stop() {
        KEYS.forEach(key -> System.clearProperty(prefix + key));
        server.stop();
    }
}
