package org.calloutcome.router;

import java.util.Map;
import java.util.Properties;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.calloutcome.router.intake.WebhookAccounts;
import org.calloutcome.router.intake.WebhookCredential;
import org.calloutcome.router.intake.WebhookRejection;
import org.calloutcome.router.platforms.Platforms;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A vendor's accounts as configured: which path is whose, and the configurations that must stop the start. */
class WebhookAccountsTest {

    private static WebhookAccounts accounts(Map<String, String> given) {
        DefaultCamelContext context = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.put("router.retell.path", "/webhooks/retell");
        properties.put("router.retell.open", "false");
        properties.putAll(given);
        context.getPropertiesComponent().setInitialProperties(properties);
        return IntakeConfiguration.accounts(new Settings(context), Platforms.of("retell"));
    }

    private static String refusal(Map<String, String> given) {
        return assertThrows(IllegalStateException.class, () -> accounts(given)).getMessage();
    }

    private static String accountAt(WebhookAccounts accounts, String uri) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setHeader(Exchange.HTTP_URI, uri);
        accounts.verify(exchange, secret -> { });
        return exchange.getProperty(WebhookAccounts.ACCOUNT, String.class);
    }

    @Test
    void thePlainPathIsTheDefaultAccountAndEachNamedAccountHasItsOwn() {
        WebhookAccounts accounts = accounts(Map.of("router.retell.api-key", "key_default",
                "router.retell.accounts", " clinic-a ,clinic-b", "router.retell.account.clinic-a.api-key", "key_a",
                "router.retell.account.clinic-b.api-key-previous", "key_b_old"));
        assertEquals("default", accountAt(accounts, "/webhooks/retell"));
        assertEquals("default", accountAt(accounts, "/webhooks/retell/?token=x"));
        assertEquals("clinic-a", accountAt(accounts, "/webhooks/retell/clinic-a"));
        assertEquals("clinic-b", accountAt(accounts, "/webhooks/retell/clinic-b?x=1"), "a previous key alone will do");
        for (String uri : java.util.List.of("/webhooks/retell/clinic-c", "/webhooks/retell/default",
                "/webhooks/retellx", "/webhooks/retell/clinic-a/x")) {
            WebhookRejection unknown = assertThrows(WebhookRejection.class, () -> accountAt(accounts, uri), uri);
            assertEquals(404, unknown.getStatus());
            assertEquals("unknown_account", unknown.getError());
        }
    }

    @Test
    void aConfigurationThatCannotWorkStopsTheStartNamingWhatToSet() {
        String noCredential = refusal(Map.of("router.retell.accounts", "clinic-a"));
        assertTrue(noCredential.contains("router.retell.account.clinic-a.api-key")
                && noCredential.contains("ROUTER_RETELL_ACCOUNT_CLINIC_A_API_KEY"), noCredential);
        String twice = refusal(Map.of("router.retell.accounts", "clinic-a, clinic-a",
                "router.retell.account.clinic-a.api-key", "key_a"));
        assertTrue(twice.contains("two accounts on one path"), twice);
        assertTrue(refusal(Map.of("router.retell.accounts", "Clinic A")).contains("'Clinic A'"));
        assertTrue(refusal(Map.of("router.retell.accounts", "default")).contains("not 'default'"));
    }

    @Test
    void aRequestVerifiedByThePreviousSecretSaysSoAndAStaleOneSaysWhatIsWrong() {
        WebhookCredential rotating = new WebhookCredential("bland", "default", "BLAND_WEBHOOK_SECRET",
                java.util.Optional.of("new"), java.util.Optional.of("old"), false);
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        rotating.verify(exchange, secret -> {
            if (!secret.equals("old")) {
                throw WebhookRejection.unauthorized("invalid_signature", "no match");
            }
        });
        assertEquals("previous", exchange.getProperty(WebhookCredential.MATCHED));
        WebhookRejection stale = assertThrows(WebhookRejection.class, () -> rotating.verify(exchange, secret -> {
            throw WebhookRejection.unauthorized(secret.equals("old") ? "stale_timestamp" : "invalid_signature", "x");
        }));
        assertEquals("stale_timestamp", stale.getError(), "what the matching secret found says more");
    }
}
