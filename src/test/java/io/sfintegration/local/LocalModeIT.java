package io.sfintegration.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Local mode as a user runs it: the packaged application in its own process, driven by the real kubectl with the
 * sample resources from deploy/examples, checked in the emulated org over its REST API.
 */
class LocalModeIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static LocalModeProcess local;
    static Path dir;
    static int salesforcePort;
    static int httpPort;
    static double startupSeconds;

    @BeforeAll
    static void startLocalMode() throws Exception {
        Assumptions.assumeTrue(Files.exists(LocalModeProcess.jar()), "the packaged application is missing: run ./mvnw verify");
        long started = System.nanoTime();
        local = LocalModeProcess.start(Map.of());
        startupSeconds = (System.nanoTime() - started) / 1e9;
        dir = local.dir;
        salesforcePort = local.salesforcePort;
        httpPort = local.httpPort;
        System.out.printf("local mode start-up to ready: %.1f s%n", startupSeconds);
    }

    @AfterAll
    static void stop() throws Exception {
        if (local != null) {
            local.close();
        }
    }

    @Test
    void driftApiIsOpenWithoutATokenOnLoopbackOnly() throws Exception {
        // the embedded API cannot answer TokenReviews, so local mode turns the check off and listens on 127.0.0.1
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/v1/drift")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).has("driftedCount")).isTrue();
        assertThat(local.output()).contains("sfio.http-api.authorization=none");
    }

    @Test
    void kubectlDrivesIntegrationUsersIntoTheEmulatedOrg() throws Exception {
        assertThat(dir.resolve("kubeconfig")).exists();
        JsonNode salesforce = JSON.readTree(dir.resolve("salesforce.json").toFile());
        assertThat(salesforce.path("instanceUrl").asText()).isEqualTo("http://127.0.0.1:" + salesforcePort);
        assertThat(salesforce.path("orgId").asText()).hasSize(18);
        assertThat(local.output()).doesNotContain(salesforce.path("accessToken").asText());
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")) || onPath("kubectl"),
                "kubectl is not installed: skipping the kubectl walkthrough");

        Path examples = Files.createDirectories(dir.resolve("examples"));
        try (Stream<Path> files = Files.list(Path.of("deploy/examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.writeString(examples.resolve(f.getFileName()), Files.readString(f)
                        .replace("http://127.0.0.1:" + LocalSettings.DEFAULT_SALESFORCE_PORT, "http://127.0.0.1:" + salesforcePort));
            }
        }
        assertThat(kubectl("apply", "-f", examples.toString())).contains("integrationuser.sfintegration.io/erp-sync created");
        // kubectl's imperative create (protobuf bodies) and wait (an HTTP watch) work as against a cluster
        assertThat(kubectl("create", "secret", "generic", "org-b-token", "--from-literal=token=not-a-token"))
                .contains("secret/org-b-token created");
        assertThat(kubectl("wait", "--for=condition=Ready", "iu/erp-sync", "--timeout=60s"))
                .contains("integrationuser.sfintegration.io/erp-sync condition met");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode all = JSON.readTree(kubectl("get", "salesforce", "-o", "json"));
            // the examples: SalesforceOrg local, ClusterSalesforceOrg shared (category salesforce too), 3 sets, 1 group, 3 users
            assertThat(all.path("items")).hasSize(9);
            for (JsonNode item : all.path("items")) {
                assertThat(readyStatus(item)).as(item.path("kind").asText() + " " + item.path("metadata").path("name").asText()).isEqualTo("True");
            }
        });
        assertThat(kubectl("get", "iu")).contains("erp-sync@acme.example.com").contains("True");
        // the export over the HTTP API (open on loopback in local mode): the org as YAML, the operator's users included
        HttpResponse<String> export = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + httpPort + "/api/v1/export/default/local")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
        assertThat(export.body()).contains("kind: IntegrationUser").contains("username: erp-sync@acme.example.com")
                .contains("managementPolicy: Observe").contains("adoption: IfUnmanaged").doesNotContain(salesforce.path("accessToken").asText());
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/api/v1/export/default/no-such-org")).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);

        SalesforceApi sf = new SalesforceApi(salesforce.path("instanceUrl").asText(), salesforce.path("accessToken").asText());
        JsonNode erp = sf.one("SELECT Id, FirstName, IsActive, Profile.Name FROM User WHERE Username = 'erp-sync@acme.example.com'");
        assertThat(erp.path("Profile").path("Name").asText()).isEqualTo("Minimum Access - API Only Integrations");
        String erpId = erp.path("Id").asText();
        assertThat(sf.query("SELECT Id FROM PermissionSetLicenseAssign WHERE AssigneeId = '" + erpId + "'")).hasSize(1);
        assertThat(sf.query("SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = '" + erpId
                + "' AND PermissionSet.IsOwnedByProfile = false")).extracting(r -> r.path("PermissionSet").path("Name").asText())
                // the installation's ownership marker (README: how the operator decides what it owns) is assigned too
                .filteredOn(name -> !name.startsWith("SFIO_Managed_"))
                .containsExactlyInAnyOrder("Integration_Account_Reader", "Integration_Case_Writer");

        // the billing example's set grants its connected app, Apex classes and custom permission (issue 19)
        assertThat(sf.query("SELECT SetupEntityType FROM SetupEntityAccess WHERE Parent.Name = 'Integration_Billing_App'"))
                .extracting(r -> r.path("SetupEntityType").asText())
                .containsExactlyInAnyOrder("ConnectedApplication", "ApexClass", "ApexClass", "CustomPermission");
        // the billing role groups two sets and mutes View Setup (issue 19): Ready only once Salesforce recalculated it
        JsonNode role = sf.one("SELECT Id, Status FROM PermissionSetGroup WHERE DeveloperName = 'Integration_Billing_Role'");
        assertThat(role.path("Status").asText()).isEqualTo("Updated");
        assertThat(sf.query("SELECT Id FROM PermissionSetGroupComponent WHERE PermissionSetGroupId = '" + role.path("Id").asText() + "'"))
                .as("two sets and the muting set").hasSize(3);

        kubectl("patch", "iu", "erp-sync", "--type=merge", "-p", "{\"spec\":{\"firstName\":\"Enterprise\"}}");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "Enterprise".equals(sf.one("SELECT FirstName FROM User WHERE Id = '" + erpId + "'").path("FirstName").asText()));

        String helpdeskId = sf.one("SELECT Id FROM User WHERE Username = 'helpdesk@acme.example.com'").path("Id").asText();
        kubectl("delete", "iu", "helpdesk");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !sf.one("SELECT IsActive FROM User WHERE Id = '" + helpdeskId + "'").path("IsActive").asBoolean());

        // server-side apply while the operator applies status: firstName, changed by kubectl patch, belongs to
        // kubectl-patch now, so kubectl's apply of the files conflicts until forced; helpdesk is created by the apply
        await().atMost(Duration.ofSeconds(30)).until(() -> !kubectl("get", "iu", "-o", "name").contains("/helpdesk"));
        Path erpFile = examples.resolve("20-integrationuser-erp.yaml");
        String conflict = kubectlFailing("apply", "--server-side", "-f", erpFile.toString());
        System.out.println("kubectl apply --server-side (conflict):\n" + conflict);
        assertThat(conflict).contains("Apply failed with 1 conflict: conflict with \"kubectl-patch\"")
                .contains(": .spec.firstName").contains("--force-conflicts");
        String forced = kubectl("apply", "--server-side", "--force-conflicts", "-f", examples.toString());
        System.out.println("kubectl apply --server-side --force-conflicts:\n" + forced);
        assertThat(forced).contains("integrationuser.sfintegration.io/erp-sync serverside-applied")
                .contains("integrationuser.sfintegration.io/helpdesk serverside-applied");
        // created by the apply: kubectl's Apply entry is the object's first field manager (whether the operator takes
        // the re-created helpdesk back is the ownership rules' business, not server-side apply's)
        assertThat(kubectl("get", "iu", "helpdesk", "-o", "jsonpath={.metadata.managedFields[0].manager}/"
                + "{.metadata.managedFields[0].operation}")).isEqualTo("kubectl/Apply");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "ERP".equals(sf.one("SELECT FirstName FROM User WHERE Id = '" + erpId + "'").path("FirstName").asText()));
        // the columns in the CRD's order, AGE last
        String header = kubectl("get", "iu").lines().findFirst().orElseThrow();
        assertThat(List.of(header.trim().split("\\s+")))
                .containsExactly("NAME", "USERNAME", "USER-ID", "READY", "SYNCED", "DRIFTED", "AGE");
    }

    /** A kubectl command that must fail; its combined output. */
    static String kubectlFailing(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", dir.resolve("kubeconfig").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("kubectl " + String.join(" ", args) + " fails:\n" + out).isNotZero();
        return out;
    }

    static String readyStatus(JsonNode item) {
        for (JsonNode c : item.path("status").path("conditions")) {
            if ("Ready".equals(c.path("type").asText())) {
                return c.path("status").asText();
            }
        }
        return "none";
    }

    static String kubectl(String... args) throws Exception {
        return local.kubectl(args);
    }

    static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    /** Any Salesforce REST client would do: this is the emulator seen from outside, with the token from salesforce.json. */
    record SalesforceApi(String instanceUrl, String token) {
        List<JsonNode> query(String soql) throws Exception {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(instanceUrl
                            + "/services/data/v62.0/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            List<JsonNode> rows = new ArrayList<>();
            JSON.readTree(r.body()).path("records").forEach(rows::add);
            return rows;
        }

        /** The emulator's admin API (not Salesforce's, not counted): {"apiCalls": n, "writeCalls": n, ...}. */
        JsonNode counters() throws Exception {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(instanceUrl
                    + "/__emulator/counters")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return JSON.readTree(r.body());
        }

        JsonNode one(String soql) throws Exception {
            List<JsonNode> rows = query(soql);
            assertThat(rows).as(soql).hasSize(1);
            return rows.get(0);
        }
    }
}
