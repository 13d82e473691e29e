package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Server-side apply's field ownership, simplified from the API server's structured-merge-diff but with its rules:
 * <ul>
 * <li>every write records, in {@code metadata.managedFields}, which fields its manager owns (per manager, operation
 * Apply or Update, and subresource);</li>
 * <li>an apply merges the applied configuration into the object (list-maps by key, sets by value), removes the fields
 * the same manager applied last time and no longer applies unless another manager owns them, and fails with a
 * conflict when it changes the value of a field another manager owns, unless forced (then it takes the field);</li>
 * <li>an update (create, PUT, merge or JSON patch) takes ownership of the fields whose values it changes.</li>
 * </ul>
 * Writes to the {@code status} subresource only own and change {@code status}; writes to the object of a kind with
 * a status subresource never own {@code status}. What the API server strips from field sets (apiVersion, kind, name,
 * namespace, uid, resourceVersion, generation, creationTimestamp, managedFields) is stripped here too.
 */
final class FieldManagement {

  static final String APPLY = "Apply";
  static final String UPDATE = "Update";

  private static final List<String> STRIPPED_METADATA = List.of("name", "namespace", "uid", "resourceVersion",
      "generation", "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp",
      "deletionGracePeriodSeconds");

  /** Where a write lands: the object or its status subresource, and whether the kind has one. */
  record Scope(boolean statusSubresource, boolean hasStatusSubresource) {
  }

  /** An apply that changes fields other managers own, without force: what the API server answers 409 to. */
  static final class ConflictException extends Exception {
    private final transient Map<String, List<List<String>>> byManager;

    ConflictException(Map<String, List<List<String>>> byManager, String message) {
      super(message);
      this.byManager = byManager;
    }

    Map<String, List<List<String>>> byManager() {
      return byManager;
    }
  }

  private record Entry(String manager, String operation, String subresource, String apiVersion, String time,
      Set<List<String>> fields) {
    boolean same(String m, String op, String sub) {
      return manager.equals(m) && operation.equals(op) && Objects.equals(subresource, sub);
    }

    /** How the API server names a manager in conflict messages. */
    String printed() {
      String s = "\"" + manager + "\"";
      if (subresource != null) {
        s += " with subresource \"" + subresource + "\"";
      }
      if (UPDATE.equals(operation)) {
        s += " using " + apiVersion + (time == null ? "" : " at " + time);
      }
      return s;
    }
  }

  private final ListShapes shapes;
  private final Clock clock;

  FieldManagement(ListShapes shapes, Clock clock) {
    this.shapes = shapes;
    this.clock = clock;
  }

  /**
   * The object an apply of {@code config} by {@code manager} produces from {@code live} (null: create by apply), with
   * its managedFields.
   */
  ObjectNode apply(JsonNode live, ObjectNode config, String manager, Scope scope, boolean force)
      throws ConflictException {
    ObjectNode base = live == null ? skeleton(config) : (ObjectNode) live.deepCopy();
    List<Entry> entries = read(base);
    String subresource = scope.statusSubresource() ? "status" : null;
    JsonNode applied = scoped(config, scope);
    Set<List<String>> newSet = FieldPaths.of(applied, shapes);
    Entry previous = find(entries, manager, APPLY, subresource);
    Set<List<String>> lastSet = previous == null ? Set.of() : previous.fields();

    ObjectNode merged = (ObjectNode) FieldPaths.merge(base.deepCopy(), applied, "", shapes);
    // fields this manager applied before and leaves out now go, unless someone else owns them (or something in them)
    List<List<String>> dropped = new ArrayList<>();
    for (List<String> p : lastSet) {
      if (!newSet.contains(p) && !ownedByOthers(entries, previous, p) && !isKeyOfKeptItem(entries, previous, p)) {
        dropped.add(p);
      }
    }
    dropped.sort(Comparator.comparingInt(p -> -p.size()));
    dropped.forEach(p -> FieldPaths.remove(merged, p));

    JsonNode before = scoped(base, scope);
    JsonNode after = scoped(merged, scope);
    Set<List<String>> changed = FieldPaths.changed(before, after, shapes);
    Set<List<String>> removed = FieldPaths.removed(before, after, shapes);
    Map<String, List<List<String>>> conflicts = new LinkedHashMap<>();
    for (Entry e : entries) {
      if (e == previous) {
        continue;
      }
      List<List<String>> mine = e.fields().stream().filter(changed::contains).toList();
      if (!mine.isEmpty()) {
        conflicts.put(e.printed(), mine);
      }
    }
    if (!conflicts.isEmpty() && !force) {
      throw new ConflictException(conflicts, conflictMessage(conflicts));
    }
    boolean unchanged = previous != null && previous.fields().equals(newSet) && changed.isEmpty()
        && removed.isEmpty();
    Entry mine = newSet.isEmpty() ? null : new Entry(manager, APPLY, subresource,
        config.path("apiVersion").asText(), unchanged ? previous.time() : now(), newSet);
    write(merged, replace(entries, previous, mine, changed, removed));
    return merged;
  }

  /** Records an update by {@code manager} that turned {@code live} (null: a create) into {@code updated}. */
  void update(JsonNode live, ObjectNode updated, String manager, Scope scope) {
    List<Entry> entries = live == null ? new ArrayList<>() : read(live);
    String subresource = scope.statusSubresource() ? "status" : null;
    JsonNode before = live == null ? Serialization.jsonMapper().createObjectNode() : scoped(live, scope);
    JsonNode after = scoped(updated, scope);
    Set<List<String>> changed = FieldPaths.changed(before, after, shapes);
    Set<List<String>> removed = FieldPaths.removed(before, after, shapes);
    Entry previous = find(entries, manager, UPDATE, subresource);
    Set<List<String>> mine = new LinkedHashSet<>(previous == null ? Set.of() : previous.fields());
    mine.addAll(changed);
    mine.removeAll(removed);
    String time = changed.isEmpty() && removed.isEmpty() && previous != null ? previous.time() : now();
    Entry entry = mine.isEmpty() ? null
        : new Entry(manager, UPDATE, subresource, updated.path("apiVersion").asText(), time, mine);
    write(updated, replace(entries, previous, entry, changed, removed));
  }

  /**
   * The entries after a write: the writer's own entry in place of its previous one (or last), the others without
   * the fields the write changed or removed, entries left with nothing dropped.
   */
  private static List<Entry> replace(List<Entry> entries, Entry previous, Entry mine, Set<List<String>> changed,
      Set<List<String>> removed) {
    List<Entry> result = new ArrayList<>();
    for (Entry e : entries) {
      if (e == previous) {
        if (mine != null) {
          result.add(mine);
        }
        continue;
      }
      Set<List<String>> kept = new LinkedHashSet<>(e.fields());
      kept.removeAll(changed);
      kept.removeAll(removed);
      if (!kept.isEmpty()) {
        result.add(kept.equals(e.fields()) ? e
            : new Entry(e.manager(), e.operation(), e.subresource(), e.apiVersion(), e.time(), kept));
      }
    }
    if (previous == null && mine != null) {
      result.add(mine);
    }
    return result;
  }

  private static ObjectNode skeleton(ObjectNode config) {
    ObjectNode object = Serialization.jsonMapper().createObjectNode();
    object.set("apiVersion", config.get("apiVersion"));
    object.set("kind", config.get("kind"));
    object.set("metadata", config.path("metadata").deepCopy());
    return object;
  }

  /** What a write in this scope may own: status only for the subresource, never status for the object. */
  private static JsonNode scoped(JsonNode object, Scope scope) {
    ObjectNode copy = Serialization.jsonMapper().createObjectNode();
    if (scope.statusSubresource()) {
      if (object.has("status")) {
        copy.set("status", object.get("status"));
      }
      return copy;
    }
    object.fields().forEachRemaining(f -> {
      if (!List.of("apiVersion", "kind").contains(f.getKey())
          && !(scope.hasStatusSubresource() && f.getKey().equals("status"))) {
        copy.set(f.getKey(), f.getValue());
      }
    });
    if (copy.get("metadata") instanceof ObjectNode metadata) {
      ObjectNode m = metadata.deepCopy();
      STRIPPED_METADATA.forEach(m::remove);
      if (m.isEmpty()) {
        copy.remove("metadata");
      } else {
        copy.set("metadata", m);
      }
    }
    return copy;
  }

  private static boolean ownedByOthers(List<Entry> entries, Entry previous, List<String> path) {
    for (Entry e : entries) {
      if (e != previous) {
        for (List<String> owned : e.fields()) {
          if (owned.size() >= path.size() && owned.subList(0, path.size()).equals(path)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** A list-map item another manager keeps (part of) keeps its key fields too, or it could not be found again. */
  private static boolean isKeyOfKeptItem(List<Entry> entries, Entry previous, List<String> path) {
    if (path.size() < 2 || !path.get(path.size() - 1).startsWith("f:") || !path.get(path.size() - 2).startsWith("k:")) {
      return false;
    }
    String field = path.get(path.size() - 1).substring(2);
    String item = path.get(path.size() - 2);
    return item.contains("\"" + field + "\":") && ownedByOthers(entries, previous, path.subList(0, path.size() - 1));
  }

  private static Entry find(List<Entry> entries, String manager, String operation, String subresource) {
    return entries.stream().filter(e -> e.same(manager, operation, subresource)).findFirst().orElse(null);
  }

  private String now() {
    return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** The API server's message: one conflict on one line, several grouped by manager. */
  static String conflictMessage(Map<String, List<List<String>>> conflicts) {
    int count = conflicts.values().stream().mapToInt(List::size).sum();
    if (count == 1) {
      Map.Entry<String, List<List<String>>> only = conflicts.entrySet().iterator().next();
      return "Apply failed with 1 conflict: conflict with " + only.getKey() + ": "
          + FieldPaths.display(only.getValue().get(0));
    }
    List<String> lines = new ArrayList<>();
    conflicts.keySet().stream().sorted().forEach(manager -> {
      lines.add("conflicts with " + manager + ":");
      conflicts.get(manager).forEach(p -> lines.add("- " + FieldPaths.display(p)));
    });
    return "Apply failed with " + count + " conflicts: " + String.join("\n", lines);
  }

  private static List<Entry> read(JsonNode object) {
    List<Entry> entries = new ArrayList<>();
    JsonNode managed = object.path("metadata").path("managedFields");
    for (JsonNode e : managed) {
      entries.add(new Entry(e.path("manager").asText(), e.path("operation").asText(),
          e.hasNonNull("subresource") ? e.get("subresource").asText() : null, e.path("apiVersion").asText(),
          e.hasNonNull("time") ? e.get("time").asText() : null, FieldPaths.fromFieldsV1(e.get("fieldsV1"))));
    }
    return entries;
  }

  private static void write(ObjectNode object, List<Entry> entries) {
    ObjectNode metadata = object.has("metadata") ? (ObjectNode) object.get("metadata") : object.putObject("metadata");
    if (entries.isEmpty()) {
      metadata.remove("managedFields");
      return;
    }
    ArrayNode array = metadata.putArray("managedFields");
    for (Entry e : entries) {
      ObjectNode node = array.addObject();
      node.put("apiVersion", e.apiVersion()).put("fieldsType", "FieldsV1");
      node.set("fieldsV1", FieldPaths.toFieldsV1(e.fields()));
      node.put("manager", e.manager()).put("operation", e.operation());
      if (e.subresource() != null) {
        node.put("subresource", e.subresource());
      }
      if (e.time() != null) {
        node.put("time", e.time());
      }
    }
  }
}
