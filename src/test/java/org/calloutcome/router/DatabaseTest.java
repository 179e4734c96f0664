package org.calloutcome.router;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DatabaseTest {
    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.*\\.(sql|java)");

    /** A start skips Flyway when the history holds SCHEMA_VERSION: a newer migration must raise it, or never runs. */
    @Test
    void theSchemaVersionAStartChecksIsTheNewestMigration() throws Exception {
        // SQL migrations, and Java ones where PostgreSQL and H2 need different statements
        int newest = Math.max(newest("src/main/resources/db/migration"), newest("src/main/java/db/migration"));
        assertEquals(newest, Database.SCHEMA_VERSION, "raise Database.SCHEMA_VERSION with each new migration");
    }

    private static int newest(String folder) throws Exception {
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            return files.map(file -> MIGRATION.matcher(file.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(match -> Integer.parseInt(match.group(1)))
                    .max().orElse(0);
        }
    }
}
