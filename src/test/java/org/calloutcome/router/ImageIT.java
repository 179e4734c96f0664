package org.calloutcome.router;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.normalize.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The container image {@code mvn -Pimage package} builds (an OCI tar, run by {@code mvn -Pimage verify}): its
 * configuration as a container runtime reads it, its files, and its entrypoint starting the router with the
 * image's own Java runtime and class-data archive ({@code -Xshare:on} refuses to start when the archive does not
 * match).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImageIT {
    private static final Path TAR = Path.of("target/call-outcome-router-image.tar");
    private final Path unpacked = Path.of("target/image-unpacked");
    private final Path root = unpacked.resolve("root");
    private JsonNode config;

    @BeforeAll
    void unpack() throws Exception {
        assertTrue(Files.exists(TAR), "build it with mvn -Pimage package");
        run(null, "rm", "-rf", unpacked.toString());
        Files.createDirectories(root);
        run(null, "tar", "-xf", TAR.toString(), "-C", unpacked.toString());
        JsonNode index = Json.MAPPER.readTree(unpacked.resolve("index.json").toFile());
        JsonNode manifest = Json.MAPPER.readTree(blob(index.path("manifests").path(0).path("digest").asText()));
        config = Json.MAPPER.readTree(blob(manifest.path("config").path("digest").asText())).path("config");
        for (JsonNode layer : manifest.path("layers")) {
            run(null, "tar", "-xzf", blob(layer.path("digest").asText()).getPath(), "-C", root.toString());
        }
    }

    private File blob(String digest) {
        return unpacked.resolve("blobs/sha256/" + digest.substring("sha256:".length())).toFile();
    }

    @Test
    void runsAsANonRootUserWithBothPortsExposed() {
        assertEquals("65532:65532", config.path("User").asText());
        assertEquals("/app", config.path("WorkingDir").asText());
        List<String> ports = new ArrayList<>();
        config.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        assertEquals(List.of("8080/tcp", "9876/tcp"), ports.stream().sorted().toList());
        JsonNode entrypoint = config.path("Entrypoint");
        assertEquals("/opt/java/bin/java", entrypoint.path(0).asText());
        assertEquals("-XX:SharedArchiveFile=call-outcome-router.jsa", entrypoint.path(1).asText());
        assertEquals(CallOutcomeRouter.class.getName(), entrypoint.path(entrypoint.size() - 1).asText());
    }

    @Test
    void holdsItsRuntimeArchiveAndTheFoldersTheRouterWrites() throws IOException {
        assertTrue(Files.isExecutable(root.resolve("opt/java/bin/java")));
        assertTrue(Files.size(root.resolve("app/call-outcome-router.jsa")) > 1_000_000);
        assertTrue(Files.readString(root.resolve("etc/passwd")).contains(":65532:65532:"));
        for (String folder : List.of("app/data", "app/outbox", "tmp")) {
            assertEquals("rwxrwxrwx", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve(folder))),
                    folder + " is writable by the router's user");
        }
    }

    @Test
    void theEntrypointStartsTheRouterWithTheImagesClassDataArchive() throws Exception {
        List<String> command = new ArrayList<>();
        config.path("Entrypoint").forEach(arg -> command.add(arg.asText()));
        command.set(0, root.resolve(command.get(0).substring(1)).toAbsolutePath().toString());
        // refuse to start unless the archive maps; stop after a second
        command.addAll(1, List.of("-Xshare:on", "-Dcamel.main.durationMaxSeconds=1"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(root.resolve("app").toFile())
                .redirectErrorStream(true);
        builder.environment().put("HTTP_PORT", "0");
        builder.environment().put("MANAGEMENT_PORT", "0");
        builder.environment().put("ADMIN_PORT", "0");
        builder.environment().put("DB_URL", "jdbc:h2:mem:image");
        Process router = builder.start();
        String output = new String(router.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(router.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, router.exitValue(), output);
        assertTrue(output.contains("Ready on port"), output);
    }

    private static void run(File directory, String... command) throws Exception {
        Process process = new ProcessBuilder(command).directory(directory).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output);
    }
}
