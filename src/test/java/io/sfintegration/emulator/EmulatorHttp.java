package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/** A small HTTP client for emulator tests: talks to the emulator only through HTTP, as a real client would. */
final class EmulatorHttp {

    static final String V = "/services/data/v62.0";
    static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status, headers and the body parsed as JSON (null when empty or not JSON). */
    record Answer(int status, HttpResponse<String> raw, JsonNode body) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        /** The errorCode of a REST error answer ([{message, errorCode}]). */
        String errorCode() {
            return body != null && body.isArray() && !body.isEmpty() ? body.get(0).path("errorCode").asText() : null;
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private volatile String token;

    EmulatorHttp(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    void token(String token) {
        this.token = token;
    }

    Answer get(String path) {
        return send("GET", path, null, Map.of());
    }

    Answer get(String path, Map<String, String> headers) {
        return send("GET", path, null, headers);
    }

    Answer post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    Answer patch(String path, Object body) {
        return send("PATCH", path, body, Map.of());
    }

    Answer put(String path, Object body) {
        return send("PUT", path, body, Map.of());
    }

    Answer delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    Answer query(String soql) {
        return get(V + "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8));
    }

    /** The records of a one-page query. */
    JsonNode records(String soql) {
        Answer a = query(soql);
        if (a.status() != 200) {
            throw new AssertionError("query failed " + a.status() + ": " + a.raw().body());
        }
        return a.body().path("records");
    }

    String idOf(String soql) {
        JsonNode r = records(soql);
        if (r.isEmpty()) {
            throw new AssertionError("no rows for " + soql);
        }
        return r.get(0).path("Id").asText();
    }

    Answer form(String path, Map<String, String> form) {
        String encoded = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)).build();
        return exchange(request);
    }

    Answer send(String method, String path, Object body, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
            if (token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            headers.forEach(b::header);
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", "application/json");
                String text = body instanceof String s ? s : JSON.writeValueAsString(body);
                b.method(method, HttpRequest.BodyPublishers.ofString(text));
            }
            return exchange(b.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer exchange(HttpRequest request) {
        try {
            HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            if (!r.body().isEmpty()) {
                try {
                    body = JSON.readTree(r.body());
                } catch (IOException notJson) {
                    body = null;
                }
            }
            return new Answer(r.statusCode(), r, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
