package org.calloutcome.router.platforms;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.calloutcome.router.normalize.Json;

/**
 * Structurally mutated copies of a vendor's example payload, as a vendor's bug, a schema change or a fuzzer sends
 * them: fields removed or nulled, values of another type, NUL characters, unicode, very long text, numbers at the edges,
 * timestamps without zone or unreadable. The same seed always gives the same mutant.
 */
public final class PayloadMutants {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> TEXTS = List.of("", "   ", "a\u0000b", "\u0000", "Zoë Ångström 张伟 🙂",
            "x".repeat(300), "919876543210", "+", "(415) 555-0123", "2025-12-19 16:01:07", "2025-13-45T99:99:99Z",
            "yesterday", "1e999", "-1", "true", "null", "opt-out", "customer-did-not-answer", "voicemail",
            "\"quoted\" <b>html</b> & 'single'", "line\nbreak\r\ttab");

    private PayloadMutants() {
    }

    /** The example with one to four mutations. */
    public static JsonNode mutate(JsonNode example, long seed) {
        Random random = new Random(seed);
        JsonNode copy = example.deepCopy();
        int mutations = 1 + random.nextInt(4);
        for (int i = 0; i < mutations; i++) {
            List<JsonNode> containers = new ArrayList<>();
            collect(copy, containers);
            if (containers.isEmpty()) {
                break; // nothing left to mutate
            }
            mutateOne(containers.get(random.nextInt(containers.size())), random);
        }
        return copy;
    }

    public static String mutate(String example, long seed) {
        try {
            return Json.write(mutate(Json.MAPPER.readTree(example), seed));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void collect(JsonNode node, List<JsonNode> containers) {
        if (node.isContainerNode() && node.size() > 0) {
            containers.add(node);
            node.forEach(child -> collect(child, containers));
        }
    }

    private static void mutateOne(JsonNode container, Random random) {
        if (container instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            if (random.nextInt(8) == 0) {
                object.remove(name);
            } else {
                object.set(name, replacement(object.get(name), random));
            }
        } else if (container instanceof ArrayNode array) {
            int index = random.nextInt(array.size());
            if (random.nextInt(8) == 0) {
                array.remove(index);
            } else {
                array.set(index, replacement(array.get(index), random));
            }
        }
    }

    private static JsonNode replacement(JsonNode old, Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> NODES.nullNode();
            case 1, 2 -> NODES.textNode(TEXTS.get(random.nextInt(TEXTS.size())));
            case 3 -> old.isTextual() ? NODES.textNode(withNul(old.asText(), random)) : NODES.textNode("\u0000");
            case 4 -> List.<JsonNode>of(NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(Long.MAX_VALUE),
                    NODES.numberNode(1.5e300), NODES.numberNode(3.7), NODES.numberNode(1734620410123L))
                    .get(random.nextInt(6));
            case 5 -> NODES.booleanNode(random.nextBoolean());
            case 6 -> NODES.objectNode();
            case 7 -> NODES.arrayNode().add("one").add(2);
            default -> old.isTextual() ? NODES.textNode(old.asText().toUpperCase()) : NODES.textNode(old.toString());
        };
    }

    private static String withNul(String text, Random random) {
        int at = text.isEmpty() ? 0 : random.nextInt(text.length() + 1);
        return text.substring(0, at) + "\u0000" + text.substring(at);
    }
}
