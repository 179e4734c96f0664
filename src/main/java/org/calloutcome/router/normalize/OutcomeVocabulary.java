package org.calloutcome.router.normalize;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.calloutcome.router.event.BusinessOutcome;

/**
 * Maps the vocabularies a tenant defines (Altur tags, CallKaro post-call values and dispositions, HMS analysis values,
 * Clarion outcomes) to business outcomes. One property per value:
 *
 * <pre>
 * router.mapping.&lt;vendor&gt;.&lt;vocabulary&gt;.&lt;value&gt; = CONVERTED
 * </pre>
 *
 * Values compare in lower case. A vocabulary shared by every platform is written without one
 * ({@code router.mapping.outcome.converted}): a platform's own entry for a value wins over it. A vocabulary named
 * {@code ...-keyword} matches when the keyword appears anywhere in a free-text value (such as CallKaro's
 * {@code disposition_reason}).
 */
public final class OutcomeVocabulary {
    public static final String PREFIX = "router.mapping.";

    private final Map<String, BusinessOutcome> entries = new LinkedHashMap<>();

    public OutcomeVocabulary(Map<String, String> mappings) {
        mappings.forEach((key, value) -> entries.put(key.toLowerCase(Locale.ROOT), parse(key, value)));
    }

    public Optional<BusinessOutcome> lookup(String vendor, String vocabulary, String value) {
        if (value == null) {
            return Optional.empty();
        }
        String key = vocabulary + "." + value.strip().toLowerCase(Locale.ROOT);
        return Optional.ofNullable(entries.getOrDefault(vendor + "." + key, entries.get(key)));
    }

    /** Outcomes of every keyword of {@code vocabulary} found in {@code text}. */
    public List<BusinessOutcome> keywords(String vendor, String vocabulary, String text) {
        if (text == null) {
            return List.of();
        }
        String prefix = vendor + "." + vocabulary + ".";
        String lower = text.toLowerCase(Locale.ROOT);
        return entries.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && lower.contains(e.getKey().substring(prefix.length())))
                .map(Map.Entry::getValue)
                .toList();
    }

    private static BusinessOutcome parse(String key, String value) {
        try {
            return BusinessOutcome.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + key + " = " + value + " is not one of "
                    + List.of(BusinessOutcome.values()), e);
        }
    }
}
