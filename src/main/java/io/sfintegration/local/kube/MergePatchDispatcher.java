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

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Applies JSON merge patches (RFC 7386) correctly. The mock merges them with Jackson's "read for updating", which
 * APPENDS to arrays instead of replacing them: {@code kubectl patch --type=merge} of a list, {@code kubectl edit} or
 * {@code kubectl apply} of a shortened list (and the operator's own merge patches) would keep the old elements.
 * Here the merged document is computed from the stored object and sent on to the mock as a JSON Patch that replaces
 * the changed top-level fields, so the mock's own rules (status subresource, generation, resourceVersion conflicts,
 * deletion when the last finalizer goes) still apply.
 */
final class MergePatchDispatcher extends Dispatcher {

  private final Dispatcher delegate;

  MergePatchDispatcher(Dispatcher delegate) {
    this.delegate = delegate;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String contentType = request.getHeader("Content-Type");
    if (!"PATCH".equalsIgnoreCase(request.getMethod()) || contentType == null
        || !contentType.contains("merge-patch+json") || request.getBody() == null) {
      return delegate.dispatch(request);
    }
    String path = request.getPath();
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    String resourcePath = bare.endsWith("/status") ? bare.substring(0, bare.length() - "/status".length()) : bare;
    try {
      MockResponse current = delegate.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.GET,
          resourcePath, Headers.builder().add("Accept", "application/json").build(), null));
      if (current.code() != 200 || current.getBody() == null) {
        return delegate.dispatch(request);
      }
      JsonNode stored = Serialization.jsonMapper().readTree(current.getBody().getBytes());
      JsonNode patch = Serialization.jsonMapper().readTree(request.getBody().getBytes());
      if (!stored.isObject() || !patch.isObject()) {
        return delegate.dispatch(request);
      }
      JsonNode merged = merge(stored.deepCopy(), patch);
      ArrayNode ops = JsonPatches.topLevel(stored, merged);
      Headers headers = request.getHeaders().newBuilder()
          .removeAll("Content-Type").removeAll("content-type")
          .add("Content-Type", "application/json-patch+json").build();
      return delegate.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(), path, headers,
          new Buffer(Serialization.asJson(ops).getBytes(StandardCharsets.UTF_8))));
    } catch (Exception e) {
      return delegate.dispatch(request);
    }
  }

  /** RFC 7386: objects merge recursively, null removes, everything else (arrays included) replaces. */
  static JsonNode merge(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result = target != null && target.isObject() ? (ObjectNode) target
        : Serialization.jsonMapper().createObjectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), merge(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }
}
