package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sfintegration.emulator.soql.FieldSchema;
import io.sfintegration.emulator.soql.ObjectSchema;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Records to and from Salesforce's JSON: attributes first, canonical field names, Salesforce date formats. */
final class RecordJson {

    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'+0000'").withZone(ZoneOffset.UTC);

    private RecordJson() {
    }

    static ObjectNode record(ObjectSchema schema, Map<String, Object> r, String apiVersion, java.util.Collection<String> only) {
        ObjectNode node = Reply.JSON.createObjectNode();
        ObjectNode attributes = node.putObject("attributes");
        attributes.put("type", schema.name());
        attributes.put("url", "/services/data/v" + apiVersion + "/sobjects/" + schema.name() + "/" + r.get("Id"));
        for (FieldSchema f : schema.fields().values()) {
            if (only != null && only.stream().noneMatch(o -> o.equalsIgnoreCase(f.name()))) {
                continue;
            }
            node.set(f.name(), JsonTrees.of(value(r.get(f.name()))));
        }
        return node;
    }

    static Object value(Object v) {
        if (v instanceof Instant i) {
            return DATETIME.format(i);
        }
        if (v instanceof LocalDate d) {
            return d.toString();
        }
        return v;
    }

    /** A JSON object's fields as a map (attributes and nested objects dropped), values as Java scalars. */
    static Map<String, Object> fields(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.bad("JSON_PARSER_ERROR", "The request body must be a JSON object");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = body.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (e.getKey().equals("attributes")) {
                continue;
            }
            if (v.isObject() || v.isArray()) {
                throw ApiException.bad("JSON_PARSER_ERROR", "Cannot deserialize instance of " + e.getKey() + " from an object or array", e.getKey());
            }
            out.put(e.getKey(), v.isNull() ? null : v.isBoolean() ? (Object) v.booleanValue() : v.isNumber() ? v.numberValue() : v.asText());
        }
        return out;
    }
}
