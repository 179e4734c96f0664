package org.calloutcome.router.event;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Call events as stored for the sinks ({@code inbox.events}): normalized once, read by every sink, so a mapping edited
 * after an event was processed never makes one sink disagree with another. The vendor payload is not part of it.
 */
public final class CallEventJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, Visibility.ANY);
    private static final TypeReference<List<CallEvent>> LIST = new TypeReference<>() {
    };

    private CallEventJson() {
    }

    /** The event's fields by their names ({@code summary}, {@code durationSeconds}, ...), as stored. */
    public static final java.util.Set<String> FIELDS = java.util.Arrays.stream(CallEvent.class.getDeclaredFields())
            .filter(f -> !java.lang.reflect.Modifier.isStatic(f.getModifiers())).map(java.lang.reflect.Field::getName)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** The event as stored, a tree whose fields are {@link #FIELDS}. */
    public static com.fasterxml.jackson.databind.JsonNode tree(CallEvent event) {
        return MAPPER.valueToTree(event);
    }

    public static String write(List<CallEvent> events) {
        try {
            return MAPPER.writeValueAsString(events);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write call events", e);
        }
    }

    public static List<CallEvent> read(String json) {
        try {
            return MAPPER.readValue(json, LIST);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read stored call events", e);
        }
    }
}
