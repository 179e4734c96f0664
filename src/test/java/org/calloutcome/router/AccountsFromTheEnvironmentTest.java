package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.calloutcome.router.normalize.Json;
import org.calloutcome.router.support.RouterProcess;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The environment names operators (and tests outside the project) set: an account and its key
 * ({@code ROUTER_RETELL_ACCOUNTS}, {@code ROUTER_RETELL_ACCOUNT_CLINIC_A_API_KEY}) and a rotation
 * ({@code RETELL_API_KEY}, {@code RETELL_API_KEY_PREVIOUS}), read by a router started as in production.
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
}
