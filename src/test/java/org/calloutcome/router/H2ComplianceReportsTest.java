package org.calloutcome.router;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.Webhooks;

/** The compliance reports on the embedded default database. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:h2:mem:opt-out-ledger;DB_CLOSE_DELAY=-1",
        "router.mail.outbox=target/outbox-opt-out-ledger-h2",
        "router.hms-sovereign.secret=" + Webhooks.HMS_SECRET,
        "router.hms-sovereign.reconcile=false",
        ComplianceReportsContract.ADMIN,
        ComplianceReportsContract.COMPLIANCE })
class H2ComplianceReportsTest extends ComplianceReportsContract {
}
