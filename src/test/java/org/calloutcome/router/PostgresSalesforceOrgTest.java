package org.calloutcome.router;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.Webhooks;

/** The Salesforce org contract on PostgreSQL (127.0.0.1:5432, database test), in a schema of its own. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:postgresql://127.0.0.1:5432/test",
        "router.db.user=postgres",
        "router.db.schema=call_router_salesforce_org",
        "router.mail.outbox=target/outbox-salesforce-org-postgres",
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
class PostgresSalesforceOrgTest extends SalesforceOrgContract {
}
