package org.calloutcome.router.observe;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Prometheus alerting rules shipped in {@code deploy/prometheus/} are valid, fire when their tests say (checked
 * with Prometheus' own {@code promtool}, from Debian's {@code prometheus} package), and read metrics the router has.
 */
class PrometheusRulesTest {
    private static final Path RULES = Path.of("deploy/prometheus/alerts.yml");

    private static String promtool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(Path.of("deploy/prometheus").toFile())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, process.exitValue(), "promtool " + String.join(" ", arguments) + ":\n" + output);
        return output;
    }

    @Test
    void theRulesAreValid() throws Exception {
        assertTrue(promtool("check", "rules", "alerts.yml").contains("SUCCESS: 5 rules found"));
    }

    @Test
    void theRulesFireAsTheirTestsSay() throws Exception {
        assertTrue(promtool("test", "rules", "alerts.test.yml").contains("SUCCESS"));
    }

    @Test
    void theRulesReadOnlyMetricsTheRouterHas() throws Exception {
        String metrics = Files.readString(Path.of("src/main/java/org/calloutcome/router/observe/RouterMetrics.java"));
        Matcher names = Pattern.compile("router_[a-z_]+").matcher(Files.readString(RULES));
        int found = 0;
        while (names.find()) {
            // Micrometer's names: dots for underscores, the base unit (seconds) appended by the registry
            String meter = names.group().replaceFirst("_seconds$", "").replace('_', '.');
            assertTrue(metrics.contains("\"" + meter + "\""), names.group() + " is no metric of the router");
            found++;
        }
        assertTrue(found >= 4, "the rules read the router's metrics");
    }
}
