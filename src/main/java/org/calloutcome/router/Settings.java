package org.calloutcome.router;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Typed access to {@code application.properties} (and its environment-variable placeholders).
 * A blank value counts as not set, so {@code {{env:SECRET:}}} with no variable means "no secret". Defaults live in
 * {@code application.properties} only.
 */
public final class Settings {
    private final PropertiesComponent properties;

    public Settings(CamelContext context) {
        this.properties = context.getPropertiesComponent();
    }

    public Optional<String> get(String key) {
        return properties.resolveProperty(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    /**
     * A setting every router has: its default is written once, in {@code application.properties}; a missing one is a
     * broken configuration, named at start.
     */
    public String require(String key) {
        return get(key).orElseThrow(() -> new IllegalStateException("The setting " + key + " is missing or empty: set"
                + " it in application.properties (its default is there)"));
    }

    public int integer(String key) {
        return Integer.parseInt(require(key));
    }

    public long number(String key) {
        return Long.parseLong(require(key));
    }

    public boolean flag(String key) {
        return Boolean.parseBoolean(require(key));
    }

    /**
     * Every property under {@code prefix}, keyed by the rest of its name, sorted by key: from the files, the
     * configuration folder and the -D options (Camel's own loading leaves the last out).
     */
    public Map<String, String> withPrefix(String prefix) {
        Properties found = properties.loadProperties(key -> key.startsWith(prefix));
        java.util.Set<String> keys = new java.util.TreeSet<>(found.stringPropertyNames());
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith(prefix)).forEach(keys::add);
        Map<String, String> result = new TreeMap<>();
        for (String key : keys) {
            get(key).ifPresent(value -> result.put(key.substring(prefix.length()), value));
        }
        return result;
    }
}
