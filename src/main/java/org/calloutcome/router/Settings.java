package org.calloutcome.router;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertiesComponent;

/**
 * Typed access to {@code application.properties} (and its environment-variable placeholders).
 * A blank value counts as not set, so {@code {{env:SECRET:}}} with no variable means "no secret".
 */
public final class Settings {
    private final PropertiesComponent properties;

    public Settings(CamelContext context) {
        this.properties = context.getPropertiesComponent();
    }

    public Optional<String> get(String key) {
        return properties.resolveProperty(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    public String get(String key, String defaultValue) {
        return get(key).orElse(defaultValue);
    }

    public int getInt(String key, int defaultValue) {
        return get(key).map(Integer::parseInt).orElse(defaultValue);
    }

    public long getLong(String key, long defaultValue) {
        return get(key).map(Long::parseLong).orElse(defaultValue);
    }

    public boolean getBoolean(String key, boolean defaultValue) {
        return get(key).map(Boolean::parseBoolean).orElse(defaultValue);
    }

    /** Every property under {@code prefix}, keyed by the rest of its name, sorted by key. */
    public Map<String, String> withPrefix(String prefix) {
        Properties found = properties.loadProperties(key -> key.startsWith(prefix));
        Map<String, String> result = new TreeMap<>();
        for (String key : found.stringPropertyNames()) {
            get(key).ifPresent(value -> result.put(key.substring(prefix.length()), value));
        }
        return result;
    }
}
