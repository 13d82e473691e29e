package io.sfintegration.salesforce.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A scripted stand-in for Salesforce for the client's mechanics (retries, circuit, token refresh, budget): each test
 * answers API calls with its own handler. Behaviour of a real org is tested against the emulator.
 */
final class FakeSalesforce implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ORG_ID = "00D000000000001AAA";
    static final String OPERATOR_ID = "005000000000001AAA";

    record Request(String method, String path, String query, JsonNode body, String authorization, String form) {
        String soql() {
            return query == null ? null : URLDecoder.decode(query.replaceFirst("^q=", ""), StandardCharsets.UTF_8);
        }
    }

    record Response(int status, String body, String limitInfo) {
        static Response json(int status, String body) {
            return new Response(status, body, "api-usage=10/100000");
        }
    }

    static {
        // without TCP_NODELAY the JDK server's separate header and body writes meet delayed ACKs: ~40 ms per request
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    final List<Request> apiRequests = new CopyOnWriteArrayList<>();
    final List<Request> tokenRequests = new CopyOnWriteArrayList<>();
    final AtomicInteger tokensIssued = new AtomicInteger();
    volatile Function<Request, Response> api = r -> Response.json(404, "[{\"errorCode\":\"NOT_FOUND\",\"message\":\"no\"}]");
    volatile Function<Request, Response> token = r -> Response.json(200, "{\"access_token\":\"" + ORG_ID.substring(0, 15)
            + "!issued" + tokensIssued.incrementAndGet() + "\",\"instance_url\":\"" + baseUrl()
            + "\",\"id\":\"" + baseUrl() + "/id/" + ORG_ID + "/" + OPERATOR_ID + "\",\"token_type\":\"Bearer\"}");

    FakeSalesforce() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath();
            Request request;
            Response response;
            if (path.startsWith("/services/oauth2/")) {
                request = new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                        MissingNode.getInstance(), exchange.getRequestHeaders().getFirst("Authorization"), raw);
                tokenRequests.add(request);
                if (path.endsWith("/userinfo")) {
                    response = Response.json(200, "{\"user_id\":\"" + OPERATOR_ID + "\",\"organization_id\":\"" + ORG_ID + "\"}");
                } else {
                    response = token.apply(request);
                }
            } else {
                request = new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                        raw.isEmpty() ? MissingNode.getInstance() : JSON.readTree(raw),
                        exchange.getRequestHeaders().getFirst("Authorization"), null);
                apiRequests.add(request);
                response = api.apply(request);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
            if (response.limitInfo() != null) {
                exchange.getResponseHeaders().add("Sforce-Limit-Info", response.limitInfo());
            }
            byte[] bytes = response.body() == null ? new byte[0] : response.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
