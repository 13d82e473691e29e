package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.HttpServerRequestHandler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * The HTTP server of the embedded API, on 127.0.0.1. Every request goes to the dispatcher chain exactly as the mock's
 * own server would send it (same request/response/WebSocket handling, by reusing the mock's handler), except HTTP
 * watches, which the mock's server cannot stream: those become {@link HttpWatchStream}s.
 */
final class ApiServer implements AutoCloseable {

  private final Vertx vertx;
  private final HttpServer server;
  private final AtomicInteger openWatches;

  private ApiServer(Vertx vertx, HttpServer server, AtomicInteger openWatches) {
    this.vertx = vertx;
    this.server = server;
    this.openWatches = openWatches;
  }

  static ApiServer start(int port, Dispatcher dispatcher, BiFunction<String, JsonNode, Optional<ObjectNode>> tables) {
    Vertx vertx = Vertx.vertx();
    AtomicInteger openWatches = new AtomicInteger();
    HttpServerRequestHandler plain = new HttpServerRequestHandler(vertx) {
      @Override
      protected MockResponse onHttpRequest(RecordedRequest request) {
        return dispatcher.dispatch(request);
      }
    };
    HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
        .requestHandler(request -> handle(vertx, request, plain, dispatcher, tables, openWatches));
    try {
      server = server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      vertx.close();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      vertx.close();
      throw new IllegalStateException("cannot listen on 127.0.0.1:" + port, e);
    }
    return new ApiServer(vertx, server, openWatches);
  }

  private static void handle(Vertx vertx, HttpServerRequest request, HttpServerRequestHandler plain,
      Dispatcher dispatcher, BiFunction<String, JsonNode, Optional<ObjectNode>> tables, AtomicInteger openWatches) {
    if (!HttpWatchStream.isHttpWatch(request.method().name(), request.uri(), request.getHeader("Upgrade"))) {
      plain.handle(request);
      return;
    }
    RecordedRequest recorded = new RecordedRequest("HTTP/1.1", HttpMethod.GET, request.uri(),
        Headers.builder().addAll(request.headers()).build(), null);
    // Dispatching may block (the mock takes locks); keep it off the event loop.
    vertx.<MockResponse>executeBlocking(() -> dispatcher.dispatch(recorded), false).onComplete(result -> {
      MockResponse response = result.succeeded() ? result.result() : new MockResponse().setResponseCode(500);
      if (response.getWebSocketListener() != null) {
        HttpWatchStream.start(vertx, recorded, response, request.response(), tables, openWatches);
        return;
      }
      var out = request.response().setStatusCode(response.code());
      response.getHeaders().toMultimap().forEach(out::putHeader);
      out.end(response.getBody() == null ? io.vertx.core.buffer.Buffer.buffer()
          : io.vertx.core.buffer.Buffer.buffer(response.getBody().getBytes()));
    });
  }

  /** HTTP watches streaming now (tests wait on this instead of sleeping until kubectl is watching). */
  int openWatches() {
    return openWatches.get();
  }

  int port() {
    return server.actualPort();
  }

  @Override
  public void close() {
    CompletableFuture<Void> closed = vertx.close().toCompletionStage().toCompletableFuture();
    try {
      closed.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // closing anyway
    }
  }
}
