package io.sfintegration.drift;

import io.sfintegration.testing.MutableClock;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfintegration.api.v1alpha1.AssignedPermissionSet;
import io.sfintegration.api.v1alpha1.ConditionedStatus;
import io.sfintegration.api.v1alpha1.DriftPolicy;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.IntegrationUserSpec;
import io.sfintegration.api.v1alpha1.IntegrationUserStatus;
import io.sfintegration.api.v1alpha1.ObjectPermission;
import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetReference;
import io.sfintegration.api.v1alpha1.PermissionSetSpec;
import io.sfintegration.api.v1alpha1.PermissionSetStatus;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.bench.BenchReport;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.ResyncRequests;
import io.sfintegration.salesforce.Assignment;
import io.sfintegration.salesforce.AuditEntry;
import io.sfintegration.salesforce.ObjectAccess;
import io.sfintegration.salesforce.OrgInventory;
import io.sfintegration.salesforce.PermissionSetFields;
import io.sfintegration.salesforce.PermissionSetState;
import io.sfintegration.salesforce.SalesforceClient;
import io.sfintegration.salesforce.SalesforceClients;
import io.sfintegration.salesforce.SalesforceUser;
import io.sfintegration.salesforce.UserFields;
import io.sfintegration.salesforce.UserLogin;
import io.sfintegration.salesforce.UserState;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.sfintegration.drift.DriftFixture.NS;
import static io.sfintegration.drift.DriftFixture.ORG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7's figures while the emulator is not on main yet: the real scanner against the mock Kubernetes API with 10,
 * 1,000 and 10,000 IntegrationUsers and 100 PermissionSets, and a fake org whose reads cost what the REST client's
 * batching costs (RestSalesforceClient/RestOperations: IN chunks of 500 ids, 4 or 3 queries per composite call,
 * 2,000 records a page, further pages up to 5 per composite call or one GET when a single query still pages; GET
 * /limits once before the first background call; the user-permission describe once). The figures are modelled, not
 * counted by Salesforce; {@code bench/DriftScanBenchmark} measures the same against the emulator.
 */
@Tag("benchmark")
@EnableKubernetesMockClient(crud = true)
class DriftScanCostModelBenchmark {

    static final int PERMISSION_SETS = 100;
    static final int SCANS_PER_DAY = 144;
    static final int FULL_READ_EVERY = 6;

    KubernetesClient kube;

    /** RestOperations.queries: one composite call, then the remaining pages. */
    static long compositeCalls(int... rows) {
        int[] remaining = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            remaining[i] = Math.max(0, (rows[i] + 1999) / 2000 - 1);
        }
        long calls = 1;
        while (true) {
            List<Integer> pending = new ArrayList<>();
            for (int i = 0; i < remaining.length && pending.size() < 5; i++) {
                if (remaining[i] > 0) {
                    pending.add(i);
                }
            }
            if (pending.isEmpty()) {
                return calls;
            }
            calls++;
            pending.forEach(i -> remaining[i]--);
        }
    }

    static final class RestClientCosts implements FakeSalesforceClient.Costs {
        private boolean limitsRead;
        private boolean permissionsDescribed;

        private long limits() {
            if (limitsRead) {
                return 0;
            }
            limitsRead = true;
            return 1;
        }

        @Override
        public long users(int ids, int assignmentRows) {
            long calls = limits();
            int perUser = ids == 0 ? 0 : assignmentRows / ids;
            for (int from = 0; from < ids; from += 500) {
                int n = Math.min(500, ids - from);
                calls += compositeCalls(n, n, n, n * perUser);
            }
            return calls;
        }

        @Override
        public long permissionSets(int names, int objectRows, int fieldRows) {
            long calls = limits();
            if (!permissionsDescribed) {
                permissionsDescribed = true;
                calls++;
            }
            int chunks = (names + 499) / 500;
            for (int c = 0; c < chunks; c++) {
                calls += compositeCalls(Math.min(500, names - c * 500), objectRows / chunks, fieldRows / chunks);
            }
            return calls;
        }

        @Override
        public long inventory(int users, int permissionSets) {
            return limits() + compositeCalls(users, permissionSets);
        }
    }

    @Test
    void modelledApiCallsPerScanAndPerDay() throws Exception {
        BenchReport report = new BenchReport("drift-scan-model")
                .context("source", "real DriftScanner + mock Kubernetes API; Salesforce call costs modelled on the REST client's batching")
                .context("permission sets", PERMISSION_SETS)
                .context("assignments per user", "1 permission set licence, 2 permission sets")
                .context("interval", "10m (144 scans a day), full read at least every " + FULL_READ_EVERY + " scans")
                .context("quiet day", "24 full reads + 120 one-call probes; busy day: a change before every scan (144 full reads)");
        int created = 0;
        for (int users : List.of(10, 1_000, 10_000)) {
            created = createResources(created, users);
            report.row(measure(users));
        }
        report.publish();
    }

    private Map<String, Object> measure(int users) {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-29T01:00:00Z"));
        FakeSalesforceClient sf = new FakeSalesforceClient(DriftFixture.snapshot());
        sf.costs = new RestClientCosts();
        List<SalesforceUser> inventoryUsers = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            UserState s = userState(i);
            sf.users.put(s.user().id(), s);
            inventoryUsers.add(s.user());
        }
        List<OrgInventory.PermissionSetSummary> sets = new ArrayList<>();
        for (int i = 0; i < PERMISSION_SETS; i++) {
            sf.permissionSets.put(setName(i).toLowerCase(Locale.ROOT), setState(i));
            sets.add(new OrgInventory.PermissionSetSummary(setId(i), setName(i), setName(i)));
        }
        sf.inventory = new OrgInventory(inventoryUsers, sets);
        SalesforceClients clients = new SalesforceClients() {
            @Override
            public SalesforceClient forOrg(SalesforceOrg org) {
                return sf;
            }

            @Override
            public void forget(SalesforceOrg org) {
            }
        };
        DriftScanner scanner = new DriftScanner(kube, clients, new OrgCatalog(clock), new ResyncRequests(),
                new EventRecorder(kube, clock), new SimpleMeterRegistry(), clock,
                DriftScanSettings.defaults().withFullReadEvery(FULL_READ_EVERY), new DriftReport());

        ScanResult first = scanner.scanNow(NS, ORG);
        assertThat(first.outcome()).isEqualTo(ScanOutcome.FULL);
        assertThat(first.resourcesChecked()).isEqualTo(users + PERMISSION_SETS);
        assertThat(first.drifted()).isZero();
        clock.advance(Duration.ofMinutes(10));
        ScanResult quiet = scanner.scanNow(NS, ORG);
        assertThat(quiet.outcome()).isEqualTo(ScanOutcome.SKIPPED);
        clock.advance(Duration.ofMinutes(10));
        UserState changed = userState(users / 2);
        UserFields f = changed.user().fields();
        sf.users.put(changed.user().id(), new UserState(new SalesforceUser(changed.user().id(), new UserFields(f.username(), f.email(),
                f.firstName(), "Changed by hand", f.alias(), f.timeZoneSidKey(), f.localeSidKey(), f.languageLocaleKey(),
                f.emailEncodingKey(), f.profileId()), changed.user().profileName(), changed.user().userLicenseName(), true, null),
                changed.login(), changed.permissionSetLicenseAssignments(), changed.permissionSetAssignments()));
        sf.audit.add(new AuditEntry("0Ym", clock.instant().minusSeconds(30), "changedlastname", "Manage Users",
                "Changed last name for user " + f.username(), "setup.admin@emulator.example.com", null));
        long start = System.nanoTime();
        ScanResult full = scanner.scanNow(NS, ORG);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(full.drifted()).isEqualTo(1);
        scanner.close();

        Map<String, Object> row = new LinkedHashMap<>();
        row.put("users", users);
        row.put("permission sets", PERMISSION_SETS);
        row.put("first scan calls", first.apiCalls());
        row.put("full scan calls", full.apiCalls());
        row.put("no-change scan calls", quiet.apiCalls());
        row.put("calls/day quiet", 24 * full.apiCalls() + 120 * quiet.apiCalls());
        row.put("calls/day busy", SCANS_PER_DAY * full.apiCalls());
        row.put("per-resource polling calls/day", (long) (users + PERMISSION_SETS) * SCANS_PER_DAY);
        row.put("full scan ms (scanner only)", ms);
        row.put("targets met", full.apiCalls() <= 30 && quiet.apiCalls() <= 1);
        return row;
    }

    // ---- the resources, created once and extended for each size ----

    private int createResources(int existing, int users) throws Exception {
        if (existing == 0) {
            kube.resources(SalesforceOrg.class).inNamespace(NS).resource(DriftFixture.org(DriftPolicy.Report, "10m")).create();
            for (int i = 0; i < PERMISSION_SETS; i++) {
                PermissionSet ps = new PermissionSet();
                ps.setMetadata(new ObjectMetaBuilder().withName("ps-" + i).withNamespace(NS).build());
                PermissionSetSpec spec = new PermissionSetSpec();
                spec.setOrgRef(new OrgReference(ORG));
                spec.setName(setName(i));
                spec.setLabel(setName(i));
                spec.setObjectPermissions(List.of(new ObjectPermission("Account", true, false, false, false, false, false)));
                ps.setSpec(spec);
                PermissionSetStatus status = new PermissionSetStatus();
                status.setPermissionSetId(setId(i));
                createSettled(PermissionSet.class, ps, status);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = existing; i < users; i++) {
                int n = i;
                work.add(pool.submit(() -> createSettled(IntegrationUser.class, user(n), userStatus(n))));
            }
            for (Future<?> w : work) {
                w.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return users;
    }

    private <S extends ConditionedStatus, R extends CustomResource<?, S>> void createSettled(Class<R> kind, R resource, S status) {
        status.getConditions().add(new ConditionBuilder().withType("Ready").withStatus("True").withReason("Available").build());
        R created = kube.resources(kind).inNamespace(NS).resource(resource).create();
        DriftFixture.settle(kube, kind, created, status);
    }

    static String setName(int i) {
        return "Bench_Set_" + i;
    }

    static String setId(int i) {
        return String.format("0PS%012dAAA", i);
    }

    static String userId(int i) {
        return String.format("005%012dAAA", i + 100);
    }

    static String username(int i) {
        return "bench" + i + "@acme.example.com";
    }

    static int firstSet(int user) {
        return user % PERMISSION_SETS;
    }

    static int secondSet(int user) {
        return (user + 37) % PERMISSION_SETS;
    }

    static IntegrationUser user(int i) {
        IntegrationUser u = new IntegrationUser();
        u.setMetadata(new ObjectMetaBuilder().withName("u-" + i).withNamespace(NS).build());
        IntegrationUserSpec spec = new IntegrationUserSpec();
        spec.setOrgRef(new OrgReference(ORG));
        spec.setUsername(username(i));
        spec.setEmail("owner@acme.example.com");
        spec.setLastName("Bench " + i);
        spec.setPermissionSets(List.of(PermissionSetReference.ofRef("ps-" + firstSet(i)), PermissionSetReference.ofRef("ps-" + secondSet(i))));
        u.setSpec(spec);
        return u;
    }

    static IntegrationUserStatus userStatus(int i) {
        IntegrationUserStatus status = new IntegrationUserStatus();
        status.setUserId(userId(i));
        status.setAssignedPermissionSets(List.of(
                new AssignedPermissionSet(setName(firstSet(i)), setId(firstSet(i)), null, true),
                new AssignedPermissionSet(setName(secondSet(i)), setId(secondSet(i)), null, true)));
        return status;
    }

    static UserState userState(int i) {
        String alias = ("bench" + i).substring(0, Math.min(8, ("bench" + i).length()));
        UserFields fields = new UserFields(username(i), "owner@acme.example.com", null, "Bench " + i, alias, "America/Los_Angeles",
                "en_US", "en_US", "UTF-8", DriftFixture.PROFILE_ID);
        String id = userId(i);
        return new UserState(new SalesforceUser(id, fields, IntegrationUserSpec.DEFAULT_PROFILE, "Salesforce Integration", true, DriftFixture.OPERATOR_ID),
                new UserLogin("05G" + id.substring(3), id, false),
                List.of(new Assignment("2LA" + id.substring(3), id, DriftFixture.PSL_ID, "Salesforce API Integration")),
                List.of(new Assignment("0Pa" + id.substring(3), id, setId(firstSet(i)), setName(firstSet(i))),
                        new Assignment("0Pb" + id.substring(3), id, setId(secondSet(i)), setName(secondSet(i)))));
    }

    static PermissionSetState setState(int i) {
        return new PermissionSetState(setId(i), new PermissionSetFields(setName(i), setName(i), "", DriftFixture.PSL_ID, new TreeSet<>(Set.of())),
                false, List.of(new ObjectAccess(String.format("110%012dAAA", i), setId(i), "Account", true, false, false, false, false, false)), List.of());
    }
}
