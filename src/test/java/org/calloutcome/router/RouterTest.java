package org.calloutcome.router;

import javax.sql.DataSource;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * A test of the running application (a subclass adds {@code @CamelMainTest}): its context, the call log to read, a
 * client posting webhooks, and empty tables before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one application per class; each test starts from empty tables
abstract class RouterTest {
    /** Every route the router ships with but its routing rules. */
    static final String ROUTES_BESIDE_THE_RULES = "classpath:routes/errors.camel.yaml,"
            + "classpath:routes/webhooks.camel.yaml,classpath:routes/sink-*.camel.yaml";
    /**
     * The routes tests run on: the shipped routing rules as a copy of their own (test-routes/), so that a rule an
     * integration engineer adds to routes/ changes no test's expectations.
     */
    static final String ROUTES = "camel.main.routes-include-pattern=" + ROUTES_BESIDE_THE_RULES
            + ",classpath:test-routes/routing.camel.yaml";
    @BeanInject
    CamelContext context;

    @BeanInject("dataSource")
    DataSource dataSource;

    CallLog log;
    Webhooks webhooks;

    @BeforeEach
    void emptyTables() {
        log = new CallLog(dataSource);
        log.clear();
        webhooks = new Webhooks(context);
    }
}
