package org.calloutcome.router;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.Webhooks;

/** The call log contract on the embedded default database. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:h2:mem:call-log-contract;DB_CLOSE_DELAY=-1",
        "router.mail.outbox=target/test-outbox",
        "router.altur.secret=" + Webhooks.ALTUR_SECRET,
        "router.altur.reserialized-signatures=true",
        "router.hms-sovereign.secret=" + Webhooks.HMS_SECRET,
        "router.clarion.token=" + Webhooks.CLARION_TOKEN,
        "router.callkaro.token=" + Webhooks.CALLKARO_TOKEN,
        "router.bland.secret=" + Webhooks.BLAND_SECRET,
        "router.retell.api-key=" + Webhooks.RETELL_API_KEY,
        "router.retell.reconcile=false",
        "router.elevenlabs.secret=" + Webhooks.ELEVENLABS_SECRET,
        "router.vapi.secret=" + Webhooks.VAPI_SECRET,
        "router.max-body-bytes=65536",
        "router.inbox.scan-interval-ms=200",
        "router.inbox.first-retry-seconds=1" })
class H2CallLogTest extends CallLogContract {
}
