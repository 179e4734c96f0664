package org.calloutcome.router;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.Webhooks;

/** Accounts, rotation and every documented scheme on the embedded default database. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        AccountsContract.ROUTES,
        "router.db.url=jdbc:h2:mem:accounts;DB_CLOSE_DELAY=-1",
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
        AccountsContract.HMS_BEARER,
        AccountsContract.CLARION_ACCOUNTS,
        AccountsContract.CLARION_EAST,
        "router.clarion.token=" + Webhooks.CLARION_TOKEN })
class H2AccountsTest extends AccountsContract {
}
