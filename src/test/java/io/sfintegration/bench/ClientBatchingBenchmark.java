package io.sfintegration.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfintegration.salesforce.http.ClientBenchmarkSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API calls (as the emulator counts them) to look up and create 1,000 users, each with one permission set licence and
 * two permission set assignments: batched (IN lists, composite, collections) vs one record per call.
 */
@Tag("benchmark")
@EnableKubernetesMockClient(crud = true)
class ClientBatchingBenchmark {

    static KubernetesClient kubernetes;

    private static final int USERS = 1_000;

    @Test
    void batchedUsesAtLeastTwentyTimesFewerCalls() throws Exception {
        ClientBenchmarkSupport.Run batched = ClientBenchmarkSupport.run(kubernetes, new SimpleMeterRegistry(), USERS, true);
        ClientBenchmarkSupport.Run single = ClientBenchmarkSupport.run(kubernetes, new SimpleMeterRegistry(), USERS, false);

        System.out.println();
        System.out.println("Client batching: " + USERS + " users, 1 licence + 2 permission sets each (API calls, emulator counters)");
        System.out.printf("%-16s %10s %10s %10s %12s%n", "mode", "lookup", "create", "total", "wall ms");
        for (ClientBenchmarkSupport.Run r : new ClientBenchmarkSupport.Run[]{batched, single}) {
            System.out.printf("%-16s %10d %10d %10d %12d%n", r.mode(), r.lookupCalls(), r.createCalls(),
                    r.lookupCalls() + r.createCalls(), r.wallMillis());
        }
        double ratio = (double) single.total() / batched.total();
        System.out.printf("ratio one-at-a-time / batched: %.1fx%n", ratio);

        Path out = Path.of("target", "bench", "client-batching.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, "{\"users\":" + USERS + ",\"licencesPerUser\":1,\"permissionSetsPerUser\":2,"
                + "\"batched\":" + batched.json() + ",\"oneAtATime\":" + single.json()
                + ",\"ratio\":" + String.format(java.util.Locale.ROOT, "%.2f", ratio) + "}\n");

        assertThat(batched.failures()).isZero();
        assertThat(single.failures()).isZero();
        assertThat(ratio).isGreaterThanOrEqualTo(20.0);
    }
}
