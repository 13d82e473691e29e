package io.sfintegration.bench;

import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.testing.EmulatorRest;
import io.sfintegration.testing.OperatorHarness;
import io.sfintegration.testing.Resources;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Issue 5's figure: time from creating an IntegrationUser with two permission sets to Ready=True, and the Salesforce
 * API calls it took, with the emulator answering every call after 50 ms.
 */
@Tag("benchmark")
class UserLatencyBenchmark {

    @Test
    void oneUserWithTwoPermissionSets() throws Exception {
        BenchReport report = new BenchReport("user-latency").context("emulator latency per call", "50 ms");
        try (OperatorHarness harness = OperatorHarness.start(OperatorHarness.Options.defaults(), io.sfintegration.salesforce.batch.BatchSettings.defaults())) {
            EmulatorRest sf = new EmulatorRest(harness.emulator());
            harness.createOrg();
            harness.create(Resources.permissionSet("reader", "Bench_Reader"));
            harness.create(Resources.permissionSet("writer", "Bench_Writer"));
            harness.awaitCondition(PermissionSet.class, "reader", "Ready", "True");
            harness.awaitCondition(PermissionSet.class, "writer", "Ready", "True");
            sf.admin("PUT", "/__emulator/faults", Map.of("latencyMs", 50));
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                long calls = sf.apiCalls();
                long start = System.nanoTime();
                harness.create(Resources.user("u" + i, "bench" + i + "@acme.example.com", "reader", "writer"));
                harness.awaitCondition(IntegrationUser.class, "u" + i, "Ready", "True");
                long ms = (System.nanoTime() - start) / 1_000_000;
                millis.add(ms);
                report.row(Map.of("run", i + 1, "time to Ready (ms)", ms, "API calls", sf.apiCalls() - calls,
                        "target", "< 1000 ms, <= 3 calls"));
            }
            sf.admin("DELETE", "/__emulator/faults", null);
        }
        report.publish();
    }
}
