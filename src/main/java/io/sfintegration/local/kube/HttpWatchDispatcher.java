package io.sfintegration.local.kube;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.Locale;

/**
 * The mock serves watches over WebSocket only (what fabric8 clients use). kubectl watches with a streamed HTTP
 * response, which the mock cannot produce; it used to answer 400. This answers such watches with a single ERROR event
 * "410 Expired", which client-go informers treat as "re-list": {@code kubectl wait} then works by re-listing
 * (client-go backs off 0.8 s, 1.6 s, 3.2 s, ... up to 30 s between lists), while {@code kubectl get -w} prints the
 * current list and returns (it does not retry), instead of hanging or failing with 400.
 */
final class HttpWatchDispatcher extends Dispatcher {

  static final String EXPIRED_EVENT = "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
      + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"too old resource version: the embedded API serves "
      + "HTTP watches by asking to re-list\",\"reason\":\"Expired\",\"code\":410}}\n";

  private final Dispatcher delegate;

  HttpWatchDispatcher(Dispatcher delegate) {
    this.delegate = delegate;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if (isHttpWatch(request)) {
      return new MockResponse().setResponseCode(200)
          .setHeader("Content-Type", "application/json")
          .setBody(EXPIRED_EVENT);
    }
    return delegate.dispatch(request);
  }

  static boolean isHttpWatch(RecordedRequest request) {
    String path = request.getPath();
    int query = path.indexOf('?');
    if (!"GET".equalsIgnoreCase(request.getMethod()) || query < 0) {
      return false;
    }
    boolean watch = false;
    for (String param : path.substring(query + 1).split("&")) {
      watch |= param.equals("watch=true") || param.equals("watch=1");
    }
    String upgrade = request.getHeader("Upgrade");
    return watch && (upgrade == null || !upgrade.toLowerCase(Locale.ROOT).contains("websocket"));
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }
}
