package io.sfintegration.testing;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfintegration.salesforce.SalesforceClients;
import io.sfintegration.salesforce.batch.BatchSettings;
import io.sfintegration.salesforce.batch.CoalescingSalesforceClients;
import io.sfintegration.salesforce.http.ResilienceSettings;
import io.sfintegration.salesforce.http.SalesforceClientProvider;
import io.sfintegration.salesforce.http.TrustedUrls;

import java.util.List;

/** The production client stack (REST client behind the coalescing decorator) for tests. */
public final class TestClients {
    private TestClients() {
    }

    /**
     * The production batch window ({@link BatchSettings#defaults()}: 1 s max-wait, 100 ms linger), so the tests see the
     * latency and the batches a deployed operator has. Tests wait on conditions, never on the window's length.
     * Credentials may go to Salesforce's domains and to {@code emulatorUrl} (as in local mode), nowhere else.
     */
    public static SalesforceClients create(KubernetesClient kubernetes, String emulatorUrl) {
        return create(kubernetes, BatchSettings.defaults(), emulatorUrl);
    }

    public static SalesforceClients create(KubernetesClient kubernetes, BatchSettings batching, String emulatorUrl) {
        return new CoalescingSalesforceClients(new SalesforceClientProvider(kubernetes, new SimpleMeterRegistry(), ResilienceSettings.defaults(),
                TrustedUrls.withExtra(List.of(emulatorUrl))), batching);
    }
}
