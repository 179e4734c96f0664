package org.calloutcome.router;

import org.apache.camel.BeanInject;
import org.apache.camel.CamelContext;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.Webhooks.Answer;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A vendor with no credential is refused, unless it is explicitly open. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:h2:mem:unconfigured;DB_CLOSE_DELAY=-1",
        "router.mail.outbox=target/test-outbox",
        "router.altur.secret=",
        "router.callkaro.token=",
        "router.callkaro.open=true" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnconfiguredVendorsTest {
    @BeanInject
    CamelContext context;

    @Test
    void aVendorWithoutCredentialIsRefusedAndSaysWhatToSet() {
        Answer answer = new Webhooks(context).altur(Webhooks.example("altur-on-call-end.json"), "anything");
        assertEquals(401, answer.status());
        assertEquals("not_configured", answer.error());
        assertTrue(answer.body().path("message").asText().contains("ALTUR_WEBHOOK_SECRET"));
    }

    @Test
    void anOpenVendorIsAcceptedWithoutCredential() {
        Answer answer = new Webhooks(context).post("/webhooks/callkaro", Webhooks.example("callkaro-call-ended.json"),
                "application/json");
        assertEquals(202, answer.status(), answer.body().toString());
    }
}
