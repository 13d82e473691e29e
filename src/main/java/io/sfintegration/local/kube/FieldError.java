package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One validation error, rendered as apimachinery's {@code field.Error} is: {@code <field>: <type>: <detail>}, e.g.
 * {@code spec.email: Required value} or {@code spec.username: Invalid value: "string": username is immutable}.
 */
record FieldError(String field, String reason, String message) {

  static FieldError required(String field) {
    return new FieldError(field, "FieldValueRequired", "Required value");
  }

  static FieldError invalid(String field, JsonNode value, String detail) {
    return new FieldError(field, "FieldValueInvalid", "Invalid value: " + render(value) + ": " + detail);
  }

  /** CEL rule failures name the schema type as the value, as the API server does. */
  static FieldError invalidType(String field, String schemaType, String detail) {
    return new FieldError(field, "FieldValueInvalid", "Invalid value: \"" + schemaType + "\": " + detail);
  }

  static FieldError notSupported(String field, JsonNode value, Iterable<JsonNode> supported) {
    StringBuilder values = new StringBuilder();
    for (JsonNode v : supported) {
      values.append(values.length() == 0 ? "" : ", ").append(render(v));
    }
    return new FieldError(field, "FieldValueNotSupported",
        "Unsupported value: " + render(value) + ": supported values: " + values);
  }

  static FieldError tooMany(String field, int actual, long max) {
    return new FieldError(field, "FieldValueTooMany", "Too many: " + actual + ": must have at most " + max + " items");
  }

  static FieldError tooLong(String field, long max) {
    return new FieldError(field, "FieldValueTooLong", "Too long: may not be more than " + max + " bytes");
  }

  static FieldError forbidden(String field, String detail) {
    return new FieldError(field, "FieldValueForbidden", "Forbidden: " + detail);
  }

  private static String render(JsonNode value) {
    if (value == null || value.isNull()) {
      return "null";
    }
    if (value.isTextual()) {
      return "\"" + value.asText().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  @Override
  public String toString() {
    return field + ": " + message;
  }
}
