package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * The defaulting a real API server does for the built-in kinds people create here: a Secret without a type is
 * {@code Opaque} and its {@code stringData} is merged into {@code data}; a Namespace is {@code Active}.
 */
final class BuiltInDefaults {

  private BuiltInDefaults() {
  }

  static void apply(ResourcePath path, ObjectNode object) {
    if (!path.group().isEmpty() || path.subresource() != null) {
      return;
    }
    switch (path.plural()) {
      case "secrets" -> secret(object);
      case "namespaces" -> {
        JsonNode status = object.get("status");
        ObjectNode s = status instanceof ObjectNode o ? o : object.putObject("status");
        if (!s.hasNonNull("phase")) {
          s.put("phase", "Active");
        }
      }
      default -> {
      }
    }
  }

  private static void secret(ObjectNode secret) {
    if (!secret.hasNonNull("type") || secret.get("type").asText().isEmpty()) {
      secret.put("type", "Opaque");
    }
    if (secret.get("stringData") instanceof ObjectNode stringData) {
      ObjectNode data = secret.get("data") instanceof ObjectNode d ? d : secret.putObject("data");
      for (Iterator<Map.Entry<String, JsonNode>> it = stringData.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        data.put(e.getKey(), Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8)));
      }
      secret.remove("stringData");
    }
  }
}
