package org.calloutcome.router;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.Webhooks;

/** Each client account in its own Salesforce org, on the embedded default database. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:h2:mem:salesforce-orgs;DB_CLOSE_DELAY=-1",
        "router.mail.outbox=target/outbox-salesforce-orgs-h2",
        "router.retell.api-key=" + Webhooks.RETELL_API_KEY,
        "router.retell.reconcile=false",
        SalesforceOrgsContract.ORGS,
        SalesforceOrgsContract.ACCOUNTS,
        SalesforceOrgsContract.ACCOUNT_KEY,
        SalesforceOrgsContract.ACCOUNT_ORG,
        SalesforceOrgsContract.CLINIC_CREATES_LEADS })
class H2SalesforceOrgsTest extends SalesforceOrgsContract {
}
