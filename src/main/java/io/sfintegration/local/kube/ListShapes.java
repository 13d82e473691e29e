package io.sfintegration.local.kube;

import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How server-side apply merges and owns each list of a kind ({@code x-kubernetes-list-type}): atomic (replaced and
 * owned as a whole, the default), set (owned per value) or map (owned and merged per item, identified by its
 * {@code x-kubernetes-list-map-keys}). Lists are named by their field path without list items, e.g.
 * {@code status.conditions}. ObjectMeta's own lists are declared as Kubernetes declares them.
 */
final class ListShapes {

  /** The list type of one list field; {@code keys} only for maps. */
  record Shape(String type, List<String> keys) {
    static final Shape ATOMIC = new Shape("atomic", List.of());

    boolean isMap() {
      return "map".equals(type);
    }

    boolean isSet() {
      return "set".equals(type);
    }
  }

  private static final Map<String, Shape> METADATA = Map.of(
      "metadata.finalizers", new Shape("set", List.of()),
      "metadata.ownerReferences", new Shape("map", List.of("uid")));

  private final Map<String, Shape> shapes;

  private ListShapes(Map<String, Shape> shapes) {
    this.shapes = Map.copyOf(shapes);
  }

  /** Built-in kinds: only ObjectMeta's lists are known; every other list is atomic. */
  static ListShapes builtIn() {
    return new ListShapes(METADATA);
  }

  static ListShapes of(JSONSchemaProps root) {
    Map<String, Shape> shapes = new HashMap<>(METADATA);
    if (root != null) {
      collect(root, "", shapes);
    }
    return new ListShapes(shapes);
  }

  private static void collect(JSONSchemaProps schema, String path, Map<String, Shape> shapes) {
    if (schema.getProperties() != null) {
      schema.getProperties().forEach((name, child) -> collect(child, path.isEmpty() ? name : path + "." + name, shapes));
    }
    if ("array".equals(schema.getType())) {
      String type = schema.getXKubernetesListType();
      if ("map".equals(type)) {
        shapes.put(path, new Shape("map", List.copyOf(schema.getXKubernetesListMapKeys())));
      } else if ("set".equals(type)) {
        shapes.put(path, new Shape("set", List.of()));
      }
      if (schema.getItems() != null && schema.getItems().getSchema() != null) {
        collect(schema.getItems().getSchema(), path, shapes);
      }
    }
  }

  Shape of(String listPath) {
    return shapes.getOrDefault(listPath, Shape.ATOMIC);
  }
}
