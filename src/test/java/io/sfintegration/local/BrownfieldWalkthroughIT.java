package io.sfintegration.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's walkthrough "Adopting an existing org" as a user types it: local mode on the brownfield seed, the export
 * command, kubectl apply in Observe, the plans read, one user and its set adopted, converging to least privilege, and
 * the drift report naming the unused users. The Salesforce side is checked over the emulator's REST API.
 */
class BrownfieldWalkthroughIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void exportObservePlanAdoptConverge() throws Exception {
        Assumptions.assumeTrue(Files.exists(LocalModeProcess.jar()), "the packaged application is missing: run ./mvnw verify");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")), "kubectl is not installed");
        try (LocalModeProcess local = LocalModeProcess.start(Map.of("SFIO_LOCAL_SEED", "brownfield"))) {
            JsonNode salesforce = JSON.readTree(local.dir.resolve("salesforce.json").toFile());
            LocalModeIT.SalesforceApi sf = new LocalModeIT.SalesforceApi(salesforce.path("instanceUrl").asText(),
                    salesforce.path("accessToken").asText());
            long writesBefore = writeCalls(sf);

            // export, then apply: every resource observed, every plan empty, nothing written
            Path out = local.dir.resolve("brownfield");
            local.jarCommand("export", "--org", "default/local", "--out", out.toString(),
                    "--trusted-url", "http://127.0.0.1:" + local.salesforcePort);
            assertThat(Files.readString(out.resolve("20-integrationuser-erp-sync.yaml"))).startsWith("#")
                    .contains("System Administrator");
            local.kubectl("apply", "-f", out.toString());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                JsonNode all = JSON.readTree(local.kubectl("get", "iu,sfps", "-o", "json"));
                assertThat(all.path("items").size()).isGreaterThanOrEqualTo(5);
                for (JsonNode item : all.path("items")) {
                    String name = item.path("kind").asText() + " " + item.path("metadata").path("name").asText();
                    assertThat(condition(item, "Ready")).as(name).isEqualTo("True/Observed");
                    assertThat(condition(item, "Planned")).as(name).startsWith("False/");
                }
            });
            assertThat(local.kubectl("get", "iu")).contains("legacy.etl@brownfield.example.com");

            // least privilege written down: the plans say what Manage would do, still nothing written
            local.kubectl("patch", "iu", "legacy-etl", "--type=merge", "-p",
                    "{\"spec\":{\"profile\":\"Minimum Access - API Only Integrations\",\"permissionSetLicenses\":[\"Salesforce API Integration\"]}}");
            local.kubectl("patch", "sfps", "legacy-integration", "--type=merge", "-p", "{\"spec\":{\"userPermissions\":[\"ApiEnabled\"]}}");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(plan(local, "iu", "legacy-etl")).containsExactlyInAnyOrder(
                    "profile: Salesforce API Only System Integrations -> Minimum Access - API Only Integrations",
                    "assign permission set licence Salesforce API Integration"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(plan(local, "sfps", "legacy-integration")).containsExactly(
                    "remove permission ModifyAllData from Legacy_Integration",
                    "remove permission PasswordNeverExpires from Legacy_Integration",
                    "remove permission ViewAllData from Legacy_Integration"));
            assertThat(writeCalls(sf)).as("Observe writes nothing").isEqualTo(writesBefore);

            // adopt deliberately (the export set adoption: IfUnmanaged) and converge
            local.kubectl("patch", "sfps", "legacy-integration", "--type=merge", "-p", "{\"spec\":{\"managementPolicy\":\"Manage\"}}");
            local.kubectl("patch", "iu", "legacy-etl", "--type=merge", "-p", "{\"spec\":{\"managementPolicy\":\"Manage\"}}");
            // kubectl wait reads the condition of whatever generation it finds: wait for Manage's own Ready first
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                for (String resource : List.of("iu/legacy-etl", "sfps/legacy-integration")) {
                    JsonNode item = JSON.readTree(local.kubectl("get", resource, "-o", "json"));
                    assertThat(condition(item, "Ready")).as(resource).startsWith("True/").isNotEqualTo("True/Observed");
                }
            });
            assertThat(local.kubectl("wait", "--for=condition=Planned=False", "iu/legacy-etl", "sfps/legacy-integration", "--timeout=30s"))
                    .contains("condition met");
            JsonNode user = sf.one("SELECT Id, Profile.Name FROM User WHERE Username = 'legacy.etl@brownfield.example.com'");
            assertThat(user.path("Profile").path("Name").asText()).isEqualTo("Minimum Access - API Only Integrations");
            String userId = user.path("Id").asText();
            assertThat(sf.query("SELECT Id FROM PermissionSetLicenseAssign WHERE AssigneeId = '" + userId + "'")).hasSize(1);
            assertThat(sf.one("SELECT PermissionsModifyAllData FROM PermissionSet WHERE Name = 'Legacy_Integration'")
                    .path("PermissionsModifyAllData").asBoolean()).isFalse();
            assertThat(sf.query("SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '" + userId
                    + "' AND PermissionSet.Name = 'Legacy_Integration'")).as("the person's assignment stays").hasSize(1);
            assertThat(sf.one("SELECT Profile.Name FROM User WHERE Username = 'erp.sync@brownfield.example.com'")
                    .path("Profile").path("Name").asText()).as("a user still observed is untouched").isEqualTo("System Administrator");

            // which users to retire: a scan asked for by annotation, then the report and the metrics
            local.kubectl("annotate", "sforg", "local", "sfintegration.io/rescan-drift=now");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                HttpResponse<String> drift = local.get("/api/v1/drift");
                assertThat(drift.statusCode()).isEqualTo(200);
                JsonNode users = JSON.readTree(drift.body()).path("integrationUsers");
                assertThat(users.findValuesAsText("name")).contains("billing-api", "marketing-sync", "legacy-etl");
                for (JsonNode u : users) {
                    boolean expectedUnused = List.of("billing-api", "marketing-sync", "old-reporting").contains(u.path("name").asText());
                    assertThat(u.path("unused").asBoolean()).as(u.toString()).isEqualTo(expectedUnused);
                }
            });
            assertThat(local.get("/q/metrics").body()).contains("sfio_integration_users_unused{namespace=\"default\",org=\"local\"}");
        }
    }

    private static long writeCalls(LocalModeIT.SalesforceApi sf) throws Exception {
        return sf.counters().path("writeCalls").asLong();
    }

    private static String condition(JsonNode item, String type) {
        for (JsonNode c : item.path("status").path("conditions")) {
            if (type.equals(c.path("type").asText())) {
                return c.path("status").asText() + "/" + c.path("reason").asText();
            }
        }
        return "none";
    }

    private static List<String> plan(LocalModeProcess local, String kind, String name) throws Exception {
        JsonNode plan = JSON.readTree(local.kubectl("get", kind, name, "-o", "json")).path("status").path("plan");
        return plan.isMissingNode() ? List.of() : java.util.stream.StreamSupport.stream(plan.spliterator(), false).map(JsonNode::asText).toList();
    }
}
