package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/**
 * Query rows (maps, lists and scalars) as JSON trees, built directly: ObjectMapper.valueToTree goes through a
 * serializer and a token buffer for every row, which was a visible share of a simple query's cost. The trees are
 * the same as valueToTree's; values of other types still go through it.
 */
final class JsonTrees {

    private static final JsonNodeFactory NODES = Reply.JSON.getNodeFactory();

    private JsonTrees() {
    }

    static JsonNode of(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Map<?, ?> map) {
            return object(map);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode(list.size());
            for (Object item : list) {
                array.add(of(item));
            }
            return array;
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        return Reply.JSON.valueToTree(value);
    }

    private static JsonNode object(Map<?, ?> map) {
        ObjectNode node = NODES.objectNode();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                return Reply.JSON.valueToTree(map);
            }
            node.set(key, of(e.getValue()));
        }
        return node;
    }
}
