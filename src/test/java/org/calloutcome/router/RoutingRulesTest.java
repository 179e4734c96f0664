package org.calloutcome.router;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.camel.main.Main;
import org.calloutcome.router.support.CallLog;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Routing rules an integration engineer got wrong: refused at start when they can be, named when they fail. */
class RoutingRulesTest {

    private static Main router(Path rules, String database) {
        Main main = new Main(CallOutcomeRouter.class);
        main.addOverrideProperty("camel.main.routes-include-pattern", RouterTest.ROUTES_BESIDE_THE_RULES + ",file:" + rules);
        main.addOverrideProperty("router.db.url", "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
        main.addOverrideProperty("camel.server.port", "0");
        main.addOverrideProperty("router.clarion.token", Webhooks.CLARION_TOKEN);
        main.addOverrideProperty("router.mail.outbox", "target/outbox-routing-rules");
        return main;
    }

    @Test
    void anActionNoSinkKnowsStopsTheRouterAtStartNamingRouteAndAction(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("routing.camel.yaml");
        Files.writeString(rules, """
                - route:
                    id: route-call-event
                    from:
                      uri: direct:route-call-event
                      steps:
                        - to: direct:sink-jdbc
                        - filter:
                            simple: "${variable.optOut}"
                            steps:
                              - setHeader:
                                  name: salesforceAction
                                  constant: do-not-cal
                              - to: direct:sink-salesforce
                """);
        Main main = router(rules, "unknown-action");
        try {
            Exception refused = assertThrows(Exception.class, main::start);
            String message = rootMessage(refused);
            assertTrue(message.contains("route 'route-call-event' asks Salesforce for 'do-not-cal'"), message);
            assertTrue(message.contains("Known actions: do-not-call, do-not-text, escalate,"), message);
        } finally {
            main.stop();
        }
    }

    @Test
    void aVariableThatIsNoFactOfTheEventStopsTheRouterAtStart(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("routing.camel.yaml");
        Files.writeString(rules, """
                - route:
                    id: route-call-event
                    from:
                      uri: direct:route-call-event
                      steps:
                        - to: direct:sink-jdbc
                        - filter:
                            simple: "${variable.eventKind} == 'call-ended' && ${variable.optOutt}"
                            steps:
                              - setHeader:
                                  name: mailRule
                                  constant: opt-out
                              - to: direct:sink-mail
                """);
        Main main = router(rules, "unknown-variable");
        try {
            Exception refused = assertThrows(Exception.class, main::start);
            String message = rootMessage(refused);
            assertTrue(message.contains("rule '${variable.eventKind} == 'call-ended' && ${variable.optOutt}' in route "
                    + "'route-call-event' tests 'optOutt'"), message);
            assertTrue(message.contains("Known variables: vendor, account, eventKind, businessOutcome,"), message);
        } finally {
            main.stop();
        }
    }

    @Test
    void aRuleThatFailsOnAnEventIsNamedInItsError(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("routing.camel.yaml");
        Files.writeString(rules, """
                - route:
                    id: route-call-event
                    from:
                      uri: direct:route-call-event
                      steps:
                        - to: direct:sink-jdbc
                        - filter:
                            simple: "${body.optOutt}"
                            steps:
                              - setHeader:
                                  name: mailRule
                                  constant: opt-out
                              - to: direct:sink-mail
                """);
        Main main = router(rules, "failing-rule");
        main.start();
        try {
            CallLog log = new CallLog(main.getCamelContext().getRegistry().lookupByNameAndType("dataSource",
                    javax.sql.DataSource.class));
            String eventId = new Webhooks(main.getCamelContext()).clarion(Webhooks.example("clarion-end-of-call.json"))
                    .eventId();
            log.awaitStatus(eventId, "FAILED");
            List<Map<String, Object>> rows = log.rows("SELECT last_error FROM inbox WHERE event_id = ?",
                    java.util.UUID.fromString(eventId));
            String error = (String) rows.get(0).get("last_error");
            assertTrue(error.contains("a routing rule failed: rule '${body.optOutt}' in route 'route-call-event': "
                    + "Method with name: optOutt not found on bean"), error);
            assertEquals(0, log.count("delivery"), "nothing was asked of a sink");
        } finally {
            main.stop();
        }
    }

    private static String rootMessage(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
