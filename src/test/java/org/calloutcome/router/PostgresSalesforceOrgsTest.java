package org.calloutcome.router;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.Webhooks;

/** Each client account in its own Salesforce org, on PostgreSQL (127.0.0.1:5432, database test), in a schema of its own. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:postgresql://127.0.0.1:5432/test",
        "router.db.user=postgres",
        "router.db.schema=call_router_salesforce_orgs",
        "router.mail.outbox=target/outbox-salesforce-orgs-postgres",
        "router.retell.api-key=" + Webhooks.RETELL_API_KEY,
        "router.retell.reconcile=false",
        SalesforceOrgsContract.ORGS,
        SalesforceOrgsContract.ACCOUNTS,
        SalesforceOrgsContract.ACCOUNT_KEY,
        SalesforceOrgsContract.ACCOUNT_ORG,
        SalesforceOrgsContract.CLINIC_CREATES_LEADS })
class PostgresSalesforceOrgsTest extends SalesforceOrgsContract {
}
