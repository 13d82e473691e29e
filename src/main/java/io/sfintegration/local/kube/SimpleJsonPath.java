package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of Kubernetes JSONPath that printer columns use: {@code .a.b}, {@code [n]}, {@code [*]} and
 * {@code [?(@.field=="value")]} filters. Returns every match, in order; nothing when a step is missing.
 */
final class SimpleJsonPath {

  private static final Pattern STEP = Pattern.compile(
      "\\.([A-Za-z0-9_\\-]+)|\\[(\\d+|\\*)]|\\[\\?\\(@\\.([A-Za-z0-9_.\\-]+)\\s*==\\s*[\"']([^\"']*)[\"']\\)]");

  private SimpleJsonPath() {
  }

  static List<JsonNode> evaluate(JsonNode root, String path) {
    String p = path.trim();
    if (p.startsWith("{") && p.endsWith("}")) {
      p = p.substring(1, p.length() - 1);
    }
    if (p.startsWith("$")) {
      p = p.substring(1);
    }
    List<JsonNode> current = new ArrayList<>(List.of(root));
    Matcher m = STEP.matcher(p);
    int at = 0;
    while (at < p.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException("unsupported JSONPath: " + path);
      }
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        if (m.group(1) != null) {
          if (node.has(m.group(1))) {
            next.add(node.get(m.group(1)));
          }
        } else if (m.group(2) != null) {
          if (node.isArray()) {
            if ("*".equals(m.group(2))) {
              node.forEach(next::add);
            } else if (Integer.parseInt(m.group(2)) < node.size()) {
              next.add(node.get(Integer.parseInt(m.group(2))));
            }
          }
        } else if (node.isArray()) {
          for (JsonNode element : node) {
            JsonNode field = element;
            for (String name : m.group(3).split("\\.")) {
              field = field.path(name);
            }
            if (field.isValueNode() && field.asText().equals(m.group(4))) {
              next.add(element);
            }
          }
        }
      }
      current = next;
      at = m.end();
    }
    return current;
  }
}
