package io.sfintegration.config;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.ClusterOrgs;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.ResyncRequests;
import io.sfintegration.controller.org.OrgSettings;
import io.sfintegration.salesforce.SalesforceClients;
import io.sfintegration.salesforce.batch.BatchSettings;
import io.sfintegration.salesforce.batch.CoalescingSalesforceClients;
import io.sfintegration.salesforce.http.ResilienceSettings;
import io.sfintegration.salesforce.http.SalesforceClientProvider;
import io.sfintegration.salesforce.http.TrustedUrls;
import io.micrometer.core.instrument.MeterRegistry;
import io.sfintegration.controller.ownership.Installation;
import java.util.Optional;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;

/** CDI wiring of the parts the controllers share. */
@ApplicationScoped
public class OperatorBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    OrgCatalog orgCatalog(Clock clock) {
        return new OrgCatalog(clock);
    }

    @Produces
    @Singleton
    EventRecorder eventRecorder(KubernetesClient kubernetes, Clock clock, ClusterOrgs clusterOrgs,
                                @ConfigProperty(name = "POD_NAME") java.util.Optional<String> podName) {
        // reportingInstance: the pod (set by the chart), else the host name
        return new EventRecorder(kubernetes, clock, podName.orElse(null), clusterOrgs.secretsNamespace());
    }

    @Produces
    @Singleton
    ResyncRequests resyncRequests() {
        return new ResyncRequests();
    }

    @Produces
    @Singleton
    SalesforceClients salesforceClients(KubernetesClient kubernetes, MeterRegistry meters,
            @ConfigProperty(name = "sfio.batch.max-wait", defaultValue = "1s") Duration maxWait,
            @ConfigProperty(name = "sfio.batch.linger", defaultValue = "100ms") Duration linger,
            @ConfigProperty(name = "sfio.trusted-urls") Optional<java.util.List<String>> trustedUrls) {
        TrustedUrls trusted = TrustedUrls.withExtra(trustedUrls.orElse(java.util.List.of()));
        return new CoalescingSalesforceClients(new SalesforceClientProvider(kubernetes, meters, ResilienceSettings.defaults(), trusted),
                BatchSettings.defaults().withMaxWait(maxWait).withLingerWhenIdle(linger));
    }

    void closeClients(@Disposes SalesforceClients clients) {
        if (clients instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // shutting down
            }
        }
    }

    @Produces
    @Singleton
    Installation installation(KubernetesClient kubernetes,
                              @ConfigProperty(name = "sfio.installation-id") Optional<String> configured,
                              @ConfigProperty(name = "sfio.installation-namespace") Optional<String> namespace) {
        return InstallationIdentity.resolve(kubernetes, configured,
                namespace.filter(n -> !n.isBlank()).orElseGet(() -> kubernetes.getNamespace() == null ? "default" : kubernetes.getNamespace()));
    }

    /**
     * Where ClusterSalesforceOrg credentials are read: sfio.cluster-secrets-namespace (the chart sets the release
     * namespace), else the operator's own namespace, else "default" (local mode).
     */
    @Produces
    @Singleton
    ClusterOrgs clusterOrgs(KubernetesClient kubernetes, @ConfigProperty(name = "sfio.cluster-secrets-namespace") Optional<String> namespace) {
        return new ClusterOrgs(namespace.filter(n -> !n.isBlank()).orElseGet(() -> kubernetes.getNamespace() == null
                ? ClusterOrgs.DEFAULT_SECRETS_NAMESPACE : kubernetes.getNamespace()));
    }

    @Produces
    @Singleton
    OrgSettings orgSettings(@ConfigProperty(name = "sfio.org.refresh-interval", defaultValue = "10m") Duration refresh,
                            @ConfigProperty(name = "sfio.org.retry-interval", defaultValue = "30s") Duration retry) {
        return new OrgSettings(refresh, retry);
    }
}
