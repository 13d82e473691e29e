package io.sfintegration.bench;

import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.controller.org.OrgSettings;
import io.sfintegration.emulator.EmulatorConfig;
import io.sfintegration.emulator.EmulatorSeed;
import io.sfintegration.fault.OrgIntegrity;
import io.sfintegration.fault.TcpProxy;
import io.sfintegration.testing.EmulatorRest;
import io.sfintegration.testing.LogCapture;
import io.sfintegration.testing.OperatorHarness;
import io.sfintegration.testing.Resources;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The full fault campaign: for each fault, a fresh operator, emulator and API; a burst of users and permission sets
 * is created while the fault acts; then every resource must converge with no duplicate and no deletion in the org,
 * no secret in the logs, and API calls within a bound (no hot loop).
 * <p>
 * {@code ./mvnw -Pbench verify -Dtest=FaultCampaignBenchmark [-Dfault.users=100 -Dfault.permissionSets=10]}.
 * Table on stdout, JSON in target/bench/fault-campaign.json.
 */
@Tag("benchmark")
class FaultCampaignBenchmark {

    static final int USERS = Integer.getInteger("fault.users", 100);
    static final int SETS = Integer.getInteger("fault.permissionSets", 10);
    static final int BASE_LATENCY_MS = 10;
    static final Duration CONVERGE_WITHIN = Duration.ofMinutes(3);
    static final String PREFIX = "fault-";

    /** What a scenario does around the burst: before it, between its halves, after it. */
    interface Step {
        void run(Ctx ctx) throws Exception;
    }

    record Ctx(OperatorHarness harness, EmulatorRest sf, TcpProxy proxy, Map<String, Object> notes) {
    }

    private static final Step NOTHING = ctx -> {
    };

    private final BenchReport report = new BenchReport("fault-campaign");
    private long baselineCalls = -1;

    @Test
    void campaign() throws Exception {
        report.context("sizes", USERS + " IntegrationUsers (two permission sets each) and " + SETS + " PermissionSets per scenario, created in two halves")
                .context("base latency", BASE_LATENCY_MS + " ms per call; client-credentials org (the client can log in again)")
                .context("API call bound", "2 x the fault-free burst + 3 per resource; after convergence, <= 5 calls in 5 s (no hot loop)")
                .context("calls per reconcile", "most Salesforce calls one reconcile of each kind used (its share of coalesced batches) / the stated"
                        + " bound, attempts x requests (README \"API call budget\"); a scenario fails when any reconcile was refused a call")
                .context("secrets", "client secret and access-token pattern in all captured log lines, fabric8 HTTP TRACE wire log off (it prints Secret bodies when enabled)")
                .context("deletions", "audit trail entries PermSetDelete, PermSetUnassign, PermSetLicenseUnassign, deactivateduser, frozeuser");
        try (QuietLogs quiet = new QuietLogs(); LogCapture logs = new LogCapture()) {
            run(logs, "no faults (baseline)", OrgSettings.defaults(), faults(Map.of()), NOTHING, NOTHING);
            run(logs, "transient errors 10% (SERVER_UNAVAILABLE)", OrgSettings.defaults(),
                    faults(Map.of("errorRates", Map.of("SERVER_UNAVAILABLE", 0.10))), NOTHING, NOTHING);
            run(logs, "UNABLE_TO_LOCK_ROW on 20% of writes", OrgSettings.defaults(),
                    faults(Map.of("errorRates", Map.of("UNABLE_TO_LOCK_ROW", 0.20))), NOTHING, NOTHING);
            run(logs, "answers lost after commit on 5% of calls (CONNECTION_DROP_AFTER_COMMIT)", OrgSettings.defaults(),
                    faults(Map.of("errorRates", Map.of("CONNECTION_DROP_AFTER_COMMIT", 0.05))), NOTHING, NOTHING);
            run(logs, "latency spikes (10% of calls +2000 ms)", OrgSettings.defaults(),
                    faults(Map.of("latencySpike", Map.of("probability", 0.10, "ms", 2000))), NOTHING, NOTHING);
            run(logs, "every token expires (twice, mid-burst)", OrgSettings.defaults(), faults(Map.of()),
                    ctx -> ctx.sf().admin("POST", "/__emulator/tokens/expire-all", null),
                    ctx -> {
                        Thread.sleep(500);
                        ctx.sf().admin("POST", "/__emulator/tokens/expire-all", null);
                    });
            run(logs, "API allocation exhausted for 5 s, then restored (org refresh 2 s)", new OrgSettings(Duration.ofSeconds(2), Duration.ofSeconds(2)),
                    ctx -> {
                        faults(Map.of()).run(ctx);
                        ctx.sf().admin("PUT", "/__emulator/api-usage", Map.of("used", 115_000, "max", 115_000));
                    },
                    NOTHING,
                    ctx -> {
                        long before = ctx.sf().apiCalls();
                        Thread.sleep(5_000);
                        ctx.notes().put("calls while exhausted (5 s)", ctx.sf().apiCalls() - before);
                        ctx.sf().admin("PUT", "/__emulator/api-usage", Map.of("used", 0, "max", 115_000));
                    });
            run(logs, "operator stopped mid-burst, restarted 2 s later", OrgSettings.defaults(), faults(Map.of()),
                    ctx -> {
                        Thread.sleep(300);
                        ctx.harness().stopOperator();
                    },
                    ctx -> {
                        Thread.sleep(2_000);
                        ctx.harness().startOperator();
                    });
            run(logs, "Kubernetes watch dropped (all API connections cut, twice)", OrgSettings.defaults(), faults(Map.of()),
                    ctx -> {
                        Thread.sleep(300);
                        ctx.notes().put("connections cut", ctx.proxy().dropAll());
                    },
                    ctx -> {
                        Thread.sleep(300);
                        ctx.notes().merge("connections cut", ctx.proxy().dropAll(), (a, b) -> (Integer) a + (Integer) b);
                    });
        } finally {
            report.publish();
        }
    }

    private static Step faults(Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("latencyMs", BASE_LATENCY_MS);
        return ctx -> ctx.sf().admin("PUT", "/__emulator/faults", body);
    }

    private void run(LogCapture logs, String name, OrgSettings orgSettings, Step before, Step midBurst, Step afterBurst) throws Exception {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("fault", name);
        AtomicReference<TcpProxy> proxy = new AtomicReference<>();
        int logStart = logs.text().length();
        OperatorHarness.Options options = OperatorHarness.Options.defaults()
                .withEmulator(EmulatorConfig.builder().seed(EmulatorSeed.defaults().withIntegrationSeats(USERS + 10)).build())
                .withOrgSettings(orgSettings)
                .withOperatorApiUrl(url -> {
                    proxy.set(TcpProxy.to(url));
                    return proxy.get().url();
                });
        try (OperatorHarness harness = OperatorHarness.start(options, io.sfintegration.salesforce.batch.BatchSettings.defaults())) {
            EmulatorRest sf = new EmulatorRest(harness.emulator());
            harness.createClientCredentialsOrg();
            Ctx ctx = new Ctx(harness, sf, proxy.get(), new LinkedHashMap<>());
            ReadyTracker<PermissionSet> sets = new ReadyTracker<>(harness.client(), PermissionSet.class);
            ReadyTracker<IntegrationUser> users = new ReadyTracker<>(harness.client(), IntegrationUser.class);
            long calls0 = sf.apiCalls();
            long start = System.nanoTime();
            before.run(ctx);
            ScenarioBenchmark.inParallel(SETS, i -> {
                sets.created("ps" + i, System.nanoTime());
                harness.create(Resources.permissionSet("ps" + i, "Fault_Set_" + i));
            });
            createUsers(harness, users, 0, USERS / 2);
            midBurst.run(ctx);
            createUsers(harness, users, USERS / 2, USERS);
            afterBurst.run(ctx);
            boolean converged = ReadyTracker.awaitAll(CONVERGE_WITHIN, Duration.ofMillis(250), sets, users);
            long ms = (System.nanoTime() - start) / 1_000_000;
            long calls = sf.apiCalls() - calls0;
            Thread.sleep(5_000);
            long callsAfter = sf.apiCalls() - calls0 - calls;
            sf.admin("DELETE", "/__emulator/faults", null);
            OrgIntegrity.Findings found = OrgIntegrity.check(sf, PREFIX);
            if (baselineCalls < 0) {
                baselineCalls = calls;
            }
            long bound = 2 * baselineCalls + 3L * (USERS + SETS);
            java.util.Set<String> leaking = OrgIntegrity.leakingLoggers(logs.text().substring(Math.min(logStart, logs.text().length())), OperatorHarness.CLIENT_SECRET);
            boolean leaked = !leaking.isEmpty();
            row.put("converged", converged ? "yes (" + ms + " ms)" : "NO: " + users.ready() + "/" + USERS + " users, " + sets.ready() + "/" + SETS + " sets in " + ms + " ms");
            row.put("in org", found.users() + " users, " + found.permissionSets() + " sets, " + found.assignments() + " assignments");
            row.put("duplicates", found.describeDuplicates());
            row.put("deletions in Salesforce", found.deletions());
            row.put("secrets in logs", leaked ? "FOUND in " + leaking : "none");
            row.put("API calls (bound)", calls + " (" + bound + ")");
            row.put("calls 5 s after", callsAfter);
            var budgets = harness.observedCallBudgets();
            row.put("calls per reconcile (most / bound)", io.sfintegration.testing.CallBudgetFigures.describe(budgets));
            boolean ok = io.sfintegration.testing.CallBudgetFigures.withinBounds(budgets) && converged && found.duplicates() == 0 && found.deletions() == 0 && !leaked && calls <= bound && callsAfter <= 5
                    && found.users() == USERS
                    // two permission sets each and the installation's marker set (SFIO_Managed_...)
                    && found.assignments() == 3 * USERS;
            row.put("pass", ok ? "yes" : "NO");
            row.put("note", ctx.notes().isEmpty() ? "" : ctx.notes().toString());
        } catch (Exception | AssertionError e) {
            row.put("pass", "NO: " + e);
        } finally {
            if (proxy.get() != null) {
                proxy.get().close();
            }
        }
        report.row(row);
    }

    private static void createUsers(OperatorHarness harness, ReadyTracker<IntegrationUser> users, int from, int to) throws Exception {
        ScenarioBenchmark.inParallel(to - from, k -> {
            int i = from + k;
            String name = String.format("u%04d", i);
            users.created(name, System.nanoTime());
            harness.create(Resources.user(name, PREFIX + i + "@acme.example.com", "ps" + (i % SETS), "ps" + ((i + 1) % SETS)));
        });
    }
}
