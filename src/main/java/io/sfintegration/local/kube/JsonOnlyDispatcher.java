package io.sfintegration.local.kube;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * Refuses protobuf request bodies with 415, as an API server does for types it cannot decode that way. kubectl sends
 * built-in types (e.g. {@code kubectl create secret}) as protobuf, which the mock cannot read (the request hangs);
 * on 415 client-go retries the same request as JSON.
 */
final class JsonOnlyDispatcher extends Dispatcher {

  private final Dispatcher delegate;

  JsonOnlyDispatcher(Dispatcher delegate) {
    this.delegate = delegate;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String contentType = request.getHeader("Content-Type");
    if (contentType != null && contentType.contains("protobuf")) {
      return new MockResponse().setResponseCode(415)
          .setHeader("Content-Type", "application/json")
          .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
              + "\"message\":\"the body of the request was in an unknown format - accepted media types include: "
              + "application/json, application/yaml\",\"reason\":\"UnsupportedMediaType\",\"code\":415}");
    }
    return delegate.dispatch(request);
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }
}
