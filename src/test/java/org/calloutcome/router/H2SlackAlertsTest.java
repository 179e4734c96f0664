package org.calloutcome.router;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.Webhooks;

/** Slack as the second alert channel, on the embedded default database. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:h2:mem:slack-alerts;DB_CLOSE_DELAY=-1",
        "router.callkaro.token=" + Webhooks.CALLKARO_TOKEN,
        SlackAlertsContract.MAIL, SlackAlertsContract.STARTTLS, SlackAlertsContract.MAILBOX,
        SlackAlertsContract.REFUSED_PASSWORD, SlackAlertsContract.TO,
        SlackAlertsContract.MAIL_RETRY, SlackAlertsContract.SLACK_RETRY,
        SlackAlertsContract.FAILING_AT_ONCE, SlackAlertsContract.CHECK_OFTEN })
class H2SlackAlertsTest extends SlackAlertsContract {
}
