package io.sfintegration.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfintegration.salesforce.SalesforceClients;
import io.sfintegration.salesforce.batch.BatchSettings;
import io.sfintegration.salesforce.batch.CoalescingSalesforceClients;
import io.sfintegration.salesforce.http.ResilienceSettings;
import io.sfintegration.salesforce.http.SalesforceClientProvider;

/** The production client stack (REST client behind the coalescing decorator) for tests. */
public final class TestClients {
    private TestClients() {
    }

    /**
     * Functional tests batch with the short window the operator had before bursts were tuned (20 ms, 3 ms linger):
     * they check behaviour, and a shorter reconcile keeps their timing close to what they were written for.
     * Benchmarks use {@link #create(KubernetesClient, BatchSettings)} with the production defaults.
     */
    public static final BatchSettings TEST_BATCHING = BatchSettings.defaults()
            .withMaxWait(java.time.Duration.ofMillis(20)).withLingerWhenIdle(java.time.Duration.ofMillis(3));

    public static SalesforceClients create(KubernetesClient kubernetes) {
        return create(kubernetes, TEST_BATCHING);
    }

    public static SalesforceClients create(KubernetesClient kubernetes, BatchSettings batching) {
        return new CoalescingSalesforceClients(new SalesforceClientProvider(kubernetes, new SimpleMeterRegistry(), ResilienceSettings.defaults()),
                batching);
    }
}
