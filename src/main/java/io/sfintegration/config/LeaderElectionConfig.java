package io.sfintegration.config;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Turns on JOSDK's Lease-based leader election from configuration, so that several replicas are safe:
 * only the replica holding the Lease reconciles, the others wait to take over.
 *
 * <p>QOSDK looks up a {@link LeaderElectionConfiguration} bean at start-up (only in the profiles listed in
 * {@code quarkus.operator-sdk.activate-leader-election-for-profiles}, default {@code prod}); a {@code null}
 * bean means "no leader election", which is what a single replica and local mode want.
 *
 * <p>Properties (environment variables in brackets, set by the Helm chart):
 * <ul>
 *   <li>{@code sfio.leader-election.enabled} ({@code SFIO_LEADER_ELECTION_ENABLED}), default false;</li>
 *   <li>{@code sfio.leader-election.lease-name}, default {@code integration-user-operator-lease};</li>
 *   <li>{@code sfio.leader-election.lease-namespace}, default the {@code POD_NAMESPACE} environment variable
 *       (downward API); when neither is set JOSDK uses the client's namespace.</li>
 * </ul>
 */
@Singleton
public class LeaderElectionConfig {

    public static final String DEFAULT_LEASE_NAME = "integration-user-operator-lease";

    @ConfigProperty(name = "sfio.leader-election.enabled", defaultValue = "false")
    boolean enabled;

    @ConfigProperty(name = "sfio.leader-election.lease-name", defaultValue = DEFAULT_LEASE_NAME)
    String leaseName;

    @ConfigProperty(name = "sfio.leader-election.lease-namespace")
    Optional<String> leaseNamespace;

    @ConfigProperty(name = "POD_NAMESPACE")
    Optional<String> podNamespace;

    @ConfigProperty(name = "POD_NAME")
    Optional<String> podName;

    @Produces
    @Dependent
    LeaderElectionConfiguration leaderElectionConfiguration() {
        return create(enabled, leaseName, leaseNamespace.or(() -> podNamespace), podName);
    }

    /** Returns null when disabled: QOSDK then runs without leader election. */
    public static LeaderElectionConfiguration create(boolean enabled, String leaseName,
                                              Optional<String> namespace, Optional<String> identity) {
        if (!enabled) {
            return null;
        }
        LeaderElectionConfigurationBuilder builder = LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(leaseName);
        namespace.filter(s -> !s.isBlank()).ifPresent(builder::withLeaseNamespace);
        // the pod name is unique per replica; without it JOSDK falls back to the host name, which is the same thing in a pod
        identity.filter(s -> !s.isBlank()).ifPresent(builder::withIdentity);
        return builder.build();
    }
}
