package io.sfintegration.bench;

import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfintegration.config.OperatorComponents;
import io.sfintegration.controller.org.OrgSettings;
import io.sfintegration.drift.DriftReport;
import io.sfintegration.drift.DriftScanSettings;
import io.sfintegration.drift.DriftScanner;
import io.sfintegration.drift.ScanResult;
import io.sfintegration.emulator.EmulatorConfig;
import io.sfintegration.emulator.EmulatorSeed;
import io.sfintegration.testing.EmulatorRest;
import io.sfintegration.testing.OperatorHarness;
import io.sfintegration.testing.Resources;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * The scenario figures, in one JVM against the embedded Kubernetes API and the emulator:
 * burst (time to Ready, API calls per user), steady state (API calls per resource per day from simulated resyncs),
 * drift (when a drift scanner exists) and scale (memory with many users managed).
 * <p>
 * {@code ./mvnw -Pbench verify -Dtest=ScenarioBenchmark [-Dbench.latencyMs=50 -Dbench.users=1000
 * -Dbench.permissionSets=100 -Dbench.scaleUsers=10000 -Dbench.scenarios=burst,steady,drift,scale]}.
 * Table on stdout, JSON in target/bench/scenarios.json. Steady state and drift need the burst's resources.
 */
@Tag("benchmark")
class ScenarioBenchmark {

    static final int LATENCY_MS = Integer.getInteger("bench.latencyMs", 50);
    static final int USERS = Integer.getInteger("bench.users", 1000);
    static final int PERMISSION_SETS = Integer.getInteger("bench.permissionSets", 100);
    static final int SCALE_USERS = Integer.getInteger("bench.scaleUsers", 10_000);
    static final Set<String> SCENARIOS = Set.of(System.getProperty("bench.scenarios", "burst,steady,drift,scale").split(","));
    /** Issue 19: each PermissionSet also grants a connected app and two Apex classes (SetupEntityAccess rows). */
    static final boolean GRANTS = Boolean.getBoolean("bench.grants");
    /** Issue 19: this many PermissionSetGroups (two of the sets each); every user is assigned one of them too. */
    static final int GROUPS = Integer.getInteger("bench.groups", 0);
    static final int CREATE_THREADS = 8;
    /** JOSDK resyncs every resource every 30 minutes; the org refreshes its usage every 10 minutes. */
    static final int RESYNCS_PER_HOUR = 2;
    static final int ORG_REFRESHES_PER_HOUR = 6;

    private final BenchReport report = new BenchReport("scenarios");

    @Test
    void scenarios() throws Exception {
        report.context("emulator latency per call", LATENCY_MS + " ms")
                .context("sizes", USERS + " IntegrationUsers (two permission sets each), " + PERMISSION_SETS + " PermissionSets; scale " + SCALE_USERS + " users")
                .context("grants", GRANTS ? "every PermissionSet grants a connected app and two Apex classes" : "none")
                .context("groups", GROUPS == 0 ? "none" : GROUPS + " PermissionSetGroups of two sets each; every user is assigned one")
                .context("JVM", Runtime.version() + ", max heap " + ProcessMemory.mib(Runtime.getRuntime().maxMemory()) + " MiB, "
                        + Runtime.getRuntime().availableProcessors() + " CPUs")
                .context("note", "burst, steady state and drift: one JVM holds the operator, the Salesforce emulator and the mock "
                        + "Kubernetes API; scale: the packaged operator runs in a process of its own");
        try (QuietLogs quiet = new QuietLogs()) {
            if (SCENARIOS.contains("burst") || SCENARIOS.contains("steady") || SCENARIOS.contains("drift")) {
                burstSteadyDrift();
            }
            if (SCENARIOS.contains("scale")) {
                scale();
            }
        } finally {
            report.publish();
        }
    }

    /** Steady state and drift run on the burst's resources. */
    private void burstSteadyDrift() throws Exception {
        try (OperatorHarness harness = OperatorHarness.start(OperatorHarness.Options.defaults().withEmulator(emulator(USERS)), io.sfintegration.salesforce.batch.BatchSettings.defaults())) {
            EmulatorRest sf = new EmulatorRest(harness.emulator());
            harness.createOrg();
            sf.admin("PUT", "/__emulator/faults", Map.of("latencyMs", LATENCY_MS));
            burst(harness, sf);
            if (SCENARIOS.contains("steady")) {
                steadyState(harness, sf);
            }
            if (SCENARIOS.contains("drift")) {
                drift(harness, sf);
            }
        }
    }

    static EmulatorConfig emulator(int users) {
        return EmulatorConfig.builder().seed(EmulatorSeed.defaults().withIntegrationSeats(users + 100))
                .dailyApiMax(100_000_000).build();
    }

    private void burst(OperatorHarness harness, EmulatorRest sf) throws Exception {
        ReadyTracker<PermissionSet> sets = new ReadyTracker<>(harness.client(), PermissionSet.class);
        ReadyTracker<IntegrationUser> users = new ReadyTracker<>(harness.client(), IntegrationUser.class);
        ReadyTracker<io.sfintegration.api.v1alpha1.PermissionSetGroup> groups = new ReadyTracker<>(harness.client(),
                io.sfintegration.api.v1alpha1.PermissionSetGroup.class);
        CallBreakdown breakdown = new CallBreakdown(sf);
        long calls0 = sf.apiCalls();
        long writes0 = sf.writeCalls();
        long start = System.nanoTime();
        inParallel(PERMISSION_SETS, i -> {
            String name = psName(i);
            sets.created(name, System.nanoTime());
            PermissionSet ps = Resources.permissionSet(name, "Bench_Set_" + i);
            if (GRANTS) {
                ps.getSpec().setConnectedApps(new java.util.ArrayList<>(List.of(io.sfintegration.emulator.SetupEntitySeed.BILLING_APP.name())));
                ps.getSpec().setApexClasses(new java.util.ArrayList<>(List.of("InvoiceService", i % 2 == 0 ? "PaymentsRestResource" : "acme__SyncApi")));
            }
            harness.create(ps);
        });
        inParallel(GROUPS, j -> {
            String name = String.format("g%03d", j);
            groups.created(name, System.nanoTime());
            harness.create(Resources.permissionSetGroup(name, "Bench_Group_" + j,
                    io.sfintegration.api.v1alpha1.PermissionSetReference.ofRef(psName(2 * j)),
                    io.sfintegration.api.v1alpha1.PermissionSetReference.ofRef(psName(2 * j + 1))));
        });
        inParallel(USERS, i -> {
            String name = String.format("u%05d", i);
            users.created(name, System.nanoTime());
            IntegrationUser user = Resources.user(name, "bench-" + i + "@acme.example.com", psName(i), psName(i + 1));
            if (GROUPS > 0) {
                user.getSpec().setPermissionSetGroups(new java.util.ArrayList<>(List.of(
                        io.sfintegration.api.v1alpha1.PermissionSetGroupReference.ofRef(String.format("g%03d", i % GROUPS)))));
            }
            harness.create(user);
        });
        long createdMs = (System.nanoTime() - start) / 1_000_000;
        boolean converged = ReadyTracker.awaitAll(Duration.ofMinutes(5), Duration.ofMillis(200), sets, groups, users);
        long totalMs = (System.nanoTime() - start) / 1_000_000;
        long calls = sf.apiCalls() - calls0;
        long writes = sf.writeCalls() - writes0;
        List<Double> u = users.latenciesMs();
        List<Double> p = sets.latenciesMs();
        Map<String, Object> row = scenario("burst");
        row.put("result", (converged ? "all Ready" : "NOT converged: " + users.ready() + "/" + USERS + " users, " + sets.ready() + "/" + PERMISSION_SETS + " sets")
                + " in " + totalMs + " ms (creates took " + createdMs + " ms)");
        row.put("per resource", String.format("users p50 %.0f ms p99 %.0f ms; sets p50 %.0f ms p99 %.0f ms",
                ReadyTracker.percentile(u, 50), ReadyTracker.percentile(u, 99), ReadyTracker.percentile(p, 50), ReadyTracker.percentile(p, 99)));
        row.put("API calls", String.format("%d (%d writes): %.3f per user, %.3f per resource", calls, writes,
                calls / (double) USERS, calls / (double) (USERS + PERMISSION_SETS + GROUPS)));
        row.put("calls by resource", breakdown.sinceStart());
        row.put("target", "<= 0.2 calls per user, <= 60 s at 50 ms");
        row.put("met", converged && calls <= 0.2 * USERS && totalMs <= 60_000 ? "yes" : "no");
        report.row(row);
    }

    /**
     * An hour with nothing changed is two full resyncs plus six org refreshes. A restart reconciles every resource
     * with empty caches, so it costs at least what a periodic resync does: an upper bound per resync.
     */
    private void steadyState(OperatorHarness harness, EmulatorRest sf) throws Exception {
        long before = Quiescence.awaitQuiet(sf, Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMinutes(2));
        long start = System.nanoTime();
        harness.restartOperator();
        long after = Quiescence.awaitQuiet(sf, Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMinutes(5));
        long resyncMs = (System.nanoTime() - start) / 1_000_000;
        long perResync = after - before;
        // org refreshes observed quickly: a 2 s refresh interval for 10 s
        harness.restartOperator(new OrgSettings(Duration.ofSeconds(2), Duration.ofSeconds(2)));
        // never quiet for long with a refresh every 2 s: let the restart's own reconciles pass, then count
        Thread.sleep(5_000);
        long quiet = sf.apiCalls();
        Thread.sleep(10_000);
        long perRefresh = Math.round((sf.apiCalls() - quiet) / 5.0);
        harness.restartOperator(new OrgSettings(Duration.ofMinutes(10), Duration.ofSeconds(2)));
        Quiescence.awaitQuiet(sf, Duration.ofSeconds(5), Duration.ofSeconds(3), Duration.ofMinutes(5));
        long perHour = RESYNCS_PER_HOUR * perResync + ORG_REFRESHES_PER_HOUR * perRefresh;
        int resources = USERS + PERMISSION_SETS + 1;
        double perResourcePerDay = perHour * 24.0 / resources;
        Map<String, Object> row = scenario("steady state");
        row.put("result", String.format("full resync (operator restart) of %d resources: %d calls in %d ms; org refresh: ~%d calls",
                resources, perResync, resyncMs, perRefresh));
        row.put("per resource", String.format("%.4f calls per resource per day (%d per hour = 2 x %d + 6 x %d)",
                perResourcePerDay, perHour, perResync, perRefresh));
        row.put("API calls", perHour * 24 + " per day");
        row.put("target", "<= 1 call per resource per day");
        row.put("met", perResourcePerDay <= 1 ? "yes" : "no");
        report.row(row);
    }

    /**
     * 1% of users changed in Setup (their email, by the second admin), then one scan: detected when the scan returns,
     * corrected when every changed user's Drifted condition says DriftCorrected.
     */
    private void drift(OperatorHarness harness, EmulatorRest sf) throws Exception {
        Map<String, Object> row = scenario("drift");
        OperatorComponents c = harness.components();
        try (DriftScanner scanner = new DriftScanner(harness.client(), c.clients(), c.catalog(), c.resync(), c.events(),
                new SimpleMeterRegistry(), Clock.systemUTC(), DriftScanSettings.defaults(), new DriftReport())) {
            ScanResult first = scanner.scanNow(OperatorHarness.NAMESPACE, OperatorHarness.ORG);
            List<IntegrationUser> all = harness.client().resources(IntegrationUser.class).inNamespace(OperatorHarness.NAMESPACE).list().getItems();
            int changed = Math.max(1, all.size() / 100);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < changed; i++) {
                IntegrationUser u = all.get(i * (all.size() / changed));
                sf.update("User", u.getStatus().getUserId(), Map.of("Email", "intruder" + i + "@elsewhere.example.com"));
                names.add(u.getMetadata().getName());
            }
            long calls0 = sf.apiCalls();
            long start = System.nanoTime();
            ScanResult scan = scanner.scanNow(OperatorHarness.NAMESPACE, OperatorHarness.ORG);
            long detectMs = (System.nanoTime() - start) / 1_000_000;
            long scanCalls = sf.apiCalls() - calls0;
            boolean corrected = false;
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!corrected && System.nanoTime() < deadline) {
                Thread.sleep(200);
                Map<String, IntegrationUser> byName = new java.util.HashMap<>();
                harness.client().resources(IntegrationUser.class).inNamespace(OperatorHarness.NAMESPACE).list().getItems()
                        .forEach(u -> byName.put(u.getMetadata().getName(), u));
                corrected = names.stream().allMatch(n -> byName.get(n).getStatus().condition("Drifted")
                        .filter(d -> "False".equals(d.getStatus()) && "DriftCorrected".equals(d.getReason())).isPresent());
            }
            long correctMs = (System.nanoTime() - start) / 1_000_000;
            long calls = Quiescence.awaitQuiet(sf, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMinutes(1)) - calls0;
            row.put("result", String.format("%d of %d users changed in Setup; scan %s found %d drifted (first scan: %s, %d calls); detected in %d ms, %s",
                    changed, all.size(), scan.outcome(), scan.drifted(), first.outcome(), first.apiCalls(), detectMs,
                    corrected ? "corrected in " + correctMs + " ms" : "NOT corrected within 2 min"));
            row.put("per resource", String.format("scan checked %d resources", scan.resourcesChecked()));
            row.put("API calls", String.format("scan %d, scan + correction %d", scanCalls, calls));
            row.put("target", "detect and correct 1% changed users");
            row.put("met", corrected && scan.drifted() >= changed ? "yes" : "no");
        } catch (RuntimeException e) {
            row.put("result", "failed: " + e);
            row.put("met", "no");
        }
        report.row(row);
    }

    /**
     * Memory with many users managed, measured on the packaged operator in a process of its own (the memory view of
     * the chart's 512 MiB container), so that the emulator and the mock API server of this JVM do not count. Zero
     * latency: the operator creates the users itself, which is the slow but honest path.
     */
    private void scale() throws Exception {
        Map<String, Object> row = scenario("scale");
        row.put("target", "resident memory <= 512 MiB at " + SCALE_USERS + " users");
        if (!OperatorProcess.available()) {
            row.put("result", "not measured: no packaged operator at " + OperatorProcess.JAR + " (./mvnw -Pbench verify packages it first)");
            row.put("met", "not measured");
            report.row(row);
            return;
        }
        try (OperatorHarness harness = OperatorHarness.start(OperatorHarness.Options.defaults().withEmulator(emulator(SCALE_USERS)), io.sfintegration.salesforce.batch.BatchSettings.defaults())) {
            harness.stopOperator();
            EmulatorRest sf = new EmulatorRest(harness.emulator());
            try (OperatorProcess operator = OperatorProcess.start(harness.client().getMasterUrl().toString(), OperatorHarness.NAMESPACE)) {
                harness.createOrg();
                int sets = 10;
                ReadyTracker<PermissionSet> setTracker = new ReadyTracker<>(harness.client(), PermissionSet.class);
                inParallel(sets, i -> {
                    setTracker.created("scale-ps-" + i, System.nanoTime());
                    harness.create(Resources.permissionSet("scale-ps-" + i, "Scale_Set_" + i));
                });
                ReadyTracker.awaitAll(Duration.ofMinutes(1), Duration.ofMillis(200), setTracker);
                long heapBefore = operator.heapUsedAfterGcBytes();
                long rssBefore = operator.residentBytes(false);
                long calls0 = sf.apiCalls();
                long start = System.nanoTime();
                ReadyTracker<IntegrationUser> users = new ReadyTracker<>(harness.client(), IntegrationUser.class);
                inParallel(SCALE_USERS, i -> {
                    String name = String.format("s%05d", i);
                    users.created(name, System.nanoTime());
                    harness.create(Resources.user(name, "scale-" + i + "@acme.example.com", "scale-ps-" + (i % sets), "scale-ps-" + ((i + 1) % sets)));
                });
                boolean converged = ReadyTracker.awaitAll(Duration.ofMinutes(15), Duration.ofSeconds(2), users);
                long ms = (System.nanoTime() - start) / 1_000_000;
                long calls = sf.apiCalls() - calls0;
                long heap = operator.heapUsedAfterGcBytes();
                long rss = operator.residentBytes(false);
                long peak = operator.residentBytes(true);
                java.nio.file.Files.writeString(java.nio.file.Path.of("target", "bench", "operator-heap-histogram.txt"), operator.heapHistogram(45));
                row.put("result", (converged ? "all " + SCALE_USERS + " Ready" : "NOT converged: " + users.ready() + "/" + SCALE_USERS)
                        + " in " + ms + " ms at 0 ms latency");
                row.put("per resource", String.format("packaged operator in its own process (container limit %s): heap after GC %d MiB (%d MiB before the users), "
                                + "VmRSS %d MiB (%d MiB before), peak VmHWM %d MiB",
                        OperatorProcess.CONTAINER_LIMIT, ProcessMemory.mib(heap), ProcessMemory.mib(heapBefore),
                        ProcessMemory.mib(rss), ProcessMemory.mib(rssBefore), ProcessMemory.mib(peak)));
                row.put("API calls", String.format("%d: %.3f per user", calls, calls / (double) SCALE_USERS));
                row.put("met", converged && peak >= 0 && peak <= 512L * 1024 * 1024 ? "yes" : "no");
            }
        } catch (RuntimeException | java.io.IOException e) {
            row.put("result", "failed: " + e);
            row.put("met", "no");
        }
        report.row(row);
    }

    private static String psName(int i) {
        return String.format("ps%03d", i % PERMISSION_SETS);
    }

    private static Map<String, Object> scenario(String name) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scenario", name);
        return row;
    }

    /** Creates from several threads, as many kubectl/Argo CD clients would. */
    static void inParallel(int count, IntConsumer create) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CREATE_THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> create.accept(n)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
