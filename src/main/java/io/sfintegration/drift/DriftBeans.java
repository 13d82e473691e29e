package io.sfintegration.drift;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.ResyncRequests;
import io.sfintegration.salesforce.SalesforceClients;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * CDI wiring of the drift scan: the {@link DriftScanner} bean, started with the application (unless
 * {@code sfio.drift.enabled=false}) and closed with it. {@link DriftReport} is a bean of its own, read by
 * {@link DriftResource}.
 */
@ApplicationScoped
public class DriftBeans {

    @Produces
    @Singleton
    DriftScanSettings driftScanSettings(
            @ConfigProperty(name = "sfio.drift.default-interval", defaultValue = "10m") Duration defaultInterval,
            @ConfigProperty(name = "sfio.drift.full-read-every", defaultValue = "6") int fullReadEvery,
            @ConfigProperty(name = "sfio.drift.tick", defaultValue = "10s") Duration tick,
            @ConfigProperty(name = "sfio.drift.initial-delay", defaultValue = "30s") Duration initialDelay,
            @ConfigProperty(name = "sfio.drift.probe-overlap", defaultValue = "1m") Duration probeOverlap,
            @ConfigProperty(name = "sfio.drift.namespaces") Optional<List<String>> namespaces) {
        return new DriftScanSettings(defaultInterval, fullReadEvery, tick, initialDelay, probeOverlap,
                Set.copyOf(namespaces.orElse(List.of())));
    }

    @Produces
    @Singleton
    DriftScanner driftScanner(KubernetesClient kubernetes, SalesforceClients clients, OrgCatalog catalog, ResyncRequests resync,
                              io.sfintegration.controller.ClusterOrgs clusterOrgs,
                              EventRecorder events, MeterRegistry meters, Clock clock, DriftScanSettings settings, DriftReport report,
                              Operator operator,
                              @ConfigProperty(name = "sfio.leader-election.enabled", defaultValue = "false") boolean leaderElection,
                              @ConfigProperty(name = "sfio.leader-election.lease-name", defaultValue = "integration-user-operator-lease") String leaseName,
                              @ConfigProperty(name = "sfio.leader-election.lease-namespace") Optional<String> leaseNamespace,
                              @ConfigProperty(name = "POD_NAMESPACE") Optional<String> podNamespace,
                              @ConfigProperty(name = "POD_NAME") Optional<String> podName) {
        BooleanSupplier mayScan = () -> true;
        if (leaderElection) {
            // the same Lease and identity JOSDK uses (LeaderElectionConfig): only the leader scans
            String namespace = leaseNamespace.or(() -> podNamespace).filter(s -> !s.isBlank()).orElse(kubernetes.getNamespace());
            String identity = podName.filter(s -> !s.isBlank()).orElseGet(DriftBeans::hostName);
            mayScan = new LeaseHolderCheck(kubernetes, namespace, leaseName, identity);
        }
        // the controllers' namespaces and informer caches: no cluster-wide list in a namespace-scoped install
        ScannedResources resources = new ScannedResources(kubernetes, settings.namespaces(), operator::getRegisteredControllers, clusterOrgs);
        return new DriftScanner(kubernetes, clients, catalog, resync, events, meters, clock, settings, report, mayScan, resources);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown";
        }
    }

    void closeScanner(@Disposes DriftScanner scanner) {
        scanner.close();
    }

    void onStart(@Observes StartupEvent event, DriftScanner scanner,
                 @ConfigProperty(name = "sfio.drift.enabled", defaultValue = "true") boolean enabled) {
        if (enabled) {
            scanner.start();
        }
    }

    void onStop(@Observes ShutdownEvent event, DriftScanner scanner) {
        scanner.close();
    }
}
