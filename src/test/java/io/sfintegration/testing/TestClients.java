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

    public static SalesforceClients create(KubernetesClient kubernetes) {
        return new CoalescingSalesforceClients(new SalesforceClientProvider(kubernetes, new SimpleMeterRegistry(), ResilienceSettings.defaults()),
                BatchSettings.defaults());
    }
}
