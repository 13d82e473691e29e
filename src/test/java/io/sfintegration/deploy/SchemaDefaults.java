package io.sfintegration.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;

/**
 * Fills in a structural schema's defaults the way the API server does before it stores an object: a missing
 * property with a default gets it, then defaulting goes on inside every object and array item present.
 * (The embedded API server of the tests does not apply CRD defaults, so tests that need "the object as stored" use this.)
 */
final class SchemaDefaults {

    private SchemaDefaults() {
    }

    static JsonNode apply(JsonNode crd, JsonNode resource) {
        JsonNode schema = crd.at("/spec/versions/0/schema/openAPIV3Schema");
        JsonNode copy = resource.deepCopy();
        fill(schema, copy);
        return copy;
    }

    private static void fill(JsonNode schema, JsonNode value) {
        if (value instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
                var property = it.next();
                if (!object.has(property.getKey()) && property.getValue().has("default")) {
                    object.set(property.getKey(), property.getValue().get("default").deepCopy());
                }
                if (object.has(property.getKey())) {
                    fill(property.getValue(), object.get(property.getKey()));
                }
            }
        } else if (value != null && value.isArray()) {
            for (JsonNode item : value) {
                fill(schema.path("items"), item);
            }
        }
    }
}
