package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.sfintegration.emulator.EmulatorHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.sfintegration.emulator.EmulatorHttp.V;
import static io.sfintegration.emulator.EmulatorRulesTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shapes that off-the-shelf clients (the Salesforce CLI, jsforce) rely on, as a real org serves them: versions
 * 31.0 to the newest with release labels, the resources list with the identity URL, columns=true, tooling queries at
 * login, Organization's fields, the limits list and sObject collections retrieve.
 */
class EmulatorClientShapesTest {

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

    @Test
    void everyVersionFromSummer14ToTheNewestWithItsReleaseLabel() {
        JsonNode versions = http.get("/services/data").body();
        List<String> listed = new ArrayList<>();
        versions.forEach(v -> listed.add(v.path("version").asText()));
        assertThat(listed.get(0)).isEqualTo("31.0");
        assertThat(listed.get(listed.size() - 1)).isEqualTo(ApiVersions.LATEST);
        assertThat(listed).hasSize(ApiVersions.NEWEST - 30).contains("51.0", "62.0");
        assertThat(versions.get(0).path("label").asText()).isEqualTo("Summer '14");
        assertThat(versions.get(20).path("label").asText()).isEqualTo("Spring '21");
        assertThat(versions.get(0).path("url").asText()).isEqualTo("/services/data/v31.0");
        // the Salesforce CLI reads the user with v51.0 at login
        assertThat(http.get("/services/data/v51.0/sobjects/User/" + userId()).status()).isEqualTo(200);
        assertThat(http.get("/services/data/latest/limits").status()).isEqualTo(200);
        assertThat(http.get("/services/data/v30.0/limits").status()).isEqualTo(404);
    }

    @Test
    void resourcesListTheRealOnesAndTheIdentityUrl() {
        JsonNode map = http.get(V).body();
        assertThat(map.path("tooling").asText()).isEqualTo(V + "/tooling");
        assertThat(map.path("identity").asText()).isEqualTo(emulator.baseUrl() + "/id/" + emulator.orgId() + "/" + userId());
        assertThat(map.size()).isGreaterThan(40);
        for (String listed : List.of("search", "parameterizedSearch", "recent", "tooling")) {
            assertThat(http.get(V + "/" + listed + (listed.contains("earch") ? "?q=x" : "")).status()).as(listed).isEqualTo(200);
        }
        JsonNode identity = http.get(map.path("identity").asText().substring(emulator.baseUrl().length())).body();
        assertThat(identity.path("username").asText()).isEqualTo(EmulatorSeed.ADMIN);
        assertThat(identity.path("urls").path("rest").asText()).endsWith("/services/data/v{version}/");
    }

    @Test
    void columnsTrueDescribesTheSelectList() {
        JsonNode columns = http.get(V + "/query?columns=true&q=" + enc("SELECT Id, Username, Profile.Name, Profile.UserLicense.Name FROM User")).body();
        assertThat(columns.path("entityName").asText()).isEqualTo("User");
        assertThat(columns.path("idSelected").asBoolean()).isTrue();
        JsonNode list = columns.path("columnMetadata");
        assertThat(list).hasSize(3);
        assertThat(list.get(1).path("columnName").asText()).isEqualTo("Username");
        JsonNode profile = list.get(2);
        assertThat(profile.path("columnName").asText()).isEqualTo("Profile");
        assertThat(profile.path("joinColumns")).hasSize(2);
        assertThat(profile.path("joinColumns").get(1).path("joinColumns").get(0).path("displayName").asText()).isEqualTo("Profile.UserLicense.Name");
        JsonNode count = http.get(V + "/query?columns=true&q=" + enc("SELECT COUNT(Id) FROM User")).body().path("columnMetadata").get(0);
        assertThat(count.path("columnName").asText()).isEqualTo("expr0");
        assertThat(count.path("aggregate").asBoolean()).isTrue();
    }

    @Test
    void organizationAndToolingAnswerWhatTheCliAsksAtLogin() {
        JsonNode org = http.get(V + "/query?q=" + enc("SELECT Name, InstanceName, IsSandbox, TrialExpirationDate, NamespacePrefix, OrganizationType FROM Organization"))
                .body().path("records").get(0);
        assertThat(org.has("TrialExpirationDate")).isTrue();
        assertThat(org.path("NamespacePrefix").isNull()).isTrue();
        assertThat(org.path("IsSandbox").asBoolean(true)).isFalse();
        JsonNode sandboxes = http.get(V + "/tooling/query?q=" + enc("SELECT Id FROM SandboxProcess WHERE SandboxOrganization = '00D'")).body();
        assertThat(sandboxes.path("size").asInt(-1)).isZero();
        assertThat(sandboxes.path("entityTypeName").asText()).isEqualTo("SandboxProcess");
        assertError(http.get(V + "/tooling/query?q=" + enc("SELECT Id FROM NoSuchToolingThing")), 400, "INVALID_TYPE");
    }

    @Test
    void limitsListWhatARealOrgLists() {
        JsonNode limits = http.get(V + "/limits").body();
        assertThat(limits.size()).isGreaterThan(40);
        assertThat(limits.path("DailyApiRequests").path("Max").asLong()).isPositive();
        assertThat(limits.has("DailyBulkV2QueryJobs")).isTrue();
        assertThat(limits.has("SingleEmail")).isTrue();
    }

    @Test
    void collectionsRetrieveWithGetAndPost() {
        String a = http.post(V + "/sobjects/Account", Map.of("Name", "Retrieve A")).body().path("id").asText();
        String b = http.post(V + "/sobjects/Account", Map.of("Name", "Retrieve B")).body().path("id").asText();
        JsonNode viaGet = http.get(V + "/composite/sobjects/Account?ids=" + a + "," + b + ",001000000000000AAA&fields=Id,Name").body();
        assertThat(viaGet).hasSize(3);
        assertThat(viaGet.get(1).path("Name").asText()).isEqualTo("Retrieve B");
        assertThat(viaGet.get(2).isNull()).isTrue();
        JsonNode viaPost = http.post(V + "/composite/sobjects/Account", Map.of("ids", List.of(a), "fields", List.of("Name"))).body();
        assertThat(viaPost.get(0).path("Name").asText()).isEqualTo("Retrieve A");
        assertError(http.get(V + "/composite/sobjects/Account?ids=" + a + "&fields=Nope"), 400, "INVALID_FIELD");
    }

    @Test
    void invalidIdsFieldsAndQueriesAreAnsweredWithRealCodes() {
        Answer notAnId = http.get(V + "/sobjects/Account/not-an-id");
        assertError(notAnId, 404, "NOT_FOUND");
        assertThat(notAnId.body().get(0).path("message").asText()).isEqualTo("Provided external ID field does not exist or is not accessible: not-an-id");
        assertError(http.get(V + "/sobjects/Account/001000000000000AAA"), 404, "NOT_FOUND");
        assertError(http.post(V + "/sobjects/Account", Map.of("Name", "x", "Nope__c", 1)), 400, "INVALID_FIELD");
        assertError(http.post(V + "/sobjects/Contact", Map.of("LastName", "x", "AccountId", "bogus")), 400, "MALFORMED_ID");
        assertError(http.get(V + "/query?q=" + enc("SELECT Id FROM")), 400, "MALFORMED_QUERY");
        assertError(http.get(V + "/query?q=" + enc("SELECT Nope FROM Account")), 400, "INVALID_FIELD");
        assertError(http.get(V + "/query?q=" + enc("SELECT Id FROM Nope")), 400, "INVALID_TYPE");
    }

    private static String userId() {
        return http.get(V + "/query?q=" + enc("SELECT Id FROM User WHERE Username = '" + EmulatorSeed.ADMIN + "'")).body().path("records").get(0).path("Id").asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
