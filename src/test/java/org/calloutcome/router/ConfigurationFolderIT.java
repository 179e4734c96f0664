package org.calloutcome.router;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.calloutcome.router.support.Outbox;
import org.calloutcome.router.support.RouterProcess;
import org.calloutcome.router.support.Webhooks;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged jar ({@code java -jar}, run by {@code mvn -Pimage verify}) deployed with a configuration folder outside
 * it ({@code ROUTER_CONFIG_DIR}, as a mounted ConfigMap): a one-line {@code application.properties} overrides one
 * packaged key, a routing rules file replaces the packaged {@code routes/routing.camel.yaml} and is reloaded when
 * edited, and an alert template replaces the packaged one of its name.
 */
class ConfigurationFolderIT {
    private static final String OUTBOX = "target/outbox-config-folder";

    /** Rules of the clinic's own: every Clarion call is mailed to people under {@code mailRule}. */
    private static String rules(String mailRule) {
        return """
                - route:
                    id: route-call-event
                    from:
                      uri: direct:route-call-event
                      steps:
                        - to: direct:sink-jdbc
                        - filter:
                            simple: "${variable.vendor} == 'clarion'"
                            steps:
                              - setHeader:
                                  name: mailRule
                                  constant: %s
                              - to: direct:sink-mail
                """.formatted(mailRule);
    }

    private static byte[] resolvedCall(int id) {
        return new String(Webhooks.example("clarion-end-of-call.json"), StandardCharsets.UTF_8)
                .replace("\"id\": 48213", "\"id\": " + id).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theFoldersPropertiesRulesAndTemplatesTakeThePlaceOfThePackagedOnes() throws Exception {
        Path folder = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "config-folder-");
        Files.createDirectories(folder.resolve("routes"));
        Files.createDirectories(folder.resolve("templates"));
        Files.writeString(folder.resolve("application.properties"), "router.mail.to = compliance@clinic.example\n");
        Path rules = folder.resolve("routes/routing.camel.yaml");
        Files.writeString(rules, rules("escalation"));
        Files.writeString(folder.resolve("templates/alert.txt"),
                "The clinic's own template. ${exchangeProperty.alert[headline]}\n");
        Outbox outbox = new Outbox(OUTBOX);
        Files.createDirectories(Path.of(OUTBOX));
        outbox.empty();

        RouterProcess router = RouterProcess.packaged("config-folder", Map.of(
                "router.db.url", "jdbc:h2:mem:config-folder;DB_CLOSE_DELAY=-1",
                "router.mail.outbox", OUTBOX,
                "router.mail.poll-interval-ms", "100",
                "router.clarion.token", Webhooks.CLARION_TOKEN))
                .withEnvironment(Map.of(ConfigurationFolder.VARIABLE, folder.toString()));
        try {
            router.start();
            Webhooks webhooks = new Webhooks(router.url());
            // a resolved call: the packaged rules mail nobody about it, the folder's do
            assertEquals(202, webhooks.clarion(resolvedCall(1)).status());
            await().atMost(Duration.ofSeconds(20)).until(() -> outbox.mails().size() == 1);
            Outbox.Mail mail = outbox.mails().get(0);
            assertTrue(mail.subject().startsWith("[Escalation] Clarion"), mail.subject());
            assertEquals("compliance@clinic.example", mail.to(), "the folder's key");
            assertTrue(mail.text().startsWith("The clinic's own template. Escalation: Clarion"), mail.text());

            // the rules file edited in place: the next calls follow the new rule, without a restart
            Files.writeString(rules, rules("callback"));
            AtomicInteger id = new AtomicInteger(1);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
                webhooks.clarion(resolvedCall(id.incrementAndGet()));
                return !outbox.mails("[Callback]").isEmpty();
            });
        } finally {
            router.stop();
        }
    }
}
