package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers kubectl's {@code Accept: application/json;as=Table;...} reads of our custom resources with a
 * {@code meta.k8s.io/v1} Table built from the CRD's additionalPrinterColumns, as the real API server does. The mock
 * only returns plain objects, which kubectl would print as NAME and AGE only. Everything else goes to the delegate.
 */
final class PrinterColumnsDispatcher extends Dispatcher {

  private static final Pattern RESOURCE_PATH =
      Pattern.compile("^/apis/([^/]+)/([^/]+)/(?:namespaces/[^/]+/)?([^/?]+)(?:/([^/?]+))?(?:\\?.*)?$");

  private final Dispatcher delegate;
  private final Map<String, CustomResourceDefinitionVersion> versionsByResource;
  private final Clock clock;

  PrinterColumnsDispatcher(Dispatcher delegate, List<CustomResourceDefinition> crds) {
    this(delegate, crds, Clock.systemUTC());
  }

  PrinterColumnsDispatcher(Dispatcher delegate, List<CustomResourceDefinition> crds, Clock clock) {
    this.delegate = delegate;
    this.clock = clock;
    Map<String, CustomResourceDefinitionVersion> byResource = new java.util.HashMap<>();
    for (CustomResourceDefinition crd : crds) {
      for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
        byResource.put(key(crd.getSpec().getGroup(), v.getName(), crd.getSpec().getNames().getPlural()), v);
      }
    }
    this.versionsByResource = Map.copyOf(byResource);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    MockResponse response = delegate.dispatch(request);
    String accept = request.getHeader("Accept");
    if (!"GET".equalsIgnoreCase(request.getMethod()) || accept == null || !accept.contains("as=Table")
        || response.code() != 200 || isWatch(request.getPath())) {
      return response;
    }
    Matcher m = RESOURCE_PATH.matcher(request.getPath());
    if (!m.matches()) {
      return response;
    }
    CustomResourceDefinitionVersion version = versionsByResource.get(key(m.group(1), m.group(2), m.group(3)));
    if (version == null || response.getBody() == null) {
      return response;
    }
    JsonNode body;
    try {
      body = Serialization.jsonMapper().readTree(response.getBody().getBytes());
    } catch (Exception e) {
      return response;
    }
    String table = Serialization.asJson(toTable(body, version));
    return new MockResponse().setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(table);
  }

  /** A watched object as a one-row Table, when the path is one of our custom resources (for watches as=Table). */
  Optional<ObjectNode> table(String path, JsonNode object) {
    Matcher m = RESOURCE_PATH.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    CustomResourceDefinitionVersion version = versionsByResource.get(key(m.group(1), m.group(2), m.group(3)));
    return version == null ? Optional.empty() : Optional.of(toTable(object, version));
  }

  private static boolean isWatch(String path) {
    return path.contains("watch=true") || path.contains("watch=1");
  }

  ObjectNode toTable(JsonNode body, CustomResourceDefinitionVersion version) {
    var mapper = Serialization.jsonMapper();
    ObjectNode table = mapper.createObjectNode();
    table.put("kind", "Table");
    table.put("apiVersion", "meta.k8s.io/v1");
    ObjectNode metadata = table.putObject("metadata");
    JsonNode listMeta = body.path("metadata");
    if (body.has("items") && listMeta.has("resourceVersion")) {
      metadata.set("resourceVersion", listMeta.get("resourceVersion"));
    }
    List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns() == null
        ? List.of() : version.getAdditionalPrinterColumns();
    ArrayNode defs = table.putArray("columnDefinitions");
    ObjectNode nameDef = defs.addObject();
    nameDef.put("name", "Name").put("type", "string").put("format", "name").put("priority", 0)
        .put("description", "Name must be unique within a namespace.");
    boolean hasAge = false;
    for (CustomResourceColumnDefinition c : columns) {
      ObjectNode def = defs.addObject();
      // Dates are sent already rendered as ages (what kubectl shows); the type says string so nothing re-renders them.
      def.put("name", c.getName())
          .put("type", "date".equals(c.getType()) ? "string" : c.getType())
          .put("format", c.getFormat() == null ? "" : c.getFormat())
          .put("description", c.getDescription() == null ? "" : c.getDescription())
          .put("priority", c.getPriority() == null ? 0 : c.getPriority());
      hasAge |= ".metadata.creationTimestamp".equals(c.getJsonPath());
    }
    if (columns.isEmpty() && !hasAge) {
      // With no printer columns the API server shows Age, like kubectl's default for custom resources.
      defs.addObject().put("name", "Age").put("type", "string").put("format", "").put("priority", 0)
          .put("description", "");
    }
    ArrayNode rows = table.putArray("rows");
    List<JsonNode> objects = new ArrayList<>();
    if (body.has("items")) {
      body.get("items").forEach(objects::add);
    } else {
      objects.add(body);
    }
    for (JsonNode object : objects) {
      ObjectNode row = rows.addObject();
      ArrayNode cells = row.putArray("cells");
      cells.add(object.path("metadata").path("name").asText());
      for (CustomResourceColumnDefinition c : columns) {
        cells.add(cell(object, c.getJsonPath(), c.getType()));
      }
      if (columns.isEmpty()) {
        cells.add(cell(object, ".metadata.creationTimestamp", "date"));
      }
      // The whole object, so kubectl's label columns (-L, --show-labels) and -o name still work.
      row.set("object", object);
    }
    return table;
  }

  private JsonNode cell(JsonNode object, String jsonPath, String type) {
    var nodes = Serialization.jsonMapper().getNodeFactory();
    List<JsonNode> values = SimpleJsonPath.evaluate(object, jsonPath);
    if (values.isEmpty() || values.get(0).isNull()) {
      return nodes.nullNode();
    }
    JsonNode first = values.get(0);
    if ("date".equals(type)) {
      return nodes.textNode(Ages.since(first.asText(), clock));
    }
    if (values.size() > 1) {
      List<String> texts = new ArrayList<>();
      values.forEach(v -> texts.add(v.isValueNode() ? v.asText() : v.toString()));
      return nodes.textNode(String.join(",", texts));
    }
    if (first.isValueNode()) {
      return switch (type == null ? "string" : type) {
        case "integer", "number", "boolean" -> first;
        default -> nodes.textNode(first.asText());
      };
    }
    return nodes.textNode(first.toString());
  }

  private static String key(String group, String version, String plural) {
    return group + "/" + version + "/" + plural;
  }
}
