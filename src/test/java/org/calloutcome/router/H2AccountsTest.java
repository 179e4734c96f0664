package org.calloutcome.router;

import org.apache.camel.test.main.junit5.CamelMainTest;

/** Accounts, rotation and every documented scheme on the embedded default database. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        AccountsContract.ROUTES,
        "router.db.url=jdbc:h2:mem:accounts;DB_CLOSE_DELAY=-1",
        "camel.server.port=0",
        "router.mail.outbox=target/outbox-accounts-h2",
        AccountsContract.ACCOUNTS,
        AccountsContract.CLINIC_A,
        AccountsContract.CLINIC_B,
        AccountsContract.CLINIC_B_ALERTS,
        AccountsContract.DEFAULT_KEY,
        AccountsContract.NO_RECONCILE,
        AccountsContract.BLAND_CURRENT,
        AccountsContract.BLAND_PREVIOUS,
        AccountsContract.HMS_SECRET,
        AccountsContract.HMS_BEARER })
class H2AccountsTest extends AccountsContract {
}
