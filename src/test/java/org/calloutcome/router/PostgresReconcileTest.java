package org.calloutcome.router;

import org.apache.camel.test.main.junit5.CamelMainTest;

/** Reconciliation with a platforms' APIs on PostgreSQL (127.0.0.1:5432, database test), in a schema of its own. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:postgresql://127.0.0.1:5432/test",
        "router.db.user=postgres",
        "router.db.schema=call_router_reconcile",
        "router.mail.outbox=target/outbox-reconcile-postgres",
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
class PostgresReconcileTest extends ReconcileContract {
}
