package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Field paths in the managedFields {@code FieldsV1} encoding: each element is {@code f:<field>},
 * {@code k:<json of the key fields>} (an item of a list-map), {@code v:<json value>} (an item of a set). A set of
 * paths is what one field manager owns: the leaves it set, plus the items of list-maps (their "." entry).
 */
final class FieldPaths {

  private FieldPaths() {
  }

  /** The paths a (partial) object sets, as server-side apply computes the applier's field set. */
  static Set<List<String>> of(JsonNode object, ListShapes shapes) {
    Set<List<String>> out = new java.util.LinkedHashSet<>();
    collect(object, new ArrayList<>(), "", shapes, out);
    return out;
  }

  private static void collect(JsonNode node, List<String> path, String names, ListShapes shapes,
      Set<List<String>> out) {
    if (node.isObject()) {
      if (node.isEmpty() && !path.isEmpty()) {
        out.add(List.copyOf(path));
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> f = it.next();
        if (f.getValue().isNull()) {
          continue;
        }
        path.add("f:" + f.getKey());
        collect(f.getValue(), path, names.isEmpty() ? f.getKey() : names + "." + f.getKey(), shapes, out);
        path.remove(path.size() - 1);
      }
      return;
    }
    if (node.isArray()) {
      ListShapes.Shape shape = shapes.of(names);
      if (shape.isSet()) {
        for (JsonNode value : node) {
          List<String> item = new ArrayList<>(path);
          item.add("v:" + Serialization.asJson(value));
          out.add(item);
        }
        return;
      }
      if (shape.isMap()) {
        for (JsonNode value : node) {
          path.add(key(value, shape.keys()));
          out.add(List.copyOf(path));
          collect(value, path, names, shapes, out);
          path.remove(path.size() - 1);
        }
        return;
      }
    }
    out.add(List.copyOf(path)); // scalars and atomic lists
  }

  /** {@code k:{"type":"Ready"}}: the item's key fields, sorted, as the API server encodes them. */
  static String key(JsonNode item, List<String> keys) {
    ObjectNode k = Serialization.jsonMapper().createObjectNode();
    for (String name : new TreeSet<>(keys)) {
      k.set(name, item.path(name).isMissingNode() ? Serialization.jsonMapper().nullNode() : item.get(name));
    }
    return "k:" + Serialization.asJson(k);
  }

  /** The node at {@code path}, or null. */
  static JsonNode at(JsonNode root, List<String> path) {
    JsonNode node = root;
    for (String element : path) {
      if (node == null) {
        return null;
      }
      node = child(node, element);
    }
    return node;
  }

  private static JsonNode child(JsonNode node, String element) {
    if (element.startsWith("f:")) {
      return node.isObject() ? node.get(element.substring(2)) : null;
    }
    if (!node.isArray()) {
      return null;
    }
    int index = indexIn((ArrayNode) node, element);
    return index < 0 ? null : node.get(index);
  }

  private static int indexIn(ArrayNode array, String element) {
    JsonNode wanted = parse(element.substring(2));
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (element.startsWith("v:") && item.equals(wanted)) {
        return i;
      }
      if (element.startsWith("k:") && matches(item, wanted)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean matches(JsonNode item, JsonNode key) {
    for (Iterator<Map.Entry<String, JsonNode>> it = key.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> k = it.next();
      JsonNode value = item.get(k.getKey());
      if (!(value == null ? k.getValue().isNull() : value.equals(k.getValue()))) {
        return false;
      }
    }
    return true;
  }

  /** Removes the node at {@code path} from {@code root}; nothing when it is not there. */
  static void remove(JsonNode root, List<String> path) {
    if (path.isEmpty()) {
      return;
    }
    JsonNode parent = at(root, path.subList(0, path.size() - 1));
    String last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode object && last.startsWith("f:")) {
      object.remove(last.substring(2));
    } else if (parent instanceof ArrayNode array && !last.startsWith("f:")) {
      int index = indexIn(array, last);
      if (index >= 0) {
        array.remove(index);
      }
    }
  }

  /**
   * Merges {@code config} into {@code live} as server-side apply does: objects field by field, list-maps item by
   * item (by key), sets by value, everything else (scalars, atomic lists) replaced. Modifies {@code live}.
   */
  static JsonNode merge(JsonNode live, JsonNode config, String names, ListShapes shapes) {
    if (config.isObject() && live != null && live.isObject()) {
      ObjectNode target = (ObjectNode) live;
      for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> f = it.next();
        String childNames = names.isEmpty() ? f.getKey() : names + "." + f.getKey();
        if (f.getValue().isNull()) {
          continue; // null in an applied configuration sets nothing
        }
        target.set(f.getKey(), merge(target.get(f.getKey()), f.getValue(), childNames, shapes));
      }
      return target;
    }
    if (config.isArray() && live != null && live.isArray()) {
      ListShapes.Shape shape = shapes.of(names);
      ArrayNode target = (ArrayNode) live;
      if (shape.isSet()) {
        for (JsonNode value : config) {
          if (indexIn(target, "v:" + Serialization.asJson(value)) < 0) {
            target.add(value);
          }
        }
        return target;
      }
      if (shape.isMap()) {
        for (JsonNode item : config) {
          int index = indexIn(target, key(item, shape.keys()));
          if (index < 0) {
            target.add(item.deepCopy());
          } else {
            target.set(index, merge(target.get(index), item, names, shapes));
          }
        }
        return target;
      }
    }
    return config.deepCopy();
  }

  /** Paths of {@code set} whose value differs between {@code before} and {@code after} (leaves only). */
  static Set<List<String>> changed(JsonNode before, JsonNode after, ListShapes shapes) {
    Set<List<String>> afterPaths = of(after, shapes);
    Set<List<String>> changed = new java.util.LinkedHashSet<>();
    for (List<String> p : afterPaths) {
      JsonNode old = at(before, p);
      if (old == null) {
        changed.add(p);
      } else if (!isItem(p) && !old.equals(at(after, p))) {
        changed.add(p);
      }
    }
    return changed;
  }

  /** Paths {@code before} sets and {@code after} does not. */
  static Set<List<String>> removed(JsonNode before, JsonNode after, ListShapes shapes) {
    Set<List<String>> removed = new java.util.LinkedHashSet<>();
    for (List<String> p : of(before, shapes)) {
      if (at(after, p) == null) {
        removed.add(p);
      }
    }
    return removed;
  }

  private static boolean isItem(List<String> path) {
    return !path.isEmpty() && !path.get(path.size() - 1).startsWith("f:");
  }

  /** A field set as the {@code fieldsV1} object of a managedFields entry ("." marks an owned item with children). */
  static ObjectNode toFieldsV1(Set<List<String>> paths) {
    Map<String, Object> tree = new TreeMap<>();
    for (List<String> p : paths) {
      Map<String, Object> node = tree;
      for (String element : p) {
        node = subtree(node, element);
      }
      node.put(".", new TreeMap<String, Object>());
    }
    return (ObjectNode) Serialization.jsonMapper().valueToTree(clean(tree));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> subtree(Map<String, Object> node, String element) {
    return (Map<String, Object>) node.computeIfAbsent(element, e -> new TreeMap<String, Object>());
  }

  /** A leaf is written as {} and a member with children as {".": {}, ...}, as the API server writes them. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> clean(Map<String, Object> node) {
    Map<String, Object> out = new TreeMap<>();
    for (Map.Entry<String, Object> e : node.entrySet()) {
      if (e.getKey().equals(".")) {
        continue;
      }
      Map<String, Object> child = (Map<String, Object>) e.getValue();
      Map<String, Object> cleaned = clean(child);
      if (child.containsKey(".") && !cleaned.isEmpty()) {
        Map<String, Object> withDot = new TreeMap<>(cleaned);
        withDot.put(".", new TreeMap<>());
        out.put(e.getKey(), withDot);
      } else {
        out.put(e.getKey(), cleaned);
      }
    }
    return out;
  }

  static Set<List<String>> fromFieldsV1(JsonNode fields) {
    Set<List<String>> out = new java.util.LinkedHashSet<>();
    read(fields, new ArrayList<>(), out);
    return out;
  }

  private static void read(JsonNode node, List<String> path, Set<List<String>> out) {
    if (node == null || !node.isObject()) {
      return;
    }
    if (!path.isEmpty() && (node.isEmpty() || node.has("."))) {
      out.add(List.copyOf(path));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().equals(".")) {
        path.add(e.getKey());
        read(e.getValue(), path, out);
        path.remove(path.size() - 1);
      }
    }
  }

  /** {@code .status.conditions[type="Ready"].status}, the path notation of the API server's conflict messages. */
  static String display(List<String> path) {
    StringBuilder b = new StringBuilder();
    for (String element : path) {
      if (element.startsWith("f:")) {
        b.append('.').append(element.substring(2));
      } else if (element.startsWith("v:")) {
        b.append("[=").append(element.substring(2)).append(']');
      } else {
        JsonNode key = parse(element.substring(2));
        List<String> parts = new ArrayList<>();
        key.fields().forEachRemaining(k -> parts.add(k.getKey() + "=" + k.getValue()));
        b.append('[').append(String.join(",", parts)).append(']');
      }
    }
    return b.toString();
  }

  private static JsonNode parse(String json) {
    try {
      return Serialization.jsonMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(json, e);
    }
  }
}
