package io.sfintegration.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfintegration.api.v1alpha1.AssignedPermissionSet;
import io.sfintegration.api.v1alpha1.ConditionedStatus;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.IntegrationUserStatus;
import io.sfintegration.api.v1alpha1.OrgAuth;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetStatus;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.api.v1alpha1.SalesforceOrgSpec;
import io.sfintegration.api.v1alpha1.SalesforceOrgStatus;
import io.sfintegration.api.v1alpha1.SecretKeyRef;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.ResyncRequests;
import io.sfintegration.drift.DriftReport;
import io.sfintegration.drift.DriftScanSettings;
import io.sfintegration.drift.DriftScanner;
import io.sfintegration.drift.ScanOutcome;
import io.sfintegration.drift.ScanResult;
import io.sfintegration.emulator.EmulatorConfig;
import io.sfintegration.emulator.OrgActivity;
import io.sfintegration.emulator.SalesforceEmulator;
import io.sfintegration.salesforce.SalesforceClients;
import io.sfintegration.testing.EmulatorRest;
import io.sfintegration.testing.Resources;
import io.sfintegration.testing.TestClients;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7's figures: Salesforce API calls per drift scan and per day for 10, 1,000 and 10,000 managed users with 100
 * managed permission sets. The Salesforce side is created in bulk over the emulator's REST API (sObject collections of
 * 200), the resources directly in the mock Kubernetes API with the status a controller would have written (no
 * reconcile runs). Targets: a full scan of 10,000 users costs at most 30 calls; a scan that finds nothing changed costs
 * at most 1 call per org.
 */
@Tag("benchmark")
class DriftScanBenchmark {

    static final String NAMESPACE = "bench";
    static final String ORG = "bench-org";
    static final int PERMISSION_SETS = 100;
    static final int SCANS_PER_DAY = 144;   // spec.drift.interval 10m
    static final int FULL_READ_EVERY = 6;
    /** A busy org's background (per minute): logins of integrations and people, people's edits, setup changes. */
    static final int BUSY_LOGINS_PER_MINUTE = 1200;
    static final int BUSY_USER_EDITS_PER_MINUTE = 300;
    static final int BUSY_SETUP_CHANGES_PER_MINUTE = 600;

    @Test
    void apiCallsPerScanAndPerDay() throws Exception {
        BenchReport report = new BenchReport("drift-scan")
                .context("permission sets", PERMISSION_SETS)
                .context("assignments per user", "1 permission set licence, 2 permission sets")
                .context("interval", "10m (144 scans a day), full read at least every " + FULL_READ_EVERY + " scans")
                .context("quiet day", "24 full reads + 120 one-call probes; busy day: a change before every scan (144 full reads)")
                .context("busy org", BUSY_LOGINS_PER_MINUTE + " logins, " + BUSY_USER_EDITS_PER_MINUTE + " user edits, "
                        + BUSY_SETUP_CHANGES_PER_MINUTE + " setup changes per minute, none to managed records");
        // -Ddrift.bench.sizes=10,1000 for a shorter run: on 2 shared cores the 10,000 row took ~4.5 minutes (seeding the
        // emulator ~2, creating 10,100 resources in the mock API ~1, three scans ~1)
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String size : System.getProperty("drift.bench.sizes", "10,1000,10000").split(",")) {
            int users = Integer.parseInt(size.trim());
            Map<String, Object> row = measure(users);
            report.row(row);
            rows.add(row);
        }
        report.publish();
        // after publishing, so the figures of a run that misses a target are still there to look at
        for (Map<String, Object> row : rows) {
            DriftScanTargets.require((Integer) row.get("users"), 1, (Long) row.get("full scan calls"), (Long) row.get("no-change scan calls"));
        }
    }

    private Map<String, Object> measure(int users) throws Exception {
        // seats: the emulated org must have at least users + 1 Salesforce Integration licences (see Bulk.seed's message)
        try (SalesforceEmulator emulator = SalesforceEmulator.start(EmulatorConfig.builder()
                .seed(io.sfintegration.emulator.EmulatorSeed.defaults().withIntegrationSeats(users + 10)).dailyApiMax(10_000_000).build());
             Kube kube = new Kube()) {
            Bulk sf = new Bulk(emulator);
            long seedStart = System.nanoTime();
            Seeded seeded = sf.seed(users);
            long seedMillis = (System.nanoTime() - seedStart) / 1_000_000;

            KubernetesClient client = kube.client;
            createOrg(client, emulator);
            long k8sStart = System.nanoTime();
            createResources(client, seeded);
            long k8sMillis = (System.nanoTime() - k8sStart) / 1_000_000;
            progress(users, "created " + (users + PERMISSION_SETS) + " resources in the mock Kubernetes API in " + k8sMillis + " ms"
                    + " (Salesforce side seeded in " + seedMillis + " ms)");
            // the same list request the scanner makes, timed on its own
            long listStart = System.nanoTime();
            int listed = client.resources(IntegrationUser.class).inNamespace(NAMESPACE).list().getItems().size();
            long listMillis = (System.nanoTime() - listStart) / 1_000_000;
            assertThat(listed).isEqualTo(users);

            SalesforceClients clients = TestClients.create(client, emulator.baseUrl());
            Clock clock = Clock.systemUTC();
            DriftScanner scanner = new DriftScanner(client, clients, new OrgCatalog(clock), new ResyncRequests(),
                    new EventRecorder(client, clock), new SimpleMeterRegistry(), clock,
                    DriftScanSettings.defaults().withFullReadEvery(FULL_READ_EVERY), new DriftReport());
            EmulatorRest person = new EmulatorRest(emulator);

            long before = person.apiCalls();
            long firstStart = System.nanoTime();
            ScanResult first = scanner.scanNow(NAMESPACE, ORG);
            long firstMillis = (System.nanoTime() - firstStart) / 1_000_000;
            long firstCounted = person.apiCalls() - before;
            progress(users, "first scan: " + firstCounted + " calls, " + firstMillis + " ms");
            assertThat(first.outcome()).as(first.toString()).isEqualTo(ScanOutcome.FULL);
            assertThat(first.resourcesChecked()).isEqualTo(users + PERMISSION_SETS);
            assertThat(first.drifted()).as("nothing differs after seeding").isZero();

            Thread.sleep(1_100);   // SetupAuditTrail and SystemModstamp have second precision
            before = person.apiCalls();
            ScanResult quiet = scanner.scanNow(NAMESPACE, ORG);
            long quietCounted = person.apiCalls() - before;
            progress(users, "no-change scan: " + quietCounted + " calls");
            assertThat(quiet.outcome()).isEqualTo(ScanOutcome.SKIPPED);

            // a busy org (issue 17): logins of every user, the operator's included, people editing people, admins
            // changing unrelated setup; nothing the operator manages changes, so the scan should still cost one call
            person.activity(BUSY_LOGINS_PER_MINUTE, BUSY_USER_EDITS_PER_MINUTE, BUSY_SETUP_CHANGES_PER_MINUTE);
            // at least one change to the sales team's permission set (every fifth setup change) and logins of managed users
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
                OrgActivity.Counts c = emulator.activity().counts();
                return c.logins() >= 20 && c.userEdits() >= 5 && c.setupChanges() >= 10;
            });
            OrgActivity.Counts busyCounts = emulator.activity().counts();
            before = person.apiCalls();
            ScanResult busy = scanner.scanNow(NAMESPACE, ORG);
            long busyCounted = person.apiCalls() - before;
            progress(users, "busy-org no-change scan: " + busyCounted + " calls, " + busy.outcome() + " (after " + busyCounts + ")");
            assertThat(busy.drifted()).as("background activity is not drift").isZero();

            // a person changes one user: the next scan reads everything and finds it
            person.update("User", seeded.userIds.get(users / 2), Map.of("LastName", "Changed by hand"));
            Thread.sleep(1_100);
            before = person.apiCalls();
            CallBreakdown fullBreakdown = new CallBreakdown(person);
            long scanStart = System.nanoTime();
            ScanResult changed = scanner.scanNow(NAMESPACE, ORG);
            long fullMillis = (System.nanoTime() - scanStart) / 1_000_000;
            long fullCounted = person.apiCalls() - before;
            String fullByResource = fullBreakdown.sinceStart();
            progress(users, "full scan after a change: " + fullCounted + " calls (" + fullByResource + "), " + fullMillis + " ms");
            assertThat(changed.outcome()).isEqualTo(ScanOutcome.FULL);
            assertThat(changed.drifted()).as("a real change is found in the busy org").isEqualTo(1);
            scanner.close();
            person.activity(0, 0, 0);

            long perDayQuiet = 24 * fullCounted + 120 * quietCounted;
            long perDayBusy = SCANS_PER_DAY * fullCounted;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("users", users);
            row.put("permission sets", PERMISSION_SETS);
            row.put("first scan calls", firstCounted);
            row.put("full scan calls", fullCounted);
            row.put("no-change scan calls", quietCounted);
            row.put("busy-org no-change scan calls", busyCounted);
            row.put("busy-org no-change scan outcome", busy.outcome().toString());
            row.put("full scan calls by resource", fullByResource);
            row.put("calls/day quiet", perDayQuiet);
            row.put("calls/day busy", perDayBusy);
            row.put("per-resource polling calls/day", (long) (users + PERMISSION_SETS) * SCANS_PER_DAY);
            row.put("full scan ms", fullMillis);
            row.put("first scan ms", firstMillis);
            row.put("k8s list ms", listMillis);
            row.put("seed ms (sf/k8s)", seedMillis + "/" + k8sMillis);
            row.put("targets met", DriftScanTargets.misses(users, 1, fullCounted, quietCounted).isEmpty());
            assertThat(changed.apiCalls()).as("the scanner's own count agrees with the emulator's").isEqualTo(fullCounted);
            return row;
        }
    }

    private static void progress(int users, String what) {
        System.out.println("[drift-scan " + users + " users] " + what);
    }

    // ---- Kubernetes side ----

    private static void createOrg(KubernetesClient client, SalesforceEmulator emulator) {
        client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName("sf-token").endMetadata()
                .addToStringData("token", emulator.issueAccessToken(emulator.adminUsername())).build()).create();
        SalesforceOrg org = new SalesforceOrg();
        org.getMetadata().setName(ORG);
        org.getMetadata().setNamespace(NAMESPACE);
        SalesforceOrgSpec spec = new SalesforceOrgSpec();
        spec.setInstanceUrl(emulator.baseUrl());
        OrgAuth auth = new OrgAuth();
        auth.setAccessTokenSecretRef(new SecretKeyRef("sf-token", "token"));
        spec.setAuth(auth);
        org.setSpec(spec);
        SalesforceOrg created = client.resource(org).create();
        SalesforceOrgStatus status = new SalesforceOrgStatus();
        settle(client, created, status);
    }

    private static void createResources(KubernetesClient client, Seeded seeded) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < seeded.permissionSetIds.size(); i++) {
                int n = i;
                work.add(pool.submit(() -> {
                    PermissionSet ps = Resources.permissionSet("ps-" + n, Bulk.permissionSetName(n));
                    ps.getMetadata().setNamespace(NAMESPACE);
                    ps.getSpec().getOrgRef().setName(ORG);
                    ps.getSpec().setDescription(null);
                    ps.getSpec().setLabel(Bulk.permissionSetName(n));
                    ps.getSpec().setFieldPermissions(new ArrayList<>());
                    PermissionSetStatus status = new PermissionSetStatus();
                    status.setPermissionSetId(seeded.permissionSetIds.get(n));
                    createSettled(client, ps, status);
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
            work.clear();
            for (int i = 0; i < seeded.userIds.size(); i++) {
                int n = i;
                work.add(pool.submit(() -> {
                    IntegrationUser u = Resources.user("u-" + n, Bulk.username(n), "ps-" + Bulk.firstSet(n), "ps-" + Bulk.secondSet(n));
                    u.getMetadata().setNamespace(NAMESPACE);
                    u.getSpec().getOrgRef().setName(ORG);
                    u.getSpec().setLastName("Bench " + n);
                    u.getSpec().setEmail("owner@acme.example.com");
                    IntegrationUserStatus status = new IntegrationUserStatus();
                    status.setUserId(seeded.userIds.get(n));
                    status.setAssignedPermissionSets(List.of(
                            new AssignedPermissionSet(Bulk.permissionSetName(Bulk.firstSet(n)), seeded.permissionSetIds.get(Bulk.firstSet(n)), null, true),
                            new AssignedPermissionSet(Bulk.permissionSetName(Bulk.secondSet(n)), seeded.permissionSetIds.get(Bulk.secondSet(n)), null, true)));
                    createSettled(client, u, status);
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Creates the resource with the status a controller would write once Salesforce matches generation 1, in one
     * request: the mock API server has no CRD registered, so it treats status as part of the object and keeps it on
     * create (a real API server with the status subresource drops it). Should it ever drop it, the status is written
     * with a second request as before. One request instead of two halves the cost, which grows with the number of
     * stored objects: the mock's CRUD dispatcher finds an object by scanning all of them under one write lock.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void createSettled(KubernetesClient client, io.fabric8.kubernetes.client.CustomResource resource, ConditionedStatus status) {
        long generation = 1;   // what the API server gives a new object
        status.getConditions().add(new ConditionBuilder().withType("Ready").withStatus("True").withReason("Available")
                .withObservedGeneration(generation).build());
        status.setObservedGeneration(generation);
        resource.setStatus(status);
        io.fabric8.kubernetes.client.CustomResource created = (io.fabric8.kubernetes.client.CustomResource) client.resource(resource).create();
        if (created.getStatus() == null || !Long.valueOf(generation).equals(created.getMetadata().getGeneration())) {
            status.getConditions().clear();
            settle(client, created, status);
        }
    }

    /** The status a controller writes once Salesforce matches the resource's current generation. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void settle(KubernetesClient client, io.fabric8.kubernetes.client.CustomResource created, ConditionedStatus status) {
        status.getConditions().add(new ConditionBuilder().withType("Ready").withStatus("True").withReason("Available")
                .withObservedGeneration(created.getMetadata().getGeneration()).build());
        status.setObservedGeneration(created.getMetadata().getGeneration());
        created.setStatus(status);
        client.resource(created).updateStatus();
    }

    private static final class Kube implements AutoCloseable {
        final KubernetesMockServer server;
        final KubernetesClient client;

        Kube() throws IOException {
            server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(List.of()), false);
            server.init(InetAddress.getByName("127.0.0.1"), 0);
            client = server.createClient();
        }

        @Override
        public void close() {
            client.close();
            server.destroy();
        }
    }

    // ---- Salesforce side ----

    record Seeded(List<String> userIds, List<String> permissionSetIds) {
    }

    /** Creates records over the REST API in sObject collections of 200, as the org's admin. */
    static final class Bulk {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final SalesforceEmulator emulator;
        private final EmulatorRest rest;
        private final HttpClient http = HttpClient.newHttpClient();
        private final String token;

        Bulk(SalesforceEmulator emulator) {
            this.emulator = emulator;
            this.rest = new EmulatorRest(emulator);
            this.token = emulator.issueAccessToken(emulator.adminUsername());
        }

        static String username(int n) {
            return "bench" + n + "@acme.example.com";
        }

        static String permissionSetName(int n) {
            return "Bench_Set_" + n;
        }

        static int firstSet(int user) {
            return user % PERMISSION_SETS;
        }

        static int secondSet(int user) {
            return (user + 37) % PERMISSION_SETS;
        }

        Seeded seed(int users) {
            String profileId = rest.one("SELECT Id FROM Profile WHERE Name = 'Minimum Access - API Only Integrations'").path("Id").asText();
            String licenseId = rest.one("SELECT Id FROM PermissionSetLicense WHERE MasterLabel = 'Salesforce API Integration'").path("Id").asText();
            List<Map<String, Object>> sets = new ArrayList<>();
            for (int i = 0; i < PERMISSION_SETS; i++) {
                sets.add(Map.of("attributes", Map.of("type", "PermissionSet"), "Name", permissionSetName(i),
                        "Label", permissionSetName(i), "LicenseId", licenseId));
            }
            List<String> setIds = create(sets);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < PERMISSION_SETS; i++) {
                rows.add(Map.of("attributes", Map.of("type", "ObjectPermissions"), "ParentId", setIds.get(i),
                        "SobjectType", "Account", "PermissionsRead", true));
            }
            create(rows);
            List<Map<String, Object>> people = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                String alias = ("bench" + i);
                people.add(Map.of("attributes", Map.of("type", "User"), "Username", username(i), "LastName", "Bench " + i,
                        "Email", "owner@acme.example.com", "Alias", alias.substring(0, Math.min(8, alias.length())),
                        "TimeZoneSidKey", "America/Los_Angeles", "LocaleSidKey", "en_US", "EmailEncodingKey", "UTF-8",
                        "LanguageLocaleKey", "en_US", "ProfileId", profileId));
            }
            List<String> userIds;
            try {
                userIds = create(people);
            } catch (AssertionError e) {
                throw new AssertionError("seeding " + users + " integration users failed; the emulated org needs that many free"
                        + " Salesforce Integration seats (EmulatorConfig): " + e.getMessage(), e);
            }
            List<Map<String, Object>> assignments = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                assignments.add(Map.of("attributes", Map.of("type", "PermissionSetLicenseAssign"), "AssigneeId", userIds.get(i),
                        "PermissionSetLicenseId", licenseId));
            }
            create(assignments);
            assignments.clear();
            for (int i = 0; i < users; i++) {
                assignments.add(Map.of("attributes", Map.of("type", "PermissionSetAssignment"), "AssigneeId", userIds.get(i),
                        "PermissionSetId", setIds.get(firstSet(i))));
                assignments.add(Map.of("attributes", Map.of("type", "PermissionSetAssignment"), "AssigneeId", userIds.get(i),
                        "PermissionSetId", setIds.get(secondSet(i))));
            }
            create(assignments);
            return new Seeded(userIds, setIds);
        }

        private List<String> create(List<Map<String, Object>> records) {
            List<String> ids = new ArrayList<>();
            for (int from = 0; from < records.size(); from += 200) {
                List<Map<String, Object>> batch = records.subList(from, Math.min(records.size(), from + 200));
                JsonNode results = post("/services/data/v62.0/composite/sobjects", Map.of("allOrNone", true, "records", batch));
                for (JsonNode r : results) {
                    if (!r.path("success").asBoolean(false)) {
                        throw new AssertionError("bulk create failed: " + r);
                    }
                    ids.add(r.path("id").asText());
                }
            }
            return ids;
        }

        private JsonNode post(String path, Object body) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() >= 300) {
                    throw new AssertionError("POST " + path + " answered " + r.statusCode() + ": " + r.body());
                }
                return JSON.readTree(r.body());
            } catch (IOException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
