package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.Iterator;
import java.util.Map;

/** JSON Patch documents that turn one stored object into another, so the mock's own PATCH rules still apply. */
final class JsonPatches {

  private JsonPatches() {
  }

  /** Replaces each changed top-level field and removes the ones {@code target} lacks. */
  static ArrayNode topLevel(JsonNode stored, JsonNode target) {
    ArrayNode ops = Serialization.jsonMapper().createArrayNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = target.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getValue().equals(stored.get(field.getKey()))) {
        ops.addObject().put("op", "add").put("path", "/" + escape(field.getKey())).set("value", field.getValue());
      }
    }
    for (Iterator<String> it = stored.fieldNames(); it.hasNext();) {
      String name = it.next();
      if (!target.has(name)) {
        ops.addObject().put("op", "remove").put("path", "/" + escape(name));
      }
    }
    return ops;
  }

  private static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
