package org.calloutcome.router;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.Webhooks;

/** Operations alerts on PostgreSQL (127.0.0.1:5432, database test), in a schema of its own. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:postgresql://127.0.0.1:5432/test",
        "router.db.user=postgres",
        "router.db.schema=call_router_operations",
        "router.mail.outbox=target/outbox-operations-postgres",
        "router.callkaro.token=" + Webhooks.CALLKARO_TOKEN,
        "router.salesforce.first-retry-seconds=1",
        "router.salesforce.max-retry-seconds=1",
        "router.inbox.scan-interval-ms=200",
        OperationsAlertsContract.FAST,
        OperationsAlertsContract.SINK_LIMIT,
        OperationsAlertsContract.BACKLOG_LIMIT,
        OperationsAlertsContract.OPERATIONS,
        OperationsAlertsContract.ONE_TRY,
        OperationsAlertsContract.ADMIN })
class PostgresOperationsAlertsTest extends OperationsAlertsContract {
}
