package org.calloutcome.router.support;

/** The routes the tests run on. */
public final class TestRoutes {
    /** Every route the router ships with but its routing rules. */
    public static final String ROUTES_BESIDE_THE_RULES = "classpath:routes/errors.camel.yaml,"
            + "classpath:routes/webhooks.camel.yaml,classpath:routes/sinks.camel.yaml";
    /**
     * The shipped routes, with the shipped routing rules as a copy of their own (test-routes/), so that a rule an
     * integration engineer adds to routes/ changes no test's expectations: a property to boot the router with.
     */
    public static final String ROUTES = "camel.main.routes-include-pattern=" + ROUTES_BESIDE_THE_RULES
            + ",classpath:test-routes/routing.camel.yaml";

    private TestRoutes() {
    }
}
