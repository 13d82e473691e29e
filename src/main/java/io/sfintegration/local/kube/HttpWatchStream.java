package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * One HTTP watch, as client-go's watches (kubectl get -w, kubectl wait) read it: a chunked response with one JSON
 * event per line. The mock produces watch events only for WebSocket watches; this hands its watch listener a
 * {@link WebSocket} whose {@code send} writes a line to the HTTP response instead, so the events are the mock's own
 * (same filtering by namespace, name, labels). Ends after {@code timeoutSeconds} as a server does, or when the client
 * goes away (then the listener is told, so the mock stops sending to it).
 */
final class HttpWatchStream implements WebSocket {

  private final RecordedRequest request;
  private final HttpServerResponse out;
  private final WebSocketListener listener;
  private final BiFunction<String, JsonNode, Optional<ObjectNode>> tables;
  private final boolean asTable;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicInteger open;
  private static final long ANNOUNCEMENT_GRACE_MILLIS = 250;
  private final long fromVersion;
  private final String watchedName;
  private volatile boolean watchedNameSeen;

  private HttpWatchStream(RecordedRequest request, HttpServerResponse out, WebSocketListener listener,
      BiFunction<String, JsonNode, Optional<ObjectNode>> tables, AtomicInteger open) {
    this.open = open;
    this.request = request;
    this.out = out;
    this.listener = listener;
    this.tables = tables;
    String accept = request.getHeader("Accept");
    this.asTable = accept != null && accept.contains("as=Table");
    this.fromVersion = queryLong(request.getPath(), "resourceVersion=");
    this.watchedName = watchedName(request.getPath());
  }

  /**
   * Starts streaming {@code response} (the mock's answer to the watch request) to {@code out}.
   *
   * @param tables renders a watched object as a one-row Table for a path, for clients that ask {@code as=Table}
   * @param open  counts the streams open now (incremented here, decremented when the stream ends)
   */
  static void start(Vertx vertx, RecordedRequest request, MockResponse response, HttpServerResponse out,
      BiFunction<String, JsonNode, Optional<ObjectNode>> tables, AtomicInteger open) {
    HttpWatchStream stream = new HttpWatchStream(request, out, response.getWebSocketListener(), tables, open);
    open.incrementAndGet();
    out.setStatusCode(200).setChunked(true)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-cache, private");
    out.closeHandler(v -> stream.close(1001, "client went away"));
    out.writeHead();
    long timeout = timeoutSeconds(request.getPath());
    if (timeout > 0) {
      vertx.setTimer(timeout * 1000, t -> stream.close(1000, "timeout"));
    }
    stream.listener.onOpen(stream, response);
    // A real server replays, from its watch cache, what happened after the client's resourceVersion; the mock only
    // announces the objects that exist now. A watch on one object (kubectl delete/wait) opened after that object went
    // would then wait forever: end it instead, so the client lists again and sees the object is gone.
    if (stream.watchedName != null && stream.fromVersion > 0) {
      // the mock announces existing objects shortly after the open, not during it
      vertx.setTimer(ANNOUNCEMENT_GRACE_MILLIS, t -> {
        if (!stream.watchedNameSeen) {
          stream.close(1000, "the watched object no longer exists");
        }
      });
    }
  }

  @Override
  public RecordedRequest request() {
    return request;
  }

  @Override
  public boolean send(String text) {
    if (closed.get()) {
      return false;
    }
    if (watchedName != null && text.contains("\"" + watchedName + "\"")) {
      watchedNameSeen = true;
    }
    if (isReplay(text)) {
      return true;
    }
    out.write(asTable ? tableEvent(text) + "\n" : text.strip() + "\n");
    return true;
  }

  @Override
  public boolean send(byte[] bytes) {
    return send(new String(bytes, StandardCharsets.UTF_8));
  }

  @Override
  public boolean close(int code, String reason) {
    if (!closed.compareAndSet(false, true)) {
      return false;
    }
    open.decrementAndGet();
    listener.onClosed(this, code, reason);
    if (!out.ended() && !out.closed()) {
      out.end();
    }
    return true;
  }

  /**
   * The mock announces every existing object as ADDED when a watch opens; a server watching from the list's
   * {@code resourceVersion} only sends what changed after it, so clients (kubectl get -w) would print rows twice.
   * Only ADDED events are dropped: a DELETED event may carry the object's older resourceVersion.
   */
  private boolean isReplay(String text) {
    if (fromVersion <= 0) {
      return false;
    }
    try {
      JsonNode event = Serialization.jsonMapper().readTree(text);
      String version = event.path("object").path("metadata").path("resourceVersion").asText("");
      return "ADDED".equals(event.path("type").asText()) && !version.isEmpty()
          && Long.parseLong(version) <= fromVersion;
    } catch (Exception e) {
      return false;
    }
  }

  private String tableEvent(String text) {
    try {
      ObjectNode event = (ObjectNode) Serialization.jsonMapper().readTree(text);
      JsonNode object = event.get("object");
      if (object != null && !"Status".equals(object.path("kind").asText())) {
        tables.apply(request.getPath(), object).ifPresent(table -> event.set("object", table));
      }
      return Serialization.asJson(event);
    } catch (Exception e) {
      return text.strip();
    }
  }

  static boolean isHttpWatch(String method, String uri, String upgrade) {
    int query = uri.indexOf('?');
    if (!"GET".equalsIgnoreCase(method) || query < 0
        || (upgrade != null && upgrade.toLowerCase(java.util.Locale.ROOT).contains("websocket"))) {
      return false;
    }
    for (String param : uri.substring(query + 1).split("&")) {
      if (param.equals("watch=true") || param.equals("watch=1")) {
        return true;
      }
    }
    return false;
  }

  /** The name in a {@code fieldSelector=metadata.name=<name>} of the watch, if it watches one object. */
  static String watchedName(String uri) {
    int query = uri.indexOf('?');
    if (query < 0) {
      return null;
    }
    for (String param : uri.substring(query + 1).split("&")) {
      if (param.startsWith("fieldSelector=")) {
        String selector = java.net.URLDecoder.decode(param.substring("fieldSelector=".length()), StandardCharsets.UTF_8);
        for (String term : selector.split(",")) {
          if (term.startsWith("metadata.name=")) {
            return term.substring("metadata.name=".length());
          }
        }
      }
    }
    return null;
  }

  static long timeoutSeconds(String uri) {
    return queryLong(uri, "timeoutSeconds=");
  }

  private static long queryLong(String uri, String prefix) {
    int query = uri.indexOf('?');
    if (query >= 0) {
      for (String param : uri.substring(query + 1).split("&")) {
        if (param.startsWith(prefix)) {
          try {
            return Long.parseLong(param.substring(prefix.length()));
          } catch (NumberFormatException e) {
            return 0;
          }
        }
      }
    }
    return 0;
  }
}
