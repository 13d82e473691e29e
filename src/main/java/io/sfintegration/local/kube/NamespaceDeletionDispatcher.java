package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The namespace controller's part of {@code kubectl delete namespace}, which the mock lacks (it drops the namespace and
 * leaves everything in it): the namespace gets a finalizer and turns Terminating, every namespaced object in it is
 * deleted (objects with finalizers stay until their controllers remove them, as on a real cluster), new objects in it
 * are refused, and the namespace goes when it is empty. The emptiness check runs every 100 ms, and only while a
 * namespace is terminating.
 */
final class NamespaceDeletionDispatcher extends Dispatcher implements AutoCloseable {

  static final String FINALIZER = "kubernetes";
  private static final long CHECK_MILLIS = 100;

  private final Dispatcher delegate;
  /** Collection paths of the namespaced kinds, with {@code %s} for the namespace. */
  private final List<String> namespacedCollections;
  private final Set<String> terminating = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService controller = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "embedded-namespace-controller");
    t.setDaemon(true);
    return t;
  });

  NamespaceDeletionDispatcher(Dispatcher delegate, List<String> namespacedCollections) {
    this.delegate = delegate;
    this.namespacedCollections = List.copyOf(namespacedCollections);
    controller.scheduleWithFixedDelay(this::finishEmptyNamespaces, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    Optional<ResourcePath> path = ResourcePath.parse(request.getPath());
    if (path.isEmpty() || !path.get().group().isEmpty()) {
      return delegate.dispatch(request);
    }
    ResourcePath p = path.get();
    if (request.method() == HttpMethod.POST && p.namespace() != null && terminating.contains(p.namespace())) {
      return forbidden(p.namespace());
    }
    if (request.method() != HttpMethod.DELETE || !"namespaces".equals(p.plural()) || p.name() == null
        || p.subresource() != null) {
      return delegate.dispatch(request);
    }
    String namespace = p.name();
    // The finalizer keeps the namespace (Terminating) until it is empty; the mock then deletes it when it goes.
    MockResponse finalized = send(HttpMethod.PATCH, "/api/v1/namespaces/" + namespace, "application/merge-patch+json",
        "{\"metadata\":{\"finalizers\":[\"" + FINALIZER + "\"]},\"status\":{\"phase\":\"Terminating\"}}");
    if (finalized.code() >= 300) {
      return delegate.dispatch(request);
    }
    MockResponse deleted = delegate.dispatch(request);
    if (deleted.code() < 300) {
      terminating.add(namespace);
      deleteContent(namespace);
    }
    return deleted;
  }

  private void deleteContent(String namespace) {
    for (String collection : namespacedCollections) {
      String path = collection.formatted(namespace);
      for (JsonNode item : list(path)) {
        if (!item.path("metadata").has("deletionTimestamp")) {
          send(HttpMethod.DELETE, path + "/" + item.path("metadata").path("name").asText(), null, null);
        }
      }
    }
  }

  private void finishEmptyNamespaces() {
    for (String namespace : terminating) {
      try {
        deleteContent(namespace); // objects created in a race, or whose deletion failed
        boolean empty = namespacedCollections.stream().allMatch(c -> list(c.formatted(namespace)).isEmpty());
        if (empty) {
          send(HttpMethod.PATCH, "/api/v1/namespaces/" + namespace, "application/merge-patch+json",
              "{\"metadata\":{\"finalizers\":null}}");
          terminating.remove(namespace);
        }
      } catch (RuntimeException e) {
        // tried again on the next tick
      }
    }
  }

  private List<JsonNode> list(String path) {
    MockResponse r = send(HttpMethod.GET, path, null, null);
    if (r.code() != 200 || r.getBody() == null) {
      return List.of();
    }
    try {
      List<JsonNode> items = new java.util.ArrayList<>();
      Serialization.jsonMapper().readTree(r.getBody().getBytes()).path("items").forEach(items::add);
      return items;
    } catch (java.io.IOException e) {
      return List.of();
    }
  }

  private MockResponse send(HttpMethod method, String path, String contentType, String body) {
    Headers.Builder headers = Headers.builder().add("Accept", "application/json");
    if (contentType != null) {
      headers.add("Content-Type", contentType);
    }
    return delegate.dispatch(new RecordedRequest("HTTP/1.1", method, path, headers.build(),
        body == null ? null : new Buffer(body.getBytes(StandardCharsets.UTF_8))));
  }

  private static MockResponse forbidden(String namespace) {
    String message = "unable to create new content in namespace " + namespace + " because it is being terminated";
    return new MockResponse().setResponseCode(403).setHeader("Content-Type", "application/json")
        .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
            + message + "\",\"reason\":\"Forbidden\",\"code\":403}");
  }

  @Override
  public void close() {
    controller.shutdownNow();
  }

  @Override
  public void shutdown() {
    close();
    delegate.shutdown();
  }
}
