package org.calloutcome.router;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every YAML route file the project ships or tests with follows Camel's own YAML DSL schema ({@code camelYamlDsl.json}
 * in camel-yaml-dsl), so that Kaoto and the VS Code Camel tooling open them as they are.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteFilesSchemaTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private JsonSchema schema;

    @BeforeAll
    void camelsSchema() throws IOException {
        try (InputStream in = org.apache.camel.dsl.yaml.YamlRoutesBuilderLoader.class
                .getResourceAsStream("/schema/camelYamlDsl.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    static List<Path> routeFiles() throws IOException {
        try (Stream<Path> files = Stream.of(Path.of("routes"), Path.of("src/test/resources/test-routes"),
                Path.of("bench")).flatMap(RouteFilesSchemaTest::list)) {
            List<Path> found = files.filter(file -> file.toString().endsWith(".camel.yaml")).sorted().toList();
            assertFalse(found.isEmpty());
            return found;
        }
    }

    private static Stream<Path> list(Path folder) {
        try {
            return Files.list(folder).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void followsCamelsYamlDslSchema(Path file) throws IOException {
        JsonNode routes = YAML.readTree(file.toFile());
        List<String> problems = schema.validate(routes).stream().map(ValidationMessage::getMessage).limit(3).toList();
        assertEquals(List.of(), problems, file + " against camelYamlDsl.json (first problems)");
    }

    @org.junit.jupiter.api.Test
    void aMistakeTheToolingWouldStumbleOnIsFound() throws IOException {
        JsonNode typo = YAML.readTree("- route:\n    from:\n      uri: direct:x\n      steps:\n        - filtr:\n"
                + "            simple: \"${variable.optOut}\"\n");
        assertFalse(schema.validate(typo).isEmpty(), "an unknown step is refused");
    }
}
