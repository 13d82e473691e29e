package io.sfintegration.deploy;

import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationService;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the chart sets with two replicas (SFIO_LEADER_ELECTION_ENABLED=true, POD_NAMESPACE) reaches JOSDK:
 * the operator takes the Lease in the pod's namespace. Leader election is only active in the prod profile,
 * so this test activates it for the test profile. The Lease itself is only taken when at least one Reconciler
 * is registered (QOSDK does not start an operator without one).
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = LeaderElectionQuarkusTest.GrantLeases.class)
@TestProfile(LeaderElectionQuarkusTest.Enabled.class)
class LeaderElectionQuarkusTest {

    /**
     * JOSDK checks with a SelfSubjectRulesReview that it may get/create/update Leases before it campaigns (the
     * chart's leader-election Role grants exactly these); the mock API server cannot answer that review itself.
     */
    public static class GrantLeases implements Consumer<KubernetesServer> {
        @Override
        public void accept(KubernetesServer server) {
            var review = new SelfSubjectRulesReviewBuilder()
                    .withNewStatus().withIncomplete(false)
                    .addNewResourceRule()
                    .withApiGroups("coordination.k8s.io").withResources("leases").withVerbs("get", "create", "update")
                    .endResourceRule()
                    .endStatus().build();
            server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                    .andReturn(201, review).always();
        }
    }

    public static class Enabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.operator-sdk.activate-leader-election-for-profiles", "test",
                    // SSA off: Quarkus' test Kubernetes server is fabric8's plain mock (415 to apply patches), and
                    // this test is about leases, not status writes
                    "quarkus.operator-sdk.enable-ssa", "false",
                    "sfio.leader-election.enabled", "true",
                    "sfio.leader-election.lease-namespace", "operator-ns",
                    "POD_NAME", "operator-pod-0");
        }
    }

    @Inject
    ConfigurationService configurationService;

    @Inject
    KubernetesClient client;

    @Inject
    Operator operator;

    @Test
    void operatorTakesTheLeaseInItsNamespace() {
        var config = configurationService.getLeaderElectionConfiguration();
        assertThat(config).isPresent();
        assertThat(config.get().getLeaseName()).isEqualTo("integration-user-operator-lease");
        assertThat(config.get().getLeaseNamespace()).contains("operator-ns");
        // QOSDK starts no operator (and so no election) while no Reconciler exists: check the Lease once there is one
        if (operator.getRuntimeInfo().getRegisteredControllers().isEmpty()) {
            return;
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Lease lease = client.leases().inNamespace("operator-ns").withName("integration-user-operator-lease").get();
            assertThat(lease).isNotNull();
            assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("operator-pod-0");
        });
    }
}
