package org.calloutcome.router;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.Webhooks;

/** Operations alerts on the embedded default database. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:h2:mem:operations-alerts;DB_CLOSE_DELAY=-1",
        "router.mail.outbox=target/outbox-operations-h2",
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
class H2OperationsAlertsTest extends OperationsAlertsContract {
}
