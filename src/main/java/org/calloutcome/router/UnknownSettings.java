package org.calloutcome.router;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settings an operator wrote that the router never reads: a misspelt key changes nothing, silently, unless it is named.
 * A {@code router.*} key of the configuration folder or a system property is known when the packaged
 * {@code application.properties} has it or the code gives it a default, or when it belongs to a family the router
 * reads by name: an account's
 * ({@code router.<vendor>.account.<name>.*}), a previous secret ({@code *-previous}), recipients and channels by rule
 * ({@code router.mail.to.*}, {@code router.alerts.channels.*}), outcome vocabularies ({@code router.mapping.*}), what
 * alerts show by vendor ({@code router.mail.summary.<vendor>}, {@code router.mail.customer-name.<vendor>}, ...) and
 * Salesforce dispositions ({@code router.salesforce.disposition.*}) and fields ({@code router.salesforce.task.field.*},
 * {@code router.salesforce.person.field.*}), and each Salesforce org's ({@code router.salesforce.org.*}). A
 * {@code ROUTER_*} environment variable is known when the packaged file reads it, or it is an account's, a field's or
 * an org's.
 */
public final class UnknownSettings {
    private static final Logger LOG = LoggerFactory.getLogger(UnknownSettings.class);
    private static final List<String> FAMILIES = List.of("router.mail.to.", "router.alerts.channels.",
            "router.mapping.", "router.mail.summary.", "router.mail.customer-name.",
            "router.mail.transcript-excerpt.", "router.salesforce.disposition.", "router.salesforce.task.field.",
            "router.salesforce.person.field.", "router.salesforce.org.");
    private static final Pattern ACCOUNT_KEY = Pattern.compile("router\\.[a-z0-9-]+\\.account\\.[a-z0-9-]+\\..+");
    private static final Pattern ACCOUNT_VARIABLE = Pattern.compile("ROUTER_[A-Z0-9_]+_ACCOUNT_[A-Z0-9_]+"
            + "|ROUTER_SALESFORCE_(TASK|PERSON)_FIELD_[A-Z0-9_]+|ROUTER_SALESFORCE_ORG_[A-Z0-9_]+");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{env:([A-Z0-9_]+)");

    private final Set<String> packaged;
    private final Set<String> variables = new TreeSet<>(Set.of(ConfigurationFolder.VARIABLE));

    /** {@code packaged}: the packaged file's settings and those the code gives a default. */
    public UnknownSettings(Properties packaged) {
        this.packaged = new TreeSet<>(packaged.stringPropertyNames());
        for (String key : this.packaged) {
            Matcher variable = VARIABLE.matcher(packaged.getProperty(key));
            while (variable.find()) {
                variables.add(variable.group(1));
            }
        }
    }

    /** At start: a warning for each unknown key of the configuration folder, the system properties, the environment. */
    public static void warn(Map<String, String> environment, Map<String, String> codeDefaults) {
        try (InputStream in = UnknownSettings.class.getResourceAsStream("/application.properties")) {
            Properties packaged = new Properties();
            packaged.putAll(codeDefaults);
            packaged.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            UnknownSettings check = new UnknownSettings(packaged);
            List<String> unknown = new ArrayList<>();
            ConfigurationFolder.fromEnvironment().map(folder -> folder.folder().resolve("application.properties"))
                    .filter(Files::isRegularFile)
                    .ifPresent(file -> unknown.addAll(check.keys(read(file), "in " + file)));
            unknown.addAll(check.keys(System.getProperties(), "a system property"));
            unknown.addAll(check.variables(environment.keySet()));
            unknown.forEach(LOG::warn);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the packaged application.properties", e);
        }
    }

    /** A line for each {@code router.*} key of {@code given} that the router does not read; {@code where} names it. */
    public List<String> keys(Properties given, String where) {
        List<String> unknown = new ArrayList<>();
        for (String key : new TreeSet<>(given.stringPropertyNames())) {
            if (key.startsWith("router.") && !known(key)) {
                unknown.add("Unknown setting " + key + " (" + where + "): the router does not read it"
                        + nearest(key).map(near -> "; did you mean " + near + "?").orElse(""));
            }
        }
        return unknown;
    }

    /** A line for each {@code ROUTER_*} variable of {@code names} that the router does not read. */
    public List<String> variables(Set<String> names) {
        List<String> unknown = new ArrayList<>();
        for (String name : new TreeSet<>(names)) {
            if (name.startsWith("ROUTER_") && !variables.contains(name) && !ACCOUNT_VARIABLE.matcher(name).matches()) {
                unknown.add("Unknown environment variable " + name + ": the router does not read it");
            }
        }
        return unknown;
    }

    private boolean known(String key) {
        String base = key.endsWith("-previous") ? key.substring(0, key.length() - "-previous".length()) : key;
        return packaged.contains(base) || ACCOUNT_KEY.matcher(key).matches()
                || FAMILIES.stream().anyMatch(key::startsWith);
    }

    /** The packaged key a few keystrokes away, if one is. */
    private java.util.Optional<String> nearest(String key) {
        String best = null;
        int bestDistance = 4;
        for (String candidate : packaged) {
            int distance = distance(key, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return java.util.Optional.ofNullable(best);
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 3) {
            return Integer.MAX_VALUE;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        return properties;
    }
}
