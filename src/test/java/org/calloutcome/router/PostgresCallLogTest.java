package org.calloutcome.router;

import org.apache.camel.test.main.junit5.CamelMainTest;

/** The call log contract on PostgreSQL (127.0.0.1:5432, database test), in a schema of its own. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        "router.db.url=jdbc:postgresql://127.0.0.1:5432/test",
        "router.db.user=postgres",
        "router.db.schema=call_router_test",
        "camel.server.port=0",
        "router.mail.outbox=target/test-outbox",
        "router.altur.secret=" + Webhooks.ALTUR_SECRET,
        "router.hms-sovereign.secret=" + Webhooks.HMS_SECRET,
        "router.clarion.token=" + Webhooks.CLARION_TOKEN,
        "router.callkaro.token=" + Webhooks.CALLKARO_TOKEN,
        "router.max-body-bytes=65536",
        "router.inbox.scan-interval-ms=200",
        "router.inbox.first-retry-seconds=1" })
class PostgresCallLogTest extends CallLogContract {
}
