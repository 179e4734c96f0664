package org.calloutcome.router;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.Webhooks;

/** The admin's fields on PostgreSQL (127.0.0.1:5432, database test), in a schema of its own. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:postgresql://127.0.0.1:5432/test",
        "router.db.user=postgres",
        "router.db.schema=call_router_salesforce_fields",
        "router.mail.outbox=target/outbox-salesforce-fields-postgres",
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
class PostgresSalesforceFieldsTest extends SalesforceFieldsContract {
}
