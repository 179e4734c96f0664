package org.calloutcome.router;

import javax.sql.DataSource;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.calloutcome.router.support.CallLog;
import org.calloutcome.router.support.TestRoutes;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * A test of the running application (a subclass adds {@code @CamelMainTest}): its context, the call log to read, a
 * client posting webhooks, and empty tables before each test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one application per class; each test starts from empty tables
abstract class RouterTest {
    static final String ROUTES_BESIDE_THE_RULES = TestRoutes.ROUTES_BESIDE_THE_RULES;
    /** The routes tests boot with (see {@link TestRoutes}). */
    static final String ROUTES = TestRoutes.ROUTES;
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
