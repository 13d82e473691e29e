package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Server-side apply ({@code application/apply-patch+yaml}, which the mock answers with 415) and managedFields for
 * every other write, with {@link FieldManagement}'s rules. An apply is computed here from the stored object and sent
 * on as a create or an update with optimistic locking (retried when another write came between), so admission,
 * generation and watch events stay the mock's and the other dispatchers'. Other writes go on as they came, with the
 * managedFields they produce added. Writes are serialized, as one etcd key is.
 *
 * <p>Not tracked: strategic merge patches (built-in kinds only; {@code kubectl patch} without {@code --type}, client-side
 * {@code kubectl apply}) keep the ownership they found. The mock ignores metadata in writes to {@code /status}, so
 * the managedFields a status write produces are stored by a second write of the object's metadata (no new generation,
 * one more watch event).
 */
final class FieldManagerDispatcher extends Dispatcher {

  private static final int ATTEMPTS = 5;

  private final Dispatcher delegate;
  private final Map<String, ListShapes> shapesByResource;
  private final Set<String> withStatusSubresource;
  private final Clock clock;
  private final ReentrantLock lock = new ReentrantLock();

  FieldManagerDispatcher(Dispatcher delegate, List<CustomResourceDefinition> crds, Clock clock) {
    this.delegate = delegate;
    this.clock = clock;
    Map<String, ListShapes> shapes = new HashMap<>();
    Set<String> status = new HashSet<>();
    for (CustomResourceDefinition crd : crds) {
      for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
        String key = crd.getSpec().getGroup() + "/" + crd.getSpec().getNames().getPlural();
        shapes.put(key, ListShapes.of(v.getSchema() == null ? null : v.getSchema().getOpenAPIV3Schema()));
        if (v.getSubresources() != null && v.getSubresources().getStatus() != null) {
          status.add(key);
        }
      }
    }
    this.shapesByResource = Map.copyOf(shapes);
    this.withStatusSubresource = Set.copyOf(status);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    HttpMethod method = request.method();
    if (request.getBody() == null || !(method == HttpMethod.POST || method == HttpMethod.PUT
        || method == HttpMethod.PATCH)) {
      return delegate.dispatch(request);
    }
    Optional<ResourcePath> parsed = ResourcePath.parse(request.getPath());
    if (parsed.isEmpty() || (method == HttpMethod.POST) != (parsed.get().name() == null)
        || (parsed.get().subresource() != null && !parsed.get().isStatus())) {
      return delegate.dispatch(request);
    }
    ResourcePath path = parsed.get();
    String contentType = String.valueOf(request.getHeader("Content-Type"));
    if (contentType.contains("strategic-merge-patch")) {
      return delegate.dispatch(request);
    }
    Map<String, String> query = query(request.getPath());
    lock.lock();
    try {
      if (method == HttpMethod.PATCH && contentType.contains("apply-patch")) {
        return apply(request, path, query);
      }
      return update(request, path, query, contentType);
    } catch (java.io.IOException | RuntimeException e) {
      return delegate.dispatch(request); // malformed bodies and patches: the mock answers as it does
    } finally {
      lock.unlock();
    }
  }

  private MockResponse apply(RecordedRequest request, ResourcePath path, Map<String, String> query)
      throws java.io.IOException {
    String manager = query.get("fieldManager");
    if (manager == null || manager.isEmpty()) {
      return status(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: "
          + "is required for apply patch");
    }
    JsonNode parsed = Serialization.unmarshal(new String(request.getBody().getBytes(), StandardCharsets.UTF_8),
        JsonNode.class);
    if (!(parsed instanceof ObjectNode config)) {
      return status(400, "BadRequest", "the apply configuration must be an object");
    }
    boolean force = "true".equals(query.get("force"));
    FieldManagement.Scope scope = scope(path);
    String clientVersion = config.path("metadata").path("resourceVersion").asText(null);
    MockResponse last = null;
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      JsonNode live = stored(request, path);
      if (live == null && path.isStatus()) {
        return notFound(path);
      }
      if (live != null && clientVersion != null
          && !clientVersion.equals(live.path("metadata").path("resourceVersion").asText())) {
        return status(409, "Conflict", "Operation cannot be fulfilled on " + path.plural()
            + (path.group().isEmpty() ? "" : "." + path.group()) + " \"" + path.name()
            + "\": the object has been modified; please apply your changes to the latest version and try again");
      }
      ObjectNode merged;
      try {
        merged = management(path).apply(live, config, manager, scope, force);
      } catch (FieldManagement.ConflictException e) {
        return conflict(path, e);
      }
      if (live != null && merged.equals(live)) {
        return json(200, live); // nothing changed: no write, as the API server skips no-op applies
      }
      if (live == null) {
        ((ObjectNode) merged.get("metadata")).remove("resourceVersion");
        String collection = path.objectPath().substring(0, path.objectPath().lastIndexOf('/'));
        return forward(request, HttpMethod.POST, collection, "application/json", merged);
      }
      ((ObjectNode) merged.get("metadata")).set("resourceVersion", live.path("metadata").get("resourceVersion"));
      String target = path.isStatus() ? path.objectPath() + "/status" : path.objectPath();
      last = forward(request, HttpMethod.PUT, target, "application/json", merged);
      if (last.code() == 409) {
        continue; // another write came between our read and this one: the API server would retry as well
      }
      return path.isStatus() && ok(last) ? storeManagedFields(request, path, merged, last) : last;
    }
    return last;
  }

  private MockResponse update(RecordedRequest request, ResourcePath path, Map<String, String> query,
      String contentType) throws java.io.IOException {
    String manager = query.getOrDefault("fieldManager", userAgentPrefix(request.getHeader("User-Agent")));
    JsonNode body = Serialization.jsonMapper().readTree(request.getBody().getBytes());
    JsonNode live = request.method() == HttpMethod.POST ? null : stored(request, path);
    if (request.method() != HttpMethod.POST && live == null) {
      return delegate.dispatch(request);
    }
    JsonNode candidate;
    if (request.method() == HttpMethod.PATCH) {
      candidate = contentType.contains("json-patch")
          ? JsonPatch.apply(body, live) : MergePatchDispatcher.merge(live.deepCopy(), body);
    } else {
      candidate = body.deepCopy();
    }
    if (!(candidate instanceof ObjectNode updated)) {
      return delegate.dispatch(request);
    }
    if (path.isStatus()) {
      ObjectNode effective = live.deepCopy();
      effective.set("status", updated.get("status"));
      updated = effective;
    } else if (live != null && withStatusSubresource.contains(key(path)) && live.has("status")) {
      updated.set("status", live.get("status"));
    }
    management(path).update(live, updated, manager, scope(path));
    JsonNode managed = updated.path("metadata").path("managedFields");
    if (path.isStatus()) {
      MockResponse response = delegate.dispatch(request);
      return ok(response) && !managed.equals(live.path("metadata").path("managedFields"))
          ? storeManagedFields(request, path, updated, response) : response;
    }
    JsonNode forwarded;
    if (request.method() != HttpMethod.PATCH) {
      ObjectNode object = (ObjectNode) body.deepCopy();
      ObjectNode metadata = object.has("metadata") ? (ObjectNode) object.get("metadata") : object.putObject("metadata");
      setManaged(metadata, managed);
      forwarded = object;
    } else if (contentType.contains("json-patch")) {
      ArrayNode ops = ((ArrayNode) body).deepCopy();
      ObjectNode op = ops.addObject().put("op", managed.isMissingNode() ? "remove" : "add")
          .put("path", "/metadata/managedFields");
      if (managed.isMissingNode()) {
        if (!live.path("metadata").has("managedFields")) {
          ops.remove(ops.size() - 1);
        }
      } else {
        op.set("value", managed);
      }
      forwarded = ops;
    } else {
      ObjectNode patch = (ObjectNode) body.deepCopy();
      ObjectNode metadata = patch.get("metadata") instanceof ObjectNode m ? m : patch.putObject("metadata");
      metadata.set("managedFields", managed.isMissingNode() ? Serialization.jsonMapper().nullNode() : managed);
      forwarded = patch;
    }
    return delegate.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(),
        request.getHeaders(), new Buffer(Serialization.asJson(forwarded).getBytes(StandardCharsets.UTF_8))));
  }

  private static void setManaged(ObjectNode metadata, JsonNode managed) {
    if (managed.isMissingNode()) {
      metadata.remove("managedFields");
    } else {
      metadata.set("managedFields", managed);
    }
  }

  /** The second write a status write needs: the mock keeps only the status of what is sent to /status. */
  private MockResponse storeManagedFields(RecordedRequest request, ResourcePath path, JsonNode withFields,
      MockResponse statusResponse) {
    JsonNode managed = withFields.path("metadata").path("managedFields");
    ArrayNode ops = Serialization.jsonMapper().createArrayNode();
    ObjectNode op = ops.addObject().put("op", "add").put("path", "/metadata/managedFields");
    op.set("value", managed.isMissingNode() ? Serialization.jsonMapper().createArrayNode() : managed);
    MockResponse response = delegate.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PATCH,
        path.objectPath(), Headers.builder().add("Content-Type", "application/json-patch+json")
            .add("Accept", "application/json").build(),
        new Buffer(Serialization.asJson(ops).getBytes(StandardCharsets.UTF_8))));
    return ok(response) ? response : statusResponse;
  }

  /** The mock answers PATCH with 202, PUT with 200, POST with 201. */
  private static boolean ok(MockResponse response) {
    return response.code() / 100 == 2;
  }

  private MockResponse forward(RecordedRequest request, HttpMethod method, String target, String contentType,
      JsonNode body) {
    Headers headers = request.getHeaders().newBuilder().removeAll("Content-Type").removeAll("content-type")
        .add("Content-Type", contentType).build();
    String query = request.getPath().contains("?") ? request.getPath().substring(request.getPath().indexOf('?')) : "";
    // fieldValidation and dryRun mean the same to a create or update; force and fieldManager are ours
    String kept = query.replaceAll("(?<=[?&])(force|fieldManager)=[^&]*&?", "").replaceAll("[?&]$", "");
    return delegate.dispatch(new RecordedRequest(request.getHttpVersion(), method, target + kept, headers,
        new Buffer(Serialization.asJson(body).getBytes(StandardCharsets.UTF_8))));
  }

  private JsonNode stored(RecordedRequest request, ResourcePath path) throws java.io.IOException {
    MockResponse current = delegate.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.GET,
        path.objectPath(), Headers.builder().add("Accept", "application/json").build(), null));
    if (current.code() != 200 || current.getBody() == null) {
      return null;
    }
    return Serialization.jsonMapper().readTree(current.getBody().getBytes());
  }

  private FieldManagement management(ResourcePath path) {
    return new FieldManagement(shapesByResource.getOrDefault(key(path), ListShapes.builtIn()), clock);
  }

  private FieldManagement.Scope scope(ResourcePath path) {
    return new FieldManagement.Scope(path.isStatus(), withStatusSubresource.contains(key(path)));
  }

  private static String key(ResourcePath path) {
    return path.group() + "/" + path.plural();
  }

  /** The API server's default manager: the User-Agent up to its first "/". */
  static String userAgentPrefix(String userAgent) {
    if (userAgent == null || userAgent.isEmpty()) {
      return "unknown";
    }
    int slash = userAgent.indexOf('/');
    return slash < 0 ? userAgent : userAgent.substring(0, slash);
  }

  private static Map<String, String> query(String path) {
    Map<String, String> params = new HashMap<>();
    int q = path.indexOf('?');
    if (q < 0) {
      return params;
    }
    for (String pair : path.substring(q + 1).split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      params.put(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return params;
  }

  /** 409 with reason Conflict and one FieldManagerConflict cause per field, as the API server answers. */
  private static MockResponse conflict(ResourcePath path, FieldManagement.ConflictException e) {
    ObjectNode status = statusNode(409, "Conflict", e.getMessage());
    ObjectNode details = status.putObject("details");
    details.put("name", path.name()).put("group", path.group()).put("kind", path.plural());
    ArrayNode causes = details.putArray("causes");
    e.byManager().forEach((manager, paths) -> paths.forEach(p -> causes.addObject()
        .put("reason", "FieldManagerConflict").put("message", "conflict with " + manager)
        .put("field", FieldPaths.display(p))));
    return json(409, status);
  }

  private static MockResponse notFound(ResourcePath path) {
    return status(404, "NotFound", path.plural() + (path.group().isEmpty() ? "" : "." + path.group()) + " \""
        + path.name() + "\" not found");
  }

  private static MockResponse status(int code, String reason, String message) {
    return json(code, statusNode(code, reason, message));
  }

  private static ObjectNode statusNode(int code, String reason, String message) {
    ObjectNode status = Serialization.jsonMapper().createObjectNode();
    status.put("kind", "Status").put("apiVersion", "v1").putObject("metadata");
    status.put("status", "Failure").put("message", message).put("reason", reason).put("code", code);
    return status;
  }

  private static MockResponse json(int code, JsonNode body) {
    return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
        .setBody(Serialization.asJson(body));
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }
}
