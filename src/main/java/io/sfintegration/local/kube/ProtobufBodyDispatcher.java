package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * kubectl 1.32 sends the built-in kinds it creates imperatively ({@code create namespace|secret|configmap}) as
 * protobuf and does not retry as JSON. This decodes those bodies ({@link ProtobufObjects}) and passes them on as JSON,
 * which the mock stores; it asks for JSON back too ({@code Accept} lists {@code application/json}). Protobuf bodies
 * of other kinds get 415, as from a server that cannot decode them.
 */
final class ProtobufBodyDispatcher extends Dispatcher {

  private final Dispatcher delegate;

  ProtobufBodyDispatcher(Dispatcher delegate) {
    this.delegate = delegate;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String contentType = request.getHeader("Content-Type");
    if (contentType == null || !contentType.contains("protobuf")) {
      return delegate.dispatch(request);
    }
    Optional<ObjectNode> decoded;
    try {
      decoded = request.getBody() == null ? Optional.empty() : ProtobufObjects.decode(request.getBody().getBytes());
    } catch (IllegalArgumentException e) {
      decoded = Optional.empty();
    }
    if (decoded.isEmpty()) {
      return new MockResponse().setResponseCode(415)
          .setHeader("Content-Type", "application/json")
          .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
              + "\"message\":\"the body of the request was in an unknown format - accepted media types include: "
              + "application/json, application/yaml, application/vnd.kubernetes.protobuf (Namespace, Secret and "
              + "ConfigMap only)\",\"reason\":\"UnsupportedMediaType\",\"code\":415}");
    }
    Headers headers = request.getHeaders().newBuilder()
        .removeAll("Content-Type").removeAll("content-type")
        .removeAll("Accept").removeAll("accept")
        .add("Content-Type", "application/json")
        .add("Accept", "application/json").build();
    MockResponse response = delegate.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(),
        request.getPath(), headers, new Buffer(Serialization.asJson(decoded.get()).getBytes(StandardCharsets.UTF_8))));
    // Without a Content-Type, client-go decodes the answer in the request's (protobuf) format.
    return response.setHeader("Content-Type", "application/json");
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }
}
