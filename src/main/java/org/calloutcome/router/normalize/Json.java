package org.calloutcome.router.normalize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Null-tolerant reads from vendor JSON: a missing field, a JSON null and an empty string all read as null. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The node at a path of field names, or a missing node. */
    public static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String field : path) {
            if (current == null || !current.isObject()) {
                return MAPPER.missingNode();
            }
            current = current.path(field);
        }
        return current == null ? MAPPER.missingNode() : current;
    }

    public static String text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    public static Integer integer(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        if (value.isNumber()) {
            return (int) Math.round(value.asDouble());
        }
        String text = text(node, path);
        if (text == null) {
            return null;
        }
        try {
            return (int) Math.round(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** True for JSON true, a non-zero number, or the strings "true", "yes", "y" and "1". */
    public static boolean truthy(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isNumber()) {
            return value.asDouble() != 0;
        }
        String text = value.asText().strip().toLowerCase();
        return text.equals("true") || text.equals("yes") || text.equals("y") || text.equals("1");
    }

    public static Map<String, Object> object(JsonNode node) {
        if (node == null || !node.isObject()) {
            return new LinkedHashMap<>();
        }
        return MAPPER.convertValue(node, new TypeReference<LinkedHashMap<String, Object>>() {
        });
    }

    public static List<String> strings(JsonNode node) {
        List<String> result = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(item -> {
                if (item.isValueNode() && !item.isNull()) {
                    result.add(item.asText());
                }
            });
        }
        return result;
    }

    /** The first of several reads that found something. */
    public static String first(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
