package org.calloutcome.router;

import org.apache.camel.test.main.junit5.CamelMainTest;

/** Reconciliation with a platforms' APIs on the embedded default database. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:h2:mem:reconcile;DB_CLOSE_DELAY=-1",
        "router.mail.outbox=target/outbox-reconcile-h2",
        "router.inbox.max-attempts=1",
        ReconcileContract.RETELL_KEY,
        ReconcileContract.VAPI_KEY,
        ReconcileContract.BLAND_KEY,
        ReconcileContract.ELEVENLABS_KEY,
        ReconcileContract.HMS_KEY,
        ReconcileContract.HMS_SECRET,
        ReconcileContract.VAPI_SECRET,
        ReconcileContract.BLAND_SECRET,
        ReconcileContract.ELEVENLABS_SECRET,
        ReconcileContract.VAPI_ACCOUNT,
        ReconcileContract.VAPI_ACCOUNT_KEY,
        ReconcileContract.VAPI_ACCOUNT_SECRET,
        ReconcileContract.HOURLY,
        ReconcileContract.FAST_RETRY,
        ReconcileContract.ADMIN })
class H2ReconcileTest extends ReconcileContract {
}
