package org.calloutcome.router;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.Webhooks;

/** The compliance reports on PostgreSQL (127.0.0.1:5432, database test), in a schema of its own. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:postgresql://127.0.0.1:5432/test",
        "router.db.user=postgres",
        "router.db.schema=call_router_opt_out_ledger",
        "router.mail.outbox=target/outbox-opt-out-ledger-postgres",
        "router.hms-sovereign.secret=" + Webhooks.HMS_SECRET,
        "router.hms-sovereign.reconcile=false",
        ComplianceReportsContract.ADMIN,
        ComplianceReportsContract.COMPLIANCE })
class PostgresComplianceReportsTest extends ComplianceReportsContract {
}
