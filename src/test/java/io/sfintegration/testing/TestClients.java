package io.sfintegration.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfintegration.salesforce.SalesforceClients;
import io.sfintegration.salesforce.batch.BatchSettings;
import io.sfintegration.salesforce.batch.CoalescingSalesforceClients;
import io.sfintegration.salesforce.http.ResilienceSettings;
import io.sfintegration.salesforce.http.SalesforceClientProvider;
import io.sfintegration.salesforce.http.TrustedUrls;

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

    /** Credentials may go to Salesforce's domains and to {@code emulatorUrl} (as in local mode), nowhere else. */
    public static SalesforceClients create(KubernetesClient kubernetes, String emulatorUrl) {
        return create(kubernetes, TEST_BATCHING, emulatorUrl);
    }

    public static SalesforceClients create(KubernetesClient kubernetes, BatchSettings batching, String emulatorUrl) {
        return new CoalescingSalesforceClients(new SalesforceClientProvider(kubernetes, new SimpleMeterRegistry(), ResilienceSettings.defaults(),
                TrustedUrls.withExtra(java.util.List.of(emulatorUrl))), batching);
    }
}
