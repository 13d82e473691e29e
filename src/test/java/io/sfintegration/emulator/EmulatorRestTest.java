package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.sfintegration.emulator.EmulatorHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.sfintegration.emulator.EmulatorHttp.V;
import static io.sfintegration.emulator.EmulatorRulesTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The REST resources, composite, collections, limits, faults and counters, through HTTP only. */
class EmulatorRestTest {

    private static final String JSON_TYPE = "application/json;charset=UTF-8";

    private static SalesforceEmulator emulator;
    private static EmulatorHttp http;

    @BeforeAll
    static void start() {
        emulator = SalesforceEmulator.start(EmulatorConfig.defaults());
        http = new EmulatorHttp(emulator.baseUrl(), emulator.issueAccessToken(EmulatorSeed.ADMIN));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        assertThat(http.post("/__emulator/reset", null).status()).isEqualTo(204);
    }

    // ---- discovery ----

    @Test
    void versionsAndResourceMap() {
        Answer versions = http.get("/services/data");
        assertThat(versions.status()).isEqualTo(200);
        assertThat(versions.header("Content-Type")).isEqualTo(JSON_TYPE);
        List<String> listed = new ArrayList<>();
        versions.body().forEach(v -> listed.add(v.path("version").asText()));
        assertThat(listed).contains("62.0");
        assertThat(versions.body().get(0).path("url").asText()).startsWith("/services/data/v");

        Answer map = http.get(V);
        assertThat(map.status()).isEqualTo(200);
        assertThat(map.body().path("sobjects").asText()).isEqualTo(V + "/sobjects");
        assertThat(map.body().path("query").asText()).isEqualTo(V + "/query");
        assertThat(map.body().has("composite")).isTrue();
        assertThat(map.body().has("limits")).isTrue();
        assertThat(http.get("/services/data/v12.0").status()).isEqualTo(404);
    }

    @Test
    void describeGlobalBasicAndFull() {
        JsonNode global = http.get(V + "/sobjects").body();
        Map<String, String> prefixes = new LinkedHashMap<>();
        global.path("sobjects").forEach(s -> prefixes.put(s.path("name").asText(), s.path("keyPrefix").asText()));
        assertThat(prefixes).containsEntry("User", "005").containsEntry("Profile", "00e").containsEntry("PermissionSet", "0PS")
                .containsEntry("PermissionSetAssignment", "0Pa").containsEntry("Account", "001").containsEntry("Organization", "00D")
                .containsKeys("UserLicense", "PermissionSetLicense", "PermissionSetLicenseAssign", "PermissionSetGroup", "ObjectPermissions",
                        "FieldPermissions", "UserLogin", "SetupAuditTrail", "Contact", "Lead", "Opportunity", "Case");

        Answer basic = http.get(V + "/sobjects/Account");
        assertThat(basic.status()).isEqualTo(200);
        assertThat(basic.body().path("objectDescribe").path("name").asText()).isEqualTo("Account");
        assertThat(basic.body().has("recentItems")).isTrue();

        JsonNode full = http.get(V + "/sobjects/user/describe").body();
        assertThat(full.path("name").asText()).isEqualTo("User");
        List<String> fields = new ArrayList<>();
        full.path("fields").forEach(f -> fields.add(f.path("name").asText()));
        assertThat(fields).contains("Id", "Username", "Email", "ProfileId", "IsActive");

        assertError(http.get(V + "/sobjects/NoSuchObject__c/describe"), 404, "NOT_FOUND");
    }

    // ---- rows ----

    @Test
    void createRetrieveUpdateDelete() {
        Answer created = http.post(V + "/sobjects/Account", Map.of("Name", "Acme", "industry", "Energy"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Content-Type")).isEqualTo(JSON_TYPE);
        String id = created.body().path("id").asText();
        assertThat(id).hasSize(18).startsWith("001");
        assertThat(created.body().path("success").asBoolean()).isTrue();

        JsonNode row = http.get(V + "/sobjects/Account/" + id).body();
        assertThat(row.path("Name").asText()).isEqualTo("Acme");
        assertThat(row.path("Industry").asText()).as("field names come back in their own case").isEqualTo("Energy");
        assertThat(row.path("attributes").path("type").asText()).isEqualTo("Account");
        assertThat(row.path("attributes").path("url").asText()).isEqualTo(V + "/sobjects/Account/" + id);
        assertThat(http.get(V + "/sobjects/Account/" + id.substring(0, 15)).status()).as("15-char ids work too").isEqualTo(200);

        JsonNode some = http.get(V + "/sobjects/Account/" + id + "?fields=Name").body();
        assertThat(some.has("Name")).isTrue();
        assertThat(some.has("Industry")).isFalse();

        assertThat(http.patch(V + "/sobjects/Account/" + id, Map.of("Phone", "555")).status()).isEqualTo(204);
        assertThat(http.get(V + "/sobjects/Account/" + id).body().path("Phone").asText()).isEqualTo("555");
        assertError(http.patch(V + "/sobjects/Account/" + id, Map.of("NoSuchField__c", "x")), 400, "INVALID_FIELD");

        assertThat(http.delete(V + "/sobjects/Account/" + id).status()).isEqualTo(204);
        assertError(http.get(V + "/sobjects/Account/" + id), 404, "NOT_FOUND");
        assertThat(http.records("SELECT Id FROM Account WHERE Id = '" + id + "'")).isEmpty();
        assertThat(http.get(V + "/queryAll?q=" + java.net.URLEncoder.encode("SELECT Id, IsDeleted FROM Account WHERE Id = '" + id + "'",
                java.nio.charset.StandardCharsets.UTF_8)).body().path("totalSize").asInt()).as("queryAll sees deleted rows").isEqualTo(1);
    }

    @Test
    void malformedBodiesAndQueriesGetProperErrors() {
        assertError(http.send("POST", V + "/sobjects/Account", "{not json", Map.of()), 400, "JSON_PARSER_ERROR");
        assertError(http.query("SELEKT Id FROM Account"), 400, "MALFORMED_QUERY");
        assertError(http.query("SELECT Nope FROM Account"), 400, "INVALID_FIELD");
        assertError(http.query("SELECT Id FROM Nope__c"), 400, "INVALID_TYPE");
    }

    // ---- query paging ----

    @Test
    void queryPagesThroughNextRecordsUrl() {
        createAccounts(2500);
        Answer first = http.query("SELECT Id, Name FROM Account ORDER BY Name");
        assertThat(first.body().path("totalSize").asInt()).isEqualTo(2500);
        assertThat(first.body().path("done").asBoolean()).isFalse();
        assertThat(first.body().path("records").size()).isEqualTo(2000);
        Set<String> ids = new HashSet<>();
        first.body().path("records").forEach(r -> ids.add(r.path("Id").asText()));
        String next = first.body().path("nextRecordsUrl").asText();
        assertThat(next).startsWith(V + "/query/01g");

        Answer second = http.get(next);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().path("done").asBoolean()).isTrue();
        assertThat(second.body().has("nextRecordsUrl")).isFalse();
        second.body().path("records").forEach(r -> ids.add(r.path("Id").asText()));
        assertThat(ids).hasSize(2500);

        // batchSize=500 gives five pages
        int pages = 0;
        Set<String> batched = new HashSet<>();
        Answer page = http.get(V + "/query?q=SELECT+Id+FROM+Account", Map.of("Sforce-Query-Options", "batchSize=500"));
        while (true) {
            pages++;
            assertThat(page.body().path("records").size()).isEqualTo(500);
            page.body().path("records").forEach(r -> batched.add(r.path("Id").asText()));
            if (page.body().path("done").asBoolean()) {
                break;
            }
            page = http.get(page.body().path("nextRecordsUrl").asText());
        }
        assertThat(pages).isEqualTo(5);
        assertThat(batched).hasSize(2500);
        assertError(http.get(V + "/query/01gNOSUCHLOCATOR-2000"), 400, "INVALID_QUERY_LOCATOR");

        assertThat(http.query("SELECT COUNT() FROM Account").body().path("totalSize").asInt()).isEqualTo(2500);
    }

    // ---- composite ----

    @Test
    void compositeResolvesReferences() {
        Map<String, Object> body = Map.of("compositeRequest", List.of(
                Map.of("method", "POST", "url", V + "/sobjects/Account", "referenceId", "acct", "body", Map.of("Name", "Parent Co")),
                Map.of("method", "POST", "url", V + "/sobjects/Contact", "referenceId", "contact",
                        "body", Map.of("LastName", "Smith", "AccountId", "@{acct.id}")),
                Map.of("method", "GET", "url", V + "/sobjects/Contact/@{contact.id}", "referenceId", "read"),
                Map.of("method", "GET", "url", V + "/query?q=SELECT+Id,Account.Name+FROM+Contact+WHERE+Id='@{contact.id}'", "referenceId", "q")));
        Answer a = http.post(V + "/composite", body);
        assertThat(a.status()).isEqualTo(200);
        JsonNode responses = a.body().path("compositeResponse");
        assertThat(responses).hasSize(4);
        assertThat(responses.get(0).path("httpStatusCode").asInt()).isEqualTo(201);
        String accountId = responses.get(0).path("body").path("id").asText();
        assertThat(responses.get(2).path("body").path("AccountId").asText()).isEqualTo(accountId);
        assertThat(responses.get(3).path("body").path("records").get(0).path("Account").path("Name").asText()).isEqualTo("Parent Co");
        assertThat(responses.get(3).path("referenceId").asText()).isEqualTo("q");
    }

    @Test
    void compositeAllOrNoneRollsBackEverything() {
        Map<String, Object> body = Map.of("allOrNone", true, "compositeRequest", List.of(
                Map.of("method", "POST", "url", V + "/sobjects/Account", "referenceId", "good", "body", Map.of("Name", "Rolled Back Co")),
                Map.of("method", "POST", "url", V + "/sobjects/Account", "referenceId", "bad", "body", Map.of("Phone", "no name")),
                Map.of("method", "POST", "url", V + "/sobjects/Account", "referenceId", "after", "body", Map.of("Name", "Never Co"))));
        JsonNode responses = http.post(V + "/composite", body).body().path("compositeResponse");
        assertThat(responses).hasSize(3);
        assertThat(responses.get(1).path("httpStatusCode").asInt()).isEqualTo(400);
        assertThat(responses.get(1).path("body").get(0).path("errorCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(responses.get(0).path("body").get(0).path("errorCode").asText()).isEqualTo("PROCESSING_HALTED");
        assertThat(responses.get(2).path("body").get(0).path("errorCode").asText()).isEqualTo("PROCESSING_HALTED");
        assertThat(http.records("SELECT Id FROM Account")).isEmpty();

        // without allOrNone the good ones stay
        Map<String, Object> partial = new LinkedHashMap<>(body);
        partial.put("allOrNone", false);
        http.post(V + "/composite", partial);
        assertThat(http.records("SELECT Name FROM Account ORDER BY Name")).hasSize(2);
    }

    @Test
    void compositeRunsCollectionsAndIndexesTheirResults() {
        Map<String, Object> accounts = Map.of("allOrNone", false, "records", List.of(
                Map.of("attributes", Map.of("type", "Account"), "Name", "First Co"),
                Map.of("attributes", Map.of("type", "Account"), "Phone", "no name"),
                Map.of("attributes", Map.of("type", "Account"), "Name", "Third Co")));
        Map<String, Object> goodContacts = Map.of("allOrNone", false, "records", List.of(
                Map.of("attributes", Map.of("type", "Contact"), "LastName", "One", "AccountId", "@{accounts[0].id}"),
                Map.of("attributes", Map.of("type", "Contact"), "LastName", "Three", "AccountId", "@{accounts[2].id}")));
        Map<String, Object> badContacts = Map.of("allOrNone", false, "records", List.of(
                Map.of("attributes", Map.of("type", "Contact"), "LastName", "Two", "AccountId", "@{accounts[1].id}")));
        JsonNode responses = http.post(V + "/composite", Map.of("compositeRequest", List.of(
                Map.of("method", "POST", "url", V + "/composite/sobjects", "referenceId", "accounts", "body", accounts),
                Map.of("method", "POST", "url", V + "/composite/sobjects", "referenceId", "good", "body", goodContacts),
                Map.of("method", "POST", "url", V + "/composite/sobjects", "referenceId", "bad", "body", badContacts))))
                .body().path("compositeResponse");

        assertThat(responses.get(0).path("httpStatusCode").asInt()).isEqualTo(200);
        assertThat(responses.get(0).path("body")).extracting(r -> r.path("success").asBoolean()).containsExactly(true, false, true);
        assertThat(responses.get(1).path("body")).extracting(r -> r.path("success").asBoolean()).containsExactly(true, true);
        // a reference to the record that failed fails its whole subrequest
        assertThat(responses.get(2).path("httpStatusCode").asInt()).isEqualTo(400);
        assertThat(responses.get(2).path("body").get(0).path("message").asText()).contains("accounts[1].id");
        assertThat(http.records("SELECT LastName, Account.Name FROM Contact ORDER BY LastName"))
                .extracting(r -> r.path("LastName").asText() + "@" + r.path("Account").path("Name").asText())
                .containsExactly("One@First Co", "Three@Third Co");
    }

    @Test
    void compositeLimitsAreEnforced() {
        List<Map<String, Object>> queries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            queries.add(Map.of("method", "GET", "url", V + "/query?q=SELECT+Id+FROM+Account", "referenceId", "q" + i));
        }
        Answer tooManyQueries = http.post(V + "/composite", Map.of("compositeRequest", queries));
        assertThat(tooManyQueries.status()).isEqualTo(400);
        assertThat(tooManyQueries.errorCode()).isNotBlank();

        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            many.add(Map.of("method", "GET", "url", V + "/limits", "referenceId", "l" + i));
        }
        Answer tooMany = http.post(V + "/composite", Map.of("compositeRequest", many));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.errorCode()).isNotBlank();

        assertThat(http.post(V + "/composite", Map.of("compositeRequest", many.subList(0, 25))).status()).isEqualTo(200);
        assertThat(http.post(V + "/composite", Map.of("compositeRequest", queries.subList(0, 5))).status()).isEqualTo(200);

        // sObject collections count with the queries: at most 5 of both together
        List<Map<String, Object>> mixed = new ArrayList<>(queries.subList(0, 4));
        for (int i = 0; i < 2; i++) {
            mixed.add(Map.of("method", "POST", "url", V + "/composite/sobjects", "referenceId", "c" + i, "body",
                    Map.of("records", List.of(Map.of("attributes", Map.of("type", "Account"), "Name", "Limit " + i)))));
        }
        Answer tooManyCollections = http.post(V + "/composite", Map.of("compositeRequest", mixed));
        assertThat(tooManyCollections.status()).isEqualTo(400);
        assertThat(tooManyCollections.errorCode()).isEqualTo("LIMIT_EXCEEDED");
    }

    // ---- collections ----

    @Test
    void collectionsReportPerRecordResults() {
        List<Map<String, Object>> records = List.of(account("One"), Map.of("attributes", Map.of("type", "Account"), "Phone", "1"), account("Three"));
        JsonNode results = http.post(V + "/composite/sobjects", Map.of("allOrNone", false, "records", records)).body();
        assertThat(results).hasSize(3);
        assertThat(results.get(0).path("success").asBoolean()).isTrue();
        assertThat(results.get(0).path("id").asText()).startsWith("001").hasSize(18);
        assertThat(results.get(1).path("success").asBoolean()).isFalse();
        assertThat(results.get(1).path("errors").get(0).path("statusCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(results.get(2).path("success").asBoolean()).isTrue();
        assertThat(http.records("SELECT Id FROM Account")).hasSize(2);

        // update and delete in collections
        String first = results.get(0).path("id").asText();
        JsonNode updated = http.patch(V + "/composite/sobjects", Map.of("records",
                List.of(Map.of("attributes", Map.of("type", "Account"), "id", first, "Phone", "42")))).body();
        assertThat(updated.get(0).path("success").asBoolean()).isTrue();
        assertThat(http.get(V + "/sobjects/Account/" + first).body().path("Phone").asText()).isEqualTo("42");
        JsonNode deleted = http.delete(V + "/composite/sobjects?ids=" + first + "," + results.get(2).path("id").asText()).body();
        assertThat(deleted).hasSize(2);
        assertThat(http.records("SELECT Id FROM Account")).isEmpty();
    }

    @Test
    void collectionsAllOrNoneRollsBack() {
        List<Map<String, Object>> records = List.of(account("One"), Map.of("attributes", Map.of("type", "Account"), "Phone", "1"));
        JsonNode results = http.post(V + "/composite/sobjects", Map.of("allOrNone", true, "records", records)).body();
        assertThat(results.get(0).path("success").asBoolean()).isFalse();
        assertThat(results.get(0).path("errors").get(0).path("statusCode").asText()).isEqualTo("ALL_OR_NONE_OPERATION_ROLLED_BACK");
        assertThat(results.get(1).path("errors").get(0).path("statusCode").asText()).isEqualTo("REQUIRED_FIELD_MISSING");
        assertThat(http.records("SELECT Id FROM Account")).isEmpty();

        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            tooMany.add(account("A" + i));
        }
        assertError(http.post(V + "/composite/sobjects", Map.of("records", tooMany)), 400, "EXCEEDED_ID_LIMIT");
    }

    // ---- limits and headers ----

    @Test
    void limitsAndLimitInfoHeaderOnEveryRestAnswer() {
        Answer limits = http.get(V + "/limits");
        assertThat(limits.body().path("DailyApiRequests").path("Max").asLong()).isEqualTo(115_000);
        long remaining = limits.body().path("DailyApiRequests").path("Remaining").asLong();
        assertThat(remaining).isBetween(114_000L, 115_000L);

        for (Answer a : List.of(http.get(V + "/sobjects"), http.query("SELECT Id FROM User"), http.get(V + "/sobjects/Account/001000000000000AAA"),
                http.post(V + "/sobjects/Account", Map.of()), http.post(V + "/composite/sobjects", Map.of("records", List.of())))) {
            assertThat(a.header("Sforce-Limit-Info")).as(a.raw().uri().toString()).matches("api-usage=\\d+/115000");
            assertThat(a.header("Content-Type")).isEqualTo(JSON_TYPE);
        }
        String before = http.get(V + "/limits").header("Sforce-Limit-Info");
        String after = http.get(V + "/limits").header("Sforce-Limit-Info");
        assertThat(usage(after)).isEqualTo(usage(before) + 1);
    }

    @Test
    void exhaustedAllocationGets403() {
        assertThat(http.put("/__emulator/api-usage", Map.of("used", 100, "max", 100)).status()).isEqualTo(204);
        Answer a = http.query("SELECT Id FROM User");
        assertError(a, 403, "REQUEST_LIMIT_EXCEEDED");
        assertThat(a.header("Sforce-Limit-Info")).isEqualTo("api-usage=100/100");
        http.put("/__emulator/api-usage", Map.of("used", 99, "max", 100));
        assertThat(http.query("SELECT Id FROM User").status()).isEqualTo(200);
        assertError(http.query("SELECT Id FROM User"), 403, "REQUEST_LIMIT_EXCEEDED");
    }

    @Test
    void doubledLeadingSlashIsAccepted() {
        Answer a = http.get("/" + V + "/query?q=SELECT+Id+FROM+User");
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().path("totalSize").asInt()).isEqualTo(2);
        assertThat(http.get("//services/data").status()).isEqualTo(200);
    }

    // ---- faults ----

    @Test
    void injectedServerUnavailable() {
        http.put("/__emulator/faults", Map.of("errorRates", Map.of("SERVER_UNAVAILABLE", 1.0)));
        assertError(http.query("SELECT Id FROM User"), 503, "SERVER_UNAVAILABLE");
        assertThat(http.delete("/__emulator/faults").status()).isEqualTo(204);
        assertThat(http.query("SELECT Id FROM User").status()).isEqualTo(200);
    }

    @Test
    void unableToLockRowHitsWritesOnly() {
        http.put("/__emulator/faults", Map.of("errorRates", Map.of("UNABLE_TO_LOCK_ROW", 1.0)));
        assertThat(http.query("SELECT Id FROM User").status()).isEqualTo(200);
        assertError(http.post(V + "/sobjects/Account", Map.of("Name", "Locked")), 400, "UNABLE_TO_LOCK_ROW");
        http.delete("/__emulator/faults");
        assertThat(http.records("SELECT Id FROM Account")).isEmpty();
    }

    @Test
    void connectionDropClosesWithoutAnswer() {
        http.put("/__emulator/faults", Map.of("errorRates", Map.of("CONNECTION_DROP", 1.0)));
        assertThatThrownBy(() -> http.query("SELECT Id FROM User")).isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
        http.delete("/__emulator/faults");
        assertThat(http.query("SELECT Id FROM User").status()).isEqualTo(200);
    }

    @Test
    void connectionDropAfterCommitLosesTheAnswerButKeepsTheWrite() {
        http.put("/__emulator/faults", Map.of("errorRates", Map.of("CONNECTION_DROP_AFTER_COMMIT", 1.0)));
        assertThat(http.query("SELECT Id FROM User").status()).as("reads are answered").isEqualTo(200);
        assertThatThrownBy(() -> http.post(V + "/sobjects/Account", Map.of("Name", "Committed")))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(IOException.class);
        http.delete("/__emulator/faults");
        assertThat(http.records("SELECT Name FROM Account")).extracting(r -> r.path("Name").asText()).containsExactly("Committed");

        http.post("/__emulator/faults/fail-next", Map.of("count", 1, "errorCode", "CONNECTION_DROP_AFTER_COMMIT"));
        assertThat(http.get(V + "/limits").status()).as("fail-next of this kind skips reads").isEqualTo(200);
        assertThatThrownBy(() -> http.post(V + "/sobjects/Account", Map.of("Name", "Second")))
                .isInstanceOf(UncheckedIOException.class);
        assertThat(http.post(V + "/sobjects/Account", Map.of("Name", "Third")).status()).isEqualTo(201);
        assertThat(http.records("SELECT Name FROM Account")).hasSize(3);
    }

    @Test
    void latencyIsAdded() {
        http.put("/__emulator/faults", Map.of("latencyMs", 300));
        long start = System.nanoTime();
        http.query("SELECT Id FROM User");
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(250);
    }

    @Test
    void failNextFailsExactlyThatManyMatchingCalls() {
        assertThat(http.post("/__emulator/faults/fail-next", Map.of("count", 2, "errorCode", "UNABLE_TO_LOCK_ROW", "path", "sobjects/Account")).status())
                .isEqualTo(204);
        assertThat(http.query("SELECT Id FROM User").status()).as("other paths are untouched").isEqualTo(200);
        assertError(http.post(V + "/sobjects/Account", Map.of("Name", "A")), 400, "UNABLE_TO_LOCK_ROW");
        assertError(http.post(V + "/sobjects/Account", Map.of("Name", "A")), 400, "UNABLE_TO_LOCK_ROW");
        assertThat(http.post(V + "/sobjects/Account", Map.of("Name", "A")).status()).isEqualTo(201);

        http.post("/__emulator/faults/fail-next", Map.of("count", 1));
        assertError(http.get(V + "/limits"), 503, "SERVER_UNAVAILABLE");
        assertThat(http.get(V + "/limits").status()).isEqualTo(200);
    }

    // ---- counters and audit trail ----

    @Test
    void countersCountCallsAsSalesforceDoes() {
        http.post("/__emulator/counters/reset", null);
        http.query("SELECT Id FROM User");
        http.post(V + "/composite", Map.of("compositeRequest", List.of(
                Map.of("method", "POST", "url", V + "/sobjects/Account", "referenceId", "a", "body", Map.of("Name", "X")),
                Map.of("method", "GET", "url", V + "/sobjects/Account/@{a.id}", "referenceId", "b"))));
        http.post(V + "/composite/sobjects", Map.of("records", List.of(account("Y"), account("Z"))));
        JsonNode counters = http.get("/__emulator/counters").body();
        assertThat(counters.path("apiCalls").asLong()).isEqualTo(3);
        assertThat(counters.path("writeCalls").asLong()).isEqualTo(2);
        assertThat(counters.path("byResource").path("query").asLong()).isEqualTo(1);
        assertThat(counters.path("byResource").path("composite").asLong()).isEqualTo(1);
        assertThat(counters.path("byResource").path("composite/sobjects").asLong()).isEqualTo(1);
        long afterCalls = usage(http.get(V + "/limits").header("Sforce-Limit-Info"));
        http.form("/services/oauth2/token", Map.of("grant_type", "client_credentials", "client_id", EmulatorConfig.DEFAULT_CLIENT_ID,
                "client_secret", EmulatorConfig.DEFAULT_CLIENT_SECRET));
        assertThat(usage(http.get(V + "/limits").header("Sforce-Limit-Info"))).as("OAuth is not counted").isEqualTo(afterCalls + 1);
    }

    @Test
    void setupChangesLeaveAuditTrailRows() {
        String profileId = http.idOf("SELECT Id FROM Profile WHERE Name = 'Minimum Access - API Only Integrations'");
        String user = http.post(V + "/sobjects/User", EmulatorRulesTest.user("audited@example.com", profileId)).body().path("id").asText();
        String ps = http.post(V + "/sobjects/PermissionSet", Map.of("Name", "Audited", "Label", "Audited")).body().path("id").asText();
        assertThat(http.post(V + "/sobjects/PermissionSetAssignment", Map.of("AssigneeId", user, "PermissionSetId", ps)).status()).isEqualTo(201);
        http.patch(V + "/sobjects/User/" + user, Map.of("IsActive", false));

        JsonNode rows = http.records("SELECT Action, Section, Display, CreatedDate, CreatedBy.Username FROM SetupAuditTrail ORDER BY CreatedDate");
        List<String> actions = new ArrayList<>();
        rows.forEach(r -> actions.add(r.path("Action").asText()));
        assertThat(actions).contains("createduser", "PermSetCreate", "PermSetAssign", "deactivateduser");
        rows.forEach(r -> {
            assertThat(r.path("CreatedBy").path("Username").asText()).isEqualTo(EmulatorSeed.ADMIN);
            assertThat(r.path("CreatedDate").asText()).isNotBlank();
            assertThat(r.path("Display").asText()).isNotBlank();
        });
        Answer forged = http.post(V + "/sobjects/SetupAuditTrail", Map.of("Action", "forged"));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.errorCode()).isIn("CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY", "INVALID_FIELD_FOR_INSERT_UPDATE");
        assertThat(http.records("SELECT Id FROM SetupAuditTrail WHERE Action = 'forged'")).isEmpty();
    }

    // ---- helpers ----

    private static Map<String, Object> account(String name) {
        return Map.of("attributes", Map.of("type", "Account"), "Name", name);
    }

    private static void createAccounts(int count) {
        for (int start = 0; start < count; start += 200) {
            List<Map<String, Object>> chunk = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + 200); i++) {
                chunk.add(account(String.format("Account %05d", i)));
            }
            JsonNode results = http.post(V + "/composite/sobjects", Map.of("allOrNone", true, "records", chunk)).body();
            results.forEach(r -> assertThat(r.path("success").asBoolean()).as(r.toString()).isTrue());
        }
    }

    private static long usage(String limitInfo) {
        return Long.parseLong(limitInfo.replaceAll("api-usage=(\\d+)/\\d+", "$1"));
    }
}
