package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the API server does with a CRD's structural schema, in its order: prune unknown fields, apply defaults, then
 * validate (types, required, enum, pattern, lengths, bounds, item counts). Error texts are apimachinery's. Validation
 * ratchets as Kubernetes 1.30+ does: on update, a value equal to the stored one is not re-validated.
 */
final class StructuralSchema {

  private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");

  private StructuralSchema() {
  }

  /** Removes fields the schema does not declare; returns their paths (for {@code fieldValidation=Strict}). */
  static List<String> prune(JSONSchemaProps schema, JsonNode value) {
    List<String> unknown = new ArrayList<>();
    prune(schema, value, "", true, unknown);
    return unknown;
  }

  private static void prune(JSONSchemaProps schema, JsonNode value, String path, boolean root, List<String> unknown) {
    if (schema == null || value == null) {
      return;
    }
    if (value.isObject() && !Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields())) {
      Map<String, JSONSchemaProps> properties = schema.getProperties();
      JSONSchemaProps additional = schema.getAdditionalProperties() == null ? null
          : schema.getAdditionalProperties().getSchema();
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> field = it.next();
        String child = join(path, field.getKey());
        JSONSchemaProps fieldSchema = properties == null ? null : properties.get(field.getKey());
        if (fieldSchema != null) {
          prune(fieldSchema, field.getValue(), child, false, unknown);
        } else if (additional != null) {
          prune(additional, field.getValue(), path + "[" + field.getKey() + "]", false, unknown);
        } else if (!(root && ROOT_FIELDS.contains(field.getKey()))
            && !(schema.getAdditionalProperties() != null && Boolean.TRUE.equals(schema.getAdditionalProperties().getAllows()))) {
          unknown.add(child);
          it.remove();
        }
      }
    } else if (value.isArray() && schema.getItems() != null) {
      for (int i = 0; i < value.size(); i++) {
        prune(schema.getItems().getSchema(), value.get(i), path + "[" + i + "]", false, unknown);
      }
    }
  }

  /** Fills in declared defaults of absent fields, recursively (objects, array items, map values). */
  static void applyDefaults(JSONSchemaProps schema, JsonNode value) {
    if (schema == null || value == null) {
      return;
    }
    if (value instanceof ObjectNode object) {
      if (schema.getProperties() != null) {
        for (Map.Entry<String, JSONSchemaProps> p : schema.getProperties().entrySet()) {
          if (!object.has(p.getKey()) && p.getValue().getDefault() != null) {
            object.set(p.getKey(), p.getValue().getDefault().deepCopy());
          }
          applyDefaults(p.getValue(), object.get(p.getKey()));
        }
      }
      if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
        object.forEach(v -> applyDefaults(schema.getAdditionalProperties().getSchema(), v));
      }
    } else if (value instanceof ArrayNode array && schema.getItems() != null) {
      array.forEach(item -> applyDefaults(schema.getItems().getSchema(), item));
    }
  }

  /** Validates {@code value} against {@code schema}; {@code old} is the stored value at the same place, or null. */
  static void validate(JSONSchemaProps schema, JsonNode value, JsonNode old, String path, List<FieldError> errors) {
    if (schema == null || value == null || (old != null && old.equals(value))) {
      return;
    }
    if (value.isNull()) {
      if (!Boolean.TRUE.equals(schema.getNullable())) {
        errors.add(FieldError.invalid(path, value, path + " in body must be of type " + schema.getType() + ": \"null\""));
      }
      return;
    }
    String type = schema.getType();
    if (type != null && !Boolean.TRUE.equals(schema.getXKubernetesIntOrString()) && !hasType(value, type)) {
      errors.add(FieldError.invalidType(path, typeOf(value),
          path + " in body must be of type " + type + ": \"" + typeOf(value) + "\""));
      return;
    }
    if (schema.getEnum() != null && !schema.getEnum().isEmpty() && !schema.getEnum().contains(value)) {
      errors.add(FieldError.notSupported(path, value, schema.getEnum()));
    }
    if (value.isTextual()) {
      String text = value.asText();
      if (schema.getMaxLength() != null && text.codePointCount(0, text.length()) > schema.getMaxLength()) {
        errors.add(FieldError.tooLong(path, schema.getMaxLength()));
      }
      if (schema.getMinLength() != null && text.codePointCount(0, text.length()) < schema.getMinLength()) {
        errors.add(FieldError.invalid(path, value,
            path + " in body should be at least " + schema.getMinLength() + " chars long"));
      }
      if (schema.getPattern() != null && !Pattern.compile(schema.getPattern()).matcher(text).find()) {
        errors.add(FieldError.invalid(path, value, path + " in body should match '" + schema.getPattern() + "'"));
      }
    }
    if (value.isNumber()) {
      double n = value.asDouble();
      if (schema.getMaximum() != null && (n > schema.getMaximum()
          || (Boolean.TRUE.equals(schema.getExclusiveMaximum()) && n == schema.getMaximum()))) {
        errors.add(FieldError.invalid(path, value, path + " in body should be less than "
            + (Boolean.TRUE.equals(schema.getExclusiveMaximum()) ? "" : "or equal to ") + number(schema.getMaximum())));
      }
      if (schema.getMinimum() != null && (n < schema.getMinimum()
          || (Boolean.TRUE.equals(schema.getExclusiveMinimum()) && n == schema.getMinimum()))) {
        errors.add(FieldError.invalid(path, value, path + " in body should be greater than "
            + (Boolean.TRUE.equals(schema.getExclusiveMinimum()) ? "" : "or equal to ") + number(schema.getMinimum())));
      }
    }
    if (value.isArray()) {
      if (schema.getMaxItems() != null && value.size() > schema.getMaxItems()) {
        errors.add(FieldError.tooMany(path, value.size(), schema.getMaxItems()));
      }
      if (schema.getMinItems() != null && value.size() < schema.getMinItems()) {
        errors.add(FieldError.invalid(path, value, path + " in body should have at least " + schema.getMinItems() + " items"));
      }
      if (schema.getItems() != null) {
        for (int i = 0; i < value.size(); i++) {
          validate(schema.getItems().getSchema(), value.get(i), CustomResourceAdmission.correlate(schema, old, value.get(i)),
              path + "[" + i + "]", errors);
        }
      }
    }
    if (value.isObject()) {
      if (schema.getRequired() != null) {
        for (String required : schema.getRequired()) {
          if (!value.has(required)) {
            errors.add(FieldError.required(join(path, required)));
          }
        }
      }
      if (schema.getProperties() != null) {
        for (Map.Entry<String, JSONSchemaProps> p : schema.getProperties().entrySet()) {
          validate(p.getValue(), value.get(p.getKey()), old == null ? null : old.get(p.getKey()), join(path, p.getKey()),
              errors);
        }
      }
      if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
          Map.Entry<String, JsonNode> e = it.next();
          validate(schema.getAdditionalProperties().getSchema(), e.getValue(), old == null ? null : old.get(e.getKey()),
              path + "[" + e.getKey() + "]", errors);
        }
      }
    }
  }

  static String join(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "boolean" -> value.isBoolean();
      case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
      case "number" -> value.isNumber();
      default -> true;
    };
  }

  private static String typeOf(JsonNode value) {
    if (value.isObject()) {
      return "object";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isTextual()) {
      return "string";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    return value.isIntegralNumber() ? "integer" : "number";
  }

  private static String number(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
