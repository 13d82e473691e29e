package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.nio.charset.StandardCharsets;

/**
 * Accepts server-side apply patches ({@code application/apply-patch+yaml}), which the mock answers with 415, by
 * applying them as JSON merge patches. The operator patches its own resources' status and finalizers with server-side
 * apply, as it does against real clusters; field ownership does not matter in a one-operator local API.
 */
final class ApplyPatchDispatcher extends Dispatcher {

  private final Dispatcher delegate;

  ApplyPatchDispatcher(Dispatcher delegate) {
    this.delegate = delegate;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String contentType = request.getHeader("Content-Type");
    if (!"PATCH".equalsIgnoreCase(request.getMethod()) || contentType == null || !contentType.contains("apply-patch")
        || request.getBody() == null) {
      return delegate.dispatch(request);
    }
    try {
      String body = new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
      JsonNode patch = Serialization.unmarshal(body, JsonNode.class);
      String path = request.getPath();
      String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
      Headers headers = request.getHeaders().newBuilder()
          .removeAll("Content-Type").removeAll("content-type")
          .add("Content-Type", "application/merge-patch+json").build();
      return delegate.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(), bare, headers,
          new Buffer(Serialization.asJson(patch).getBytes(StandardCharsets.UTF_8))));
    } catch (RuntimeException e) {
      return delegate.dispatch(request);
    }
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }
}
