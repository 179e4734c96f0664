package org.calloutcome.router;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.Webhooks;

/** The admin's fields on the embedded default database. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:h2:mem:salesforce-fields;DB_CLOSE_DELAY=-1",
        "router.mail.outbox=target/outbox-salesforce-fields-h2",
        "router.retell.api-key=" + Webhooks.RETELL_API_KEY,
        "router.retell.reconcile=false",
        "router.vapi.secret=" + Webhooks.VAPI_SECRET,
        "router.vapi.reconcile=false",
        SalesforceFieldsContract.NEXT_STEP,
        SalesforceFieldsContract.NEXT_STEP_VAPI,
        SalesforceFieldsContract.APPOINTMENT,
        SalesforceFieldsContract.SLOTS,
        SalesforceFieldsContract.SENTIMENT,
        SalesforceFieldsContract.INTEREST,
        SalesforceFieldsContract.FIRST_OUTCOME,
        SalesforceFieldsContract.KEEP_FIRST })
class H2SalesforceFieldsTest extends SalesforceFieldsContract {
}
