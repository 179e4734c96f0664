package org.calloutcome.router;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.calloutcome.router.support.RouterProcess;
import org.calloutcome.router.support.TestRoutes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A router that refuses to start says why on its standard output, even at the warning level the build's own start
 * (the class-data archive of {@code mvn package}) runs it with, and exits with an error, so the build fails with the
 * router's words.
 */
class StartRefusalTest {
    @Test
    void aTypoInARoutingRuleStopsTheStartWithTheRoutersOwnMessage() throws Exception {
        Path rules = Files.createDirectories(Path.of("target/start-refusal")).resolve("routing.camel.yaml");
        Files.writeString(rules, Files.readString(Path.of("src/test/resources/test-routes/routing.camel.yaml"))
                .replace("constant: do-not-call", "constant: do-not-cal"));
        RouterProcess router = new RouterProcess("start-refusal", Map.of(
                "router.db.url", "jdbc:h2:mem:start-refusal",
                "camel.main.routes-include-pattern", TestRoutes.ROUTES_BESIDE_THE_RULES + ",file:" + rules,
                "org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        int exit = router.runToExit(Duration.ofSeconds(60));
        assertNotEquals(0, exit, "a refused start is an error");
        String output = router.output();
        assertTrue(output.contains("route 'route-call-event' asks Salesforce for 'do-not-cal'"), output);
    }

    @Test
    void anAccountNameThatCannotBeAPathStopsTheStartNamingTheSetting() throws Exception {
        RouterProcess router = new RouterProcess("start-refusal-account", Map.of(
                "router.db.url", "jdbc:h2:mem:start-refusal-account",
                "router.retell.accounts", "clinic-a, Clinic B",
                "router.retell.account.clinic-a.api-key", "key-of-clinic-a",
                "org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        int exit = router.runToExit(Duration.ofSeconds(60));
        assertNotEquals(0, exit, "a refused start is an error");
        String output = router.output();
        assertTrue(output.contains("router.retell.accounts: 'Clinic B' cannot name an account"), output);
    }

    @Test
    void aFieldMappingWhoseSourceTheRouterCannotKnowStopsTheStartNamingTheSetting() throws Exception {
        RouterProcess router = new RouterProcess("start-refusal-field", Map.of(
                "router.db.url", "jdbc:h2:mem:start-refusal-field",
                "router.salesforce.task.field.Next_Step__c", "extractd.next_step",
                "org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        int exit = router.runToExit(Duration.ofSeconds(60));
        assertNotEquals(0, exit, "a refused start is an error");
        String output = router.output();
        assertTrue(output.contains("router.salesforce.task.field.Next_Step__c = extractd.next_step: a source is"
                + " extracted.<key>"), output);
    }

    @Test
    void clientCredentialsAgainstLoginSalesforceComStopTheStartNamingTheSetting() throws Exception {
        RouterProcess router = new RouterProcess("start-refusal-salesforce", Map.of(
                "router.db.url", "jdbc:h2:mem:start-refusal-salesforce",
                "camel.component.salesforce.login-url", "https://login.salesforce.com",
                "camel.component.salesforce.client-id", "the-apps-consumer-key",
                "camel.component.salesforce.client-secret", "the-apps-consumer-secret",
                "org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        int exit = router.runToExit(Duration.ofSeconds(60));
        assertNotEquals(0, exit, "a refused start is an error");
        String output = router.output();
        assertTrue(output.contains("SALESFORCE_LOGIN_URL (camel.component.salesforce.login-url) is"
                + " https://login.salesforce.com: the client credentials flow logs in at the org's My Domain only"),
                output);
    }

    @Test
    void aShortAdminTokenStopsTheStartNamingTheVariable() throws Exception {
        RouterProcess router = new RouterProcess("start-refusal-admin", Map.of(
                "router.db.url", "jdbc:h2:mem:start-refusal-admin",
                "router.admin.token", "change-me",
                "org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        int exit = router.runToExit(Duration.ofSeconds(60));
        assertNotEquals(0, exit, "a refused start is an error");
        assertTrue(router.output().contains("ADMIN_TOKEN (router.admin.token) has 9 characters: it needs at least 32"),
                router.output());
    }

    @Test
    void anAdminPortThatIsTheWebhookPortStopsTheStartNamingTheVariable() throws Exception {
        RouterProcess router = new RouterProcess("start-refusal-admin-port", Map.of(
                "router.db.url", "jdbc:h2:mem:start-refusal-admin-port",
                "router.admin.token", "an-admin-token-long-enough-0123456789",
                "router.admin.port", "{{camel.server.port}}",
                "org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        int exit = router.runToExit(Duration.ofSeconds(60));
        assertNotEquals(0, exit, "a refused start is an error");
        assertTrue(router.output().contains(", the webhook port: the admin API needs a port of its own"),
                router.output());
    }
}
