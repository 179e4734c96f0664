package org.calloutcome.router;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.Webhooks;

/** Accounts, rotation and every documented scheme on PostgreSQL (127.0.0.1:5432, database test), in its own schema. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        AccountsContract.ROUTES,
        "router.db.url=jdbc:postgresql://127.0.0.1:5432/test",
        "router.db.user=postgres",
        "router.db.schema=call_router_accounts",
        "router.mail.outbox=target/outbox-accounts-postgres",
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
class PostgresAccountsTest extends AccountsContract {
}
