package dev.voicesession.emulator.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.voicesession.emulator.json.Json;
import java.util.HashSet;
import java.util.Set;

/**
 * What Discord fills in a message's embeds and components when it stores them: every embed a bot sends is
 * of type {@code rich} ("it will be rich regardless", Create Message), and every component without an
 * {@code id} (or with {@code 0}) gets the next sequential id not used elsewhere in the message (Component
 * Reference, "Anatomy of a Component").
 */
final class MessageParts {
    private MessageParts() {}

    /** The body's {@code embeds}, each with {@code type} {@code rich}; an empty array if absent. */
    static ArrayNode embeds(JsonNode body) {
        ArrayNode embeds = arrayOrEmpty(body, "embeds");
        for (JsonNode embed : embeds) {
            if (embed instanceof ObjectNode object) {
                object.put("type", "rich");
            }
        }
        return embeds;
    }

    /** The body's {@code components} with ids filled in, depth first; an empty array if absent. */
    static ArrayNode components(JsonNode body) {
        ArrayNode components = arrayOrEmpty(body, "components");
        Set<Integer> used = new HashSet<>();
        collectIds(components, used);
        int[] next = {1};
        assignIds(components, used, next);
        return components;
    }

    private static void collectIds(JsonNode node, Set<Integer> used) {
        for (JsonNode component : children(node)) {
            int id = component.path("id").asInt(0);
            if (id != 0) {
                used.add(id);
            }
            collectIds(component, used);
        }
    }

    private static void assignIds(JsonNode node, Set<Integer> used, int[] next) {
        for (JsonNode component : children(node)) {
            if (component instanceof ObjectNode object && object.path("id").asInt(0) == 0) {
                while (used.contains(next[0])) {
                    next[0]++;
                }
                object.put("id", next[0]);
                used.add(next[0]);
            }
            assignIds(component, used, next);
        }
    }

    /** The components directly below a node: an array's items, or an object's {@code components} and {@code accessory}. */
    private static Iterable<JsonNode> children(JsonNode node) {
        ArrayNode result = Json.array();
        if (node.isArray()) {
            node.forEach(result::add);
        } else if (node.isObject()) {
            node.path("components").forEach(result::add);
            JsonNode accessory = node.get("accessory");
            if (accessory != null && accessory.isObject()) {
                result.add(accessory);
            }
        }
        return result;
    }

    private static ArrayNode arrayOrEmpty(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value != null && value.isArray() ? (ArrayNode) value.deepCopy() : Json.array();
    }
}
