package io.sfintegration.local.kube;

import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * Drops the query string from writes to {@code .../status}: the mock only recognises the status subresource when the
 * path ends in {@code /status}, so {@code kubectl patch --subresource=status} (which adds {@code ?fieldManager=...})
 * was silently ignored. The parameters (field manager, validation, dry run) mean nothing to the mock anyway.
 */
final class StatusQueryDispatcher extends Dispatcher {

  private final Dispatcher delegate;

  StatusQueryDispatcher(Dispatcher delegate) {
    this.delegate = delegate;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    int query = path.indexOf('?');
    if (query > 0 && !"GET".equalsIgnoreCase(request.getMethod()) && path.substring(0, query).endsWith("/status")) {
      return delegate.dispatch(new RecordedRequest(request.getHttpVersion(), request.method(),
          path.substring(0, query), request.getHeaders(), request.getBody()));
    }
    return delegate.dispatch(request);
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }
}
