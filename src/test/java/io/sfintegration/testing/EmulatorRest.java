package io.sfintegration.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sfintegration.emulator.SalesforceEmulator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Looks at and changes the emulated org over its REST API, as a person in Setup (the second admin) or any Salesforce
 * client would: tests assert on these records, never on the emulator's internals.
 */
public final class EmulatorRest {

    public static final String SETUP_ADMIN = "setup.admin@emulator.example.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SalesforceEmulator emulator;
    private final HttpClient http = HttpClient.newHttpClient();
    private volatile String token;

    public EmulatorRest(SalesforceEmulator emulator) {
        this.emulator = emulator;
        this.token = emulator.issueAccessToken(SETUP_ADMIN);
    }

    public List<JsonNode> query(String soql) {
        List<JsonNode> rows = new ArrayList<>();
        JsonNode page = get("/services/data/v62.0/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8));
        while (true) {
            page.path("records").forEach(rows::add);
            if (page.path("done").asBoolean(true)) {
                return rows;
            }
            page = get(page.path("nextRecordsUrl").asText());
        }
    }

    public JsonNode one(String soql) {
        List<JsonNode> rows = query(soql);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row for " + soql + " but got " + rows.size());
        }
        return rows.get(0);
    }

    public String create(String type, Map<String, Object> fields) {
        JsonNode r = send("POST", "/services/data/v62.0/sobjects/" + type, fields);
        if (!r.path("success").asBoolean(false)) {
            throw new AssertionError("create " + type + " failed: " + r);
        }
        return r.path("id").asText();
    }

    /** A user a person makes in Setup, on the API-only integration profile; returns its id. */
    public String createApiOnlyUser(String username, String lastName, String email, String alias) {
        String profileId = one("SELECT Id FROM Profile WHERE Name = 'Minimum Access - API Only Integrations'").path("Id").asText();
        return create("User", Map.of("Username", username, "LastName", lastName, "Email", email, "Alias", alias,
                "TimeZoneSidKey", "America/Los_Angeles", "LocaleSidKey", "en_US", "EmailEncodingKey", "UTF-8",
                "LanguageLocaleKey", "en_US", "ProfileId", profileId));
    }

    public void update(String type, String id, Map<String, Object> fields) {
        send("PATCH", "/services/data/v62.0/sobjects/" + type + "/" + id, fields);
    }

    public void delete(String type, String id) {
        send("DELETE", "/services/data/v62.0/sobjects/" + type + "/" + id, null);
    }

    /** {"apiCalls": n, "writeCalls": n, ...} from the emulator's admin API (not counted as API calls). */
    public JsonNode counters() {
        return call(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/__emulator/counters")).GET().build());
    }

    public long apiCalls() {
        return counters().path("apiCalls").asLong();
    }

    public long writeCalls() {
        return counters().path("writeCalls").asLong();
    }

    /** A busy org's background activity through the admin API (all zero: quiet again). */
    public void activity(double loginsPerMinute, double userEditsPerMinute, double setupChangesPerMinute) {
        admin("PUT", "/__emulator/activity", Map.of("loginsPerMinute", loginsPerMinute, "userEditsPerMinute", userEditsPerMinute,
                "setupChangesPerMinute", setupChangesPerMinute));
    }

    public void admin(String method, String path, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                    .method(method, publisher).header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private JsonNode get(String path) {
        return authorized(() -> call(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path)).header("Authorization", "Bearer " + token).GET().build()));
    }

    /** Like a real client: when the session expired (tests expire every token), log in again once. */
    private JsonNode authorized(java.util.function.Supplier<JsonNode> call) {
        try {
            return call.get();
        } catch (AssertionError e) {
            if (e.getMessage() == null || !e.getMessage().contains("INVALID_SESSION_ID")) {
                throw e;
            }
            token = emulator.issueAccessToken(SETUP_ADMIN);
            return call.get();
        }
    }

    private JsonNode send(String method, String path, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
            return authorized(() -> call(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").method(method, publisher).build()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode call(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 400) {
                throw new AssertionError(request.method() + " " + request.uri().getPath() + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
