package org.calloutcome.router;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's table of environment variables is held to the packaged {@code application.properties} (and the defaults
 * the code gives): each variable it names sets the setting it names there (rows written with placeholders, {@code <vendor>}, are read by the router by
 * name and checked elsewhere).
 */
class ReadmeConfigurationTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    @Test
    void everyVariableOfTheTableSetsTheSettingItNames() throws Exception {
        Properties packaged = new Properties();
        packaged.putAll(RouterConfiguration.codeDefaults());
        packaged.load(new StringReader(Files.readString(Path.of("application.properties"))));
        List<String> rows = table(Files.readAllLines(Path.of("README.md")));
        assertTrue(rows.size() > 30, "the table is found: " + rows.size() + " rows");
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String row : rows) {
            String[] cells = row.split("\\|");
            List<String> variables = codes(cells[1]);
            List<String> settings = settings(codes(cells[2]));
            if (row.contains("<") || variables.size() != settings.size()) {
                continue; // a family (<vendor>, <key>): its keys are built by name
            }
            for (int i = 0; i < variables.size(); i++) {
                if (variables.get(i).startsWith("CAMEL_")) {
                    continue; // Camel Main maps CAMEL_COMPONENT_... variables to camel.component... by itself
                }
                String value = packaged.getProperty(settings.get(i));
                checked++;
                if (value == null) {
                    wrong.add(settings.get(i) + " is no packaged setting");
                } else if (!value.contains("{{env:" + variables.get(i) + ":")
                        && !value.contains("{{env:" + variables.get(i) + "}}")) {
                    wrong.add(settings.get(i) + " is not set by " + variables.get(i) + " but " + value);
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(checked > 30, checked + " variables checked");
    }

    /** The rows of the table whose header is "| variable | setting | default |". */
    private static List<String> table(List<String> lines) {
        List<String> rows = new ArrayList<>();
        int at = lines.indexOf("| variable | setting | default |");
        for (int i = at + 2; at >= 0 && i < lines.size() && lines.get(i).startsWith("|"); i++) {
            rows.add(lines.get(i));
        }
        return rows;
    }

    private static List<String> codes(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            codes.add(code.group(1));
        }
        return codes;
    }

    /** {@code router.mail.smtp-username} / {@code .smtp-password}: the second is a sibling of the first. */
    private static List<String> settings(List<String> codes) {
        List<String> settings = new ArrayList<>();
        for (String code : codes) {
            if (code.startsWith(".") && !settings.isEmpty()) {
                String first = settings.get(0);
                settings.add(first.substring(0, first.lastIndexOf('.')) + code);
            } else {
                settings.add(code);
            }
        }
        return settings;
    }
}
