package org.calloutcome.router;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * A fake Salesforce org on a free port, and the JVM system properties (which override application.properties) that
 * make the router log in to it: set before a test class boots the router, cleared after it.
 */
final class FakeOrg {
    private static final List<String> KEYS = List.of("login-url", "client-id", "client-secret", "username", "password");

    final FakeSalesforce org = new FakeSalesforce();
    final WireMockServer server;

    private FakeOrg() {
        server = org.serve();
    }

    static FakeOrg start() {
        FakeOrg fake = new FakeOrg();
        System.setProperty("router.salesforce.login-url", fake.server.baseUrl());
        System.setProperty("router.salesforce.client-id", "fake-client-id");
        System.setProperty("router.salesforce.client-secret", "fake-client-secret");
        System.setProperty("router.salesforce.username", "router@example.com");
        System.setProperty("router.salesforce.password", "fake-password");
        return fake;
    }

    /** An empty org answering as a healthy Salesforce. */
    void reset() {
        org.reset();
        FakeSalesforce.answer(server);
    }

    /** Call once the router has stopped (it logs out of the org as it stops). */
    void stop() {
        KEYS.forEach(key -> System.clearProperty("router.salesforce." + key));
        server.stop();
    }
}
