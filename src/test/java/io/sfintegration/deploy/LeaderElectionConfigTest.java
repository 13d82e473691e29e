package io.sfintegration.deploy;

import io.sfintegration.config.LeaderElectionConfig;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The chart's SFIO_LEADER_ELECTION_* variables become JOSDK's Lease configuration. */
class LeaderElectionConfigTest {

    @Test
    void disabledMeansNoLeaderElection() {
        assertThat(LeaderElectionConfig.create(false, "lease", Optional.of("ns"), Optional.of("pod-1"))).isNull();
    }

    @Test
    void enabledUsesTheLeaseInThePodNamespaceWithThePodNameAsIdentity() {
        var config = LeaderElectionConfig.create(true, LeaderElectionConfig.DEFAULT_LEASE_NAME,
                Optional.of("integration-user-operator"), Optional.of("integration-user-operator-7d9f-abcde"));
        assertThat(config.getLeaseName()).isEqualTo("integration-user-operator-lease");
        assertThat(config.getLeaseNamespace()).contains("integration-user-operator");
        assertThat(config.getIdentity()).contains("integration-user-operator-7d9f-abcde");
    }

    @Test
    void withoutANamespaceJosdkFallsBackToTheClientNamespace() {
        var config = LeaderElectionConfig.create(true, "lease", Optional.of(" "), Optional.empty());
        assertThat(config.getLeaseNamespace()).isEmpty();
        assertThat(config.getIdentity()).isEmpty();
    }
}
