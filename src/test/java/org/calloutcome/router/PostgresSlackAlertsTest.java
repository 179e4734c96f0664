package org.calloutcome.router;

import org.apache.camel.test.main.junit5.CamelMainTest;
import org.calloutcome.router.support.Webhooks;

/** Slack as the second alert channel, on PostgreSQL (127.0.0.1:5432, database test), in a schema of its own. */
@CamelMainTest(mainClass = CallOutcomeRouter.class, properties = {
        RouterTest.ROUTES,
        "router.db.url=jdbc:postgresql://127.0.0.1:5432/test",
        "router.db.user=postgres",
        "router.db.schema=call_router_slack_alerts",
        "router.callkaro.token=" + Webhooks.CALLKARO_TOKEN,
        SlackAlertsContract.MAIL, SlackAlertsContract.STARTTLS, SlackAlertsContract.MAILBOX,
        SlackAlertsContract.REFUSED_PASSWORD, SlackAlertsContract.TO,
        SlackAlertsContract.MAIL_RETRY, SlackAlertsContract.SLACK_RETRY,
        SlackAlertsContract.FAILING_AT_ONCE, SlackAlertsContract.CHECK_OFTEN })
class PostgresSlackAlertsTest extends SlackAlertsContract {
}
