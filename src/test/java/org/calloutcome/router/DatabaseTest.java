package org.calloutcome.router;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DatabaseTest {
    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.*\\.sql");

    /** A start skips Flyway when the history holds SCHEMA_VERSION: a newer migration must raise it, or never runs. */
    @Test
    void theSchemaVersionAStartChecksIsTheNewestMigration() throws Exception {
        int newest;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            newest = files.map(file -> MIGRATION.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(match -> Integer.parseInt(match.group(1)))
                    .max().orElseThrow();
        }
        assertEquals(newest, Database.SCHEMA_VERSION, "raise Database.SCHEMA_VERSION with each new migration");
    }
}
