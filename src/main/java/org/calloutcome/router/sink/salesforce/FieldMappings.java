package org.calloutcome.router.sink.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.calloutcome.router.event.CallEventJson;

/**
 * The fields an org's admin adds to what the router writes: on the call Task ({@code router.salesforce.task.field.*})
 * and on the person the call was about, or the new Lead ({@code router.salesforce.person.field.*}). Each maps a
 * Salesforce field to a source: {@code extracted.<key>}, the platform's extracted data whatever it calls it (Retell's
 * {@code custom_analysis_data}, Vapi's {@code structuredData}, ElevenLabs' data collection results, ...), or
 * {@code event.<field>}, a field of the call event ({@code summary}, {@code durationSeconds}, ...). A platform whose
 * tenant names the fact differently overrides the source ({@code <Field>.<platform>}); a person field may keep the
 * first value written ({@code <Field>.mode = keep-existing}).
 */
public record FieldMappings(List<Mapping> task, List<Mapping> person) {
    public static final FieldMappings NONE = new FieldMappings(List.of(), List.of());

    /** One field: its source, the sources of the platforms that name the fact otherwise, and whether it is kept. */
    public record Mapping(String field, Source source, Map<String, Source> byPlatform, boolean keepExisting) {
        /** The source for a call of this platform. */
        public Source sourceFor(String platform) {
            return byPlatform.getOrDefault(platform, source);
        }
    }

    /** Where a value comes from: the extracted data ({@code extracted.a.b}: key a, then b inside it) or the event. */
    public record Source(boolean extracted, List<String> path) {

        /** The value of this source in the stored call event; null when it has none (absent, null or blank). */
        public JsonNode valueIn(JsonNode stored) {
            JsonNode node = extracted ? stored.path("extractedData") : stored;
            for (String key : path) {
                node = unwrap(node.path(key));
            }
            if (node.isMissingNode() || node.isNull() || node.isTextual() && node.asText().isBlank()) {
                return null;
            }
            return node;
        }

        /**
         * ElevenLabs' data collection keeps each value beside its rationale ({@code {"value": ..., "rationale": ...}},
         * the SDK's {@code DataCollectionResultCommonModel}): the value is the fact.
         */
        private static JsonNode unwrap(JsonNode node) {
            return node.isObject() && node.has("value") && node.has("rationale") ? node.get("value") : node;
        }

        @Override
        public String toString() {
            return (extracted ? "extracted." : "event.") + String.join(".", path);
        }
    }

    public boolean isEmpty() {
        return task.isEmpty() && person.isEmpty();
    }

    /**
     * The mappings of one object's settings ({@code setting} names them in errors: {@code router.salesforce.task.field.}),
     * by the rest of their key: {@code <Field>}, {@code <Field>.<platform>}, {@code <Field>.mode}. A source the router
     * cannot know, or a key it does not read, stops the start, naming the setting.
     */
    public static List<Mapping> parse(String setting, Map<String, String> given, Set<String> platforms,
            boolean person) {
        Map<String, Source> sources = new LinkedHashMap<>();
        Map<String, Map<String, Source>> byPlatform = new LinkedHashMap<>();
        Map<String, Boolean> keep = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : new java.util.TreeMap<>(given).entrySet()) {
            String key = entry.getKey();
            int dot = key.indexOf('.');
            String field = dot < 0 ? key : key.substring(0, dot);
            String rest = dot < 0 ? null : key.substring(dot + 1);
            if (!field.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw new IllegalStateException(setting + key + ": '" + field + "' is no Salesforce field name");
            }
            if (rest == null) {
                sources.put(field, source(setting + key, entry.getValue()));
            } else if (rest.equals("mode") && person) {
                String mode = entry.getValue().strip().toLowerCase(Locale.ROOT);
                if (!mode.equals("keep-existing") && !mode.equals("overwrite")) {
                    throw new IllegalStateException(setting + key + " = " + entry.getValue()
                            + ": it is keep-existing or overwrite");
                }
                keep.put(field, mode.equals("keep-existing"));
            } else if (platforms.contains(rest)) {
                byPlatform.computeIfAbsent(field, f -> new LinkedHashMap<>())
                        .put(rest, source(setting + key, entry.getValue()));
            } else {
                throw new IllegalStateException("Unknown setting " + setting + key + ": after the field comes a"
                        + " platform (" + new TreeSet<>(platforms) + ")" + (person ? " or mode" : ""));
            }
        }
        List<Mapping> mappings = new ArrayList<>();
        Set<String> fields = new TreeSet<>(sources.keySet());
        fields.addAll(byPlatform.keySet());
        for (String field : fields) {
            if (!sources.containsKey(field)) {
                throw new IllegalStateException(setting + field + " is not set: a platform's source ("
                        + setting + field + "." + byPlatform.get(field).keySet().iterator().next()
                        + ") overrides it for that platform only");
            }
            mappings.add(new Mapping(field, sources.get(field), byPlatform.getOrDefault(field, Map.of()),
                    keep.getOrDefault(field, false)));
        }
        return mappings;
    }

    /** {@code extracted.<key>[.<key>...]} or {@code event.<field>}, else the start stops naming {@code setting}. */
    static Source source(String setting, String text) {
        String value = text.strip();
        if (value.startsWith("extracted.") && value.length() > "extracted.".length()) {
            return new Source(true, List.of(value.substring("extracted.".length()).split("\\.")));
        }
        if (value.startsWith("event.")) {
            String field = value.substring("event.".length());
            if (CallEventJson.FIELDS.contains(field)) {
                return new Source(false, List.of(field));
            }
            throw new IllegalStateException(setting + " = " + value + ": the call event has no field '" + field
                    + "' (" + new TreeSet<>(CallEventJson.FIELDS) + ")");
        }
        throw new IllegalStateException(setting + " = " + value + ": a source is extracted.<key> (the platform's"
                + " extracted data) or event.<field> (a field of the call event)");
    }
}
