package org.calloutcome.router;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kubernetes manifests (deploy/kubernetes) parse, and name only what the router has: its environment variables,
 * its settings, its ports, health paths, route files and templates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployManifestsTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final Map<String, JsonNode> byKind = new HashMap<>();
    private Properties packaged;
    private Set<String> variables;

    @BeforeAll
    void read() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("deploy/kubernetes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                JsonNode manifest = YAML.readTree(file.toFile());
                if (manifest.has("kind") && !"Kustomization".equals(manifest.path("kind").asText())) {
                    byKind.put(manifest.path("kind").asText(), manifest);
                }
            }
        }
        String properties = Files.readString(Path.of("application.properties"));
        packaged = new Properties();
        packaged.putAll(RouterConfiguration.codeDefaults()); // settings the code gives a default, set by name
        packaged.load(new StringReader(properties));
        // the environment variables the router reads: every {{env:NAME...}} of application.properties
        variables = new HashSet<>();
        Matcher env = Pattern.compile("\\{\\{env:([A-Z0-9_]+)").matcher(properties);
        while (env.find()) {
            variables.add(env.group(1));
        }
    }

    private JsonNode router() {
        return byKind.get("Deployment").path("spec").path("template").path("spec").path("containers").path(0);
    }

    private Map<String, JsonNode> environment() {
        Map<String, JsonNode> env = new HashMap<>();
        router().path("env").forEach(variable -> env.put(variable.path("name").asText(), variable));
        return env;
    }

    @Test
    void everyManifestIsThere() {
        assertEquals(Set.of("ConfigMap", "Deployment", "NetworkPolicy", "Secret", "Service"), byKind.keySet());
        List<String> kustomized = new ArrayList<>();
        try {
            YAML.readTree(Path.of("deploy/kubernetes/kustomization.yaml").toFile()).path("resources")
                    .forEach(r -> kustomized.add(r.asText()));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        kustomized.forEach(file -> assertTrue(Files.exists(Path.of("deploy/kubernetes", file)), file));
    }

    @Test
    void twoReplicasNamedAfterTheirPodsWithEveryCredentialFromTheSecret() {
        JsonNode deployment = byKind.get("Deployment");
        assertEquals(2, deployment.path("spec").path("replicas").asInt());
        assertEquals("metadata.name", environment().get("ROUTER_INSTANCE_ID").path("valueFrom").path("fieldRef")
                .path("fieldPath").asText());
        assertEquals(byKind.get("Secret").path("metadata").path("name").asText(),
                router().path("envFrom").path(0).path("secretRef").path("name").asText());
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
        assertTrue(router().path("resources").path("requests").has("memory"));
        assertTrue(router().path("resources").path("limits").has("memory"));
    }

    @Test
    void thePodRunsHardenedAndOnlyTheIngressAndMonitoringReachIt() {
        JsonNode pod = byKind.get("Deployment").path("spec").path("template").path("spec");
        assertEquals("RuntimeDefault", pod.path("securityContext").path("seccompProfile").path("type").asText());
        assertEquals(false, pod.path("automountServiceAccountToken").asBoolean(true));
        assertTrue(router().path("image").asText().contains("@sha256:"), "the image by its digest");
        assertTrue(environment().get("DB_URL").path("value").asText().endsWith("?sslmode=verify-full"));
        JsonNode policy = byKind.get("NetworkPolicy").path("spec");
        assertEquals("call-outcome-router",
                policy.path("podSelector").path("matchLabels").path("app.kubernetes.io/name").asText());
        Set<Integer> open = new java.util.TreeSet<>();
        policy.path("ingress").forEach(rule -> rule.path("ports").forEach(port -> open.add(port.path("port").asInt())));
        assertEquals(Set.of(8080, 9876), open, "webhooks and, for monitoring, health and metrics; never the admin port");
    }

    @Test
    void everyVariableAndSecretKeyIsOneTheRouterReads() {
        for (String name : environment().keySet()) {
            assertTrue(variables.contains(name), name + " is read by no setting of application.properties");
        }
        byKind.get("Secret").path("stringData").fieldNames().forEachRemaining(key -> assertTrue(
                variables.contains(key.replaceFirst("_PREVIOUS$", "")), key + " is no variable of the router"));
    }

    @Test
    void probesAndPrometheusReadTheManagementPortAndTheServiceOnlyTheWebhooks() {
        Map<String, Integer> ports = new HashMap<>();
        router().path("ports").forEach(p -> ports.put(p.path("name").asText(), p.path("containerPort").asInt()));
        assertEquals(Map.of("http", 8080, "management", 9876, "admin", 8081), ports);
        assertEquals("{{env:ADMIN_PORT:8081}}", packaged.getProperty("router.admin.port"));
        assertEquals("8080", environment().get("HTTP_PORT").path("value").asText());
        assertEquals("9876", environment().get("MANAGEMENT_PORT").path("value").asText());
        assertEquals("{{env:MANAGEMENT_PORT:9876}}", packaged.getProperty("camel.management.port"));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            JsonNode get = router().path(probe).path("httpGet");
            assertEquals("management", get.path("port").asText(), probe);
            assertTrue(get.path("path").asText().startsWith("/observe/health/"), probe);
        }
        assertEquals("/observe/health/ready", router().path("readinessProbe").path("httpGet").path("path").asText());
        JsonNode annotations = byKind.get("Deployment").path("spec").path("template").path("metadata")
                .path("annotations");
        assertEquals("9876", annotations.path("prometheus.io/port").asText());
        assertEquals("/observe/metrics", annotations.path("prometheus.io/path").asText());
        JsonNode service = byKind.get("Service").path("spec").path("ports");
        assertEquals(1, service.size(), "health, metrics and the admin API are not exposed by the Service");
        assertEquals("http", service.path(0).path("targetPort").asText());
    }

    @Test
    void theConfigurationFolderHoldsPackagedKeysRouteFilesAndTemplates() throws IOException {
        String folder = environment().get("ROUTER_CONFIG_DIR").path("value").asText();
        JsonNode mount = router().path("volumeMounts").path(0);
        assertEquals("config", mount.path("name").asText());
        assertEquals(folder, mount.path("mountPath").asText());
        Properties overrides = new Properties();
        overrides.load(new StringReader(byKind.get("ConfigMap").path("data").path("application.properties").asText()));
        assertTrue(!overrides.isEmpty(), "an example of an override");
        for (String key : overrides.stringPropertyNames()) {
            assertTrue(packaged.containsKey(key), key + " overrides no packaged setting");
        }
        JsonNode sources = byKind.get("Deployment").path("spec").path("template").path("spec").path("volumes")
                .path(0).path("projected").path("sources");
        assertEquals(3, sources.size());
        for (JsonNode source : sources) {
            for (JsonNode item : source.path("configMap").path("items")) {
                String path = item.path("path").asText();
                // application.properties, routes/<name>.camel.yaml and templates/<name> as the checkout has them
                assertTrue(Files.exists(Path.of(path)), path + " replaces no packaged file");
                assertEquals(path.substring(path.lastIndexOf('/') + 1), item.path("key").asText());
            }
        }
    }
}
