package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.zjsonpatch.JsonPatch;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the {@link Admission} steps on every create, update and patch, as the API server does before it stores an
 * object: the mock itself stores whatever it is sent. Patches (by now JSON Patches: apply and merge patches were
 * converted before) are applied to the stored object here so the result can be defaulted and validated, then sent on
 * as a JSON Patch of the changed top-level fields, which keeps the mock's own rules (resourceVersion conflicts,
 * generation, status subresource, deletion when the last finalizer goes). A refused write gets 422 with the Status a
 * real server sends, so kubectl prints {@code The IntegrationUser "x" is invalid: spec.username: Invalid value: ...}.
 */
final class AdmissionDispatcher extends Dispatcher {

  private final Dispatcher delegate;
  private final List<Admission> steps;
  private final AtomicBoolean enabled = new AtomicBoolean(true);

  AdmissionDispatcher(Dispatcher delegate, List<Admission> steps) {
    this.delegate = delegate;
    this.steps = List.copyOf(steps);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    HttpMethod method = request.method();
    if (!enabled.get() || request.getBody() == null || !(method == HttpMethod.POST || method == HttpMethod.PUT
        || method == HttpMethod.PATCH)) {
      return delegate.dispatch(request);
    }
    Optional<ResourcePath> parsed = ResourcePath.parse(request.getPath());
    if (parsed.isEmpty() || (method == HttpMethod.POST) != (parsed.get().name() == null)) {
      return delegate.dispatch(request);
    }
    ResourcePath path = parsed.get();
    String contentType = String.valueOf(request.getHeader("Content-Type"));
    if (method == HttpMethod.PATCH && !contentType.contains("json-patch+json")) {
      return delegate.dispatch(request); // strategic merge patches of built-in kinds: left to the mock
    }
    try {
      JsonNode body = Serialization.jsonMapper().readTree(request.getBody().getBytes());
      JsonNode stored = method == HttpMethod.POST ? null : stored(request, path);
      if (method != HttpMethod.POST && stored == null) {
        return delegate.dispatch(request); // the mock answers 404
      }
      JsonNode candidate = method == HttpMethod.PATCH ? JsonPatch.apply(body, stored) : body;
      if (!(candidate instanceof ObjectNode object)) {
        return delegate.dispatch(request);
      }
      ObjectNode effective = effective(path, stored, object);
      List<FieldError> errors = new ArrayList<>();
      for (Admission step : steps) {
        errors.addAll(step.admit(path, stored, effective));
      }
      boolean strict = request.getPath().contains("fieldValidation=Strict");
      List<FieldError> unknown = errors.stream()
          .filter(e -> CustomResourceAdmission.UNKNOWN_FIELD.equals(e.reason())).toList();
      errors.removeAll(unknown);
      if (strict && !unknown.isEmpty()) {
        return strictDecodingError(path, effective, unknown);
      }
      if (!errors.isEmpty()) {
        return invalid(path, effective, errors);
      }
      byte[] forwarded = method == HttpMethod.PATCH
          ? Serialization.asJson(JsonPatches.topLevel(stored, effective)).getBytes(StandardCharsets.UTF_8)
          : Serialization.asJson(effective).getBytes(StandardCharsets.UTF_8);
      return delegate.dispatch(new RecordedRequest(request.getHttpVersion(), method, request.getPath(),
          request.getHeaders(), new Buffer(forwarded)));
    } catch (Exception e) {
      return delegate.dispatch(request); // malformed bodies and patches: the mock answers as it does
    }
  }

  /**
   * The object as it would be stored: a write to {@code /status} changes only the status, a write to the object of a
   * kind with a status subresource keeps the stored status (the mock does the same when it stores).
   */
  private static ObjectNode effective(ResourcePath path, JsonNode stored, ObjectNode candidate) {
    if (stored == null) {
      return candidate;
    }
    if (path.isStatus()) {
      ObjectNode result = stored.deepCopy();
      if (candidate.has("status")) {
        result.set("status", candidate.get("status"));
      } else {
        result.remove("status");
      }
      if (candidate.path("metadata").has("resourceVersion")) {
        ((ObjectNode) result.get("metadata")).set("resourceVersion", candidate.path("metadata").get("resourceVersion"));
      }
      return result;
    }
    return candidate;
  }

  private JsonNode stored(RecordedRequest request, ResourcePath path) throws java.io.IOException {
    MockResponse current = delegate.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.GET,
        path.objectPath(), Headers.builder().add("Accept", "application/json").build(), null));
    if (current.code() != 200 || current.getBody() == null) {
      return null;
    }
    return Serialization.jsonMapper().readTree(current.getBody().getBytes());
  }

  /** Turns admission off or on: tests store objects a cluster without our rules would hold. */
  void setEnabled(boolean on) {
    enabled.set(on);
  }

  /** What the API server answers to unknown fields under {@code fieldValidation=Strict} (kubectl's default). */
  private static MockResponse strictDecodingError(ResourcePath path, JsonNode object, List<FieldError> unknown) {
    String kind = object.path("kind").asText();
    List<String> fields = unknown.stream().map(FieldError::message).toList();
    String message = kind + " in version \"" + path.version() + "\" cannot be handled as a " + kind
        + ": strict decoding error: " + String.join(", ", fields);
    ObjectNode status = Serialization.jsonMapper().createObjectNode();
    status.put("kind", "Status").put("apiVersion", "v1").putObject("metadata");
    status.put("status", "Failure").put("message", message).put("reason", "BadRequest").put("code", 400);
    return new MockResponse().setResponseCode(400).setHeader("Content-Type", "application/json")
        .setBody(Serialization.asJson(status));
  }

  static MockResponse invalid(ResourcePath path, JsonNode object, List<FieldError> errors) {
    String kind = object.path("kind").asText();
    String name = object.path("metadata").path("name").asText();
    String qualified = path.group().isEmpty() ? kind : kind + "." + path.group();
    List<String> rendered = errors.stream().map(FieldError::toString).toList();
    String detail = rendered.size() == 1 ? rendered.get(0) : "[" + String.join(", ", rendered) + "]";
    ObjectNode status = Serialization.jsonMapper().createObjectNode();
    status.put("kind", "Status").put("apiVersion", "v1").putObject("metadata");
    status.put("status", "Failure")
        .put("message", qualified + " \"" + name + "\" is invalid: " + detail)
        .put("reason", "Invalid");
    ObjectNode details = status.putObject("details");
    details.put("name", name).put("group", path.group()).put("kind", kind);
    ArrayNode causes = details.putArray("causes");
    for (FieldError e : errors) {
      causes.addObject().put("reason", e.reason()).put("message", e.message()).put("field", e.field());
    }
    status.put("code", 422);
    return new MockResponse().setResponseCode(422).setHeader("Content-Type", "application/json")
        .setBody(Serialization.asJson(status));
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }
}
