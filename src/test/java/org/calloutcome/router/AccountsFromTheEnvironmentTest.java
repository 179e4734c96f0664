package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.support.FakeSalesforce;
import org.calloutcome.router.support.RouterProcess;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The environment names operators (and tests outside the project) set: an account and its key
 * ({@code ROUTER_RETELL_ACCOUNTS}, {@code ROUTER_RETELL_ACCOUNT_CLINIC_A_API_KEY}), a rotation
 * ({@code RETELL_API_KEY}, {@code RETELL_API_KEY_PREVIOUS}) and a Salesforce org's connection
 * ({@code ROUTER_SALESFORCE_ORG_CLINIC_A_CLIENT_SECRET}), read by a router started as in production.
 */
class AccountsFromTheEnvironmentTest {
    private static final String KEY_A = "key_clinic_a_from_the_environment";
    private static final String NEW_KEY = "key_retell_after_rotation";

    private static byte[] call(String callId) throws Exception {
        ObjectNode payload = (ObjectNode) Json.MAPPER.readTree(Webhooks.example("retell-call-analyzed.json"));
        ((ObjectNode) payload.get("call")).put("call_id", callId);
        return payload.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anAccountAndARotationSetInTheEnvironmentAreServed() throws Exception {
        RouterProcess router = new RouterProcess("accounts-from-env", Map.of(
                "router.db.url", "jdbc:h2:mem:accounts-env;DB_CLOSE_DELAY=-1",
                "router.mail.outbox", "target/outbox-accounts-env"))
                .withEnvironment(Map.of(
                        "ROUTER_RETELL_ACCOUNTS", "clinic-a",
                        "ROUTER_RETELL_ACCOUNT_CLINIC_A_API_KEY", KEY_A,
                        "RETELL_API_KEY", NEW_KEY,
                        "RETELL_API_KEY_PREVIOUS", Webhooks.RETELL_API_KEY,
                        "ROUTER_RETELL_RECONCILE", "false"));
        try {
            router.start();
            Webhooks webhooks = new Webhooks(router.url());
            assertEquals(202, webhooks.retell("/webhooks/retell/clinic-a", KEY_A, call("env_call_a")).status());
            assertEquals(202, webhooks.retell("/webhooks/retell", NEW_KEY, call("env_call_new")).status());
            assertEquals(202, webhooks.retell("/webhooks/retell", Webhooks.RETELL_API_KEY, call("env_call_old"))
                    .status(), "signed with the previous key");
            assertEquals(401, webhooks.retell("/webhooks/retell/clinic-a", NEW_KEY, call("env_call_crossed"))
                    .status());
        } finally {
            router.stop();
        }
    }

    @Test
    void anOrgWhoseConnectionIsInTheEnvironmentGetsItsAccountsCalls() throws Exception {
        FakeSalesforce clinic = new FakeSalesforce();
        WireMockServer server = clinic.serve();
        RouterProcess router = new RouterProcess("org-from-env", Map.of(
                "router.db.url", "jdbc:h2:mem:org-env;DB_CLOSE_DELAY=-1",
                "router.mail.outbox", "target/outbox-org-env",
                "router.salesforce.poll-interval-ms", "100"))
                .withEnvironment(Map.of(
                        "ROUTER_SALESFORCE_ORGS", "clinic-a",
                        "ROUTER_SALESFORCE_ORG_CLINIC_A_LOGIN_URL", server.baseUrl(),
                        "ROUTER_SALESFORCE_ORG_CLINIC_A_CLIENT_ID", "fake-client-id",
                        "ROUTER_SALESFORCE_ORG_CLINIC_A_CLIENT_SECRET", "fake-client-secret",
                        "ROUTER_RETELL_ACCOUNTS", "clinic-a",
                        "ROUTER_RETELL_ACCOUNT_CLINIC_A_API_KEY", KEY_A,
                        "ROUTER_RETELL_ACCOUNT_CLINIC_A_SALESFORCE_ORG", "clinic-a",
                        "ROUTER_RETELL_RECONCILE", "false"));
        try {
            router.start();
            assertEquals(202, new Webhooks(router.url()).retell("/webhooks/retell/clinic-a", KEY_A,
                    call("env_org_call")).status());
            await().atMost(Duration.ofSeconds(30)).until(() -> clinic.created
                    .stream().anyMatch(t -> t.path("CallObject").asText().equals("retell/clinic-a:env_org_call")));
        } finally {
            router.stop();
            server.stop();
        }
    }
}
