package org.calloutcome.router;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.Webhooks;

/** The Salesforce org contract on the embedded default database. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:h2:mem:salesforce-org;DB_CLOSE_DELAY=-1",
        "router.mail.outbox=target/outbox-salesforce-org-h2",
        "router.hms-sovereign.secret=" + Webhooks.HMS_SECRET,
        "router.callkaro.token=" + Webhooks.CALLKARO_TOKEN,
        "router.salesforce.first-retry-seconds=1",
        "router.salesforce.max-retry-seconds=1",
        SalesforceOrgContract.CREATE_LEADS,
        SalesforceOrgContract.CASES,
        SalesforceOrgContract.EXTERNAL_ID,
        SalesforceOrgContract.DO_NOT_TEXT,
        SalesforceOrgContract.PERSON_ACCOUNTS,
        SalesforceOrgContract.SHORT_PAUSE,
        SalesforceOrgContract.ADMIN,
        SalesforceOrgContract.COMPLIANCE })
class H2SalesforceOrgTest extends SalesforceOrgContract {
}
