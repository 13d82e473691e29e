package io.sfintegration.drift;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.testing.Resources;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A rescan request is answered once, even when the label cannot be taken off (so the org is not scanned every tick). */
@EnableKubernetesMockClient(crud = true)
class RescanRequestsTest {

    static KubernetesClient kubernetes;
    static KubernetesMockServer server;

    @Test
    void aRequestWhoseLabelCannotBeRemovedIsAnsweredOnceAndANewValueAsksAgain() {
        IntegrationUser user = Resources.user("erp", "erp@acme.example.com");
        user.getMetadata().setNamespace("team-a");
        user.getMetadata().getLabels().put(RescanRequests.LABEL, "20261202T080000Z");
        kubernetes.resource(user).create();
        // the operator may not patch (an RBAC mistake): the label stays
        server.expect().patch().withPath("/apis/sfintegration.io/v1alpha1/namespaces/team-a/integrationusers/erp")
                .andReturn(403, "{\"kind\":\"Status\",\"code\":403}").always();
        RescanRequests requests = new RescanRequests(kubernetes, new EventRecorder(kubernetes, Clock.systemUTC()));

        Map<String, List<HasMetadata>> first = requests.byOrg(List.of(), Set.of());
        assertThat(first).containsOnlyKeys("team-a/" + user.getSpec().getOrgRef().getName());
        requests.answer(first.values().iterator().next(), new ScanResult("team-a", user.getSpec().getOrgRef().getName(),
                ScanOutcome.FULL, 1, 0, 0, 2, Duration.ofMillis(5), ""));
        assertThat(kubernetes.resources(IntegrationUser.class).inNamespace("team-a").withName("erp").get()
                .getMetadata().getLabels()).containsKey(RescanRequests.LABEL);

        assertThat(requests.byOrg(List.of(), Set.of())).as("the same request again").isEmpty();

        // asked again (an update, as PATCH is refused here)
        IntegrationUser stored = kubernetes.resources(IntegrationUser.class).inNamespace("team-a").withName("erp").get();
        stored.getMetadata().getLabels().put(RescanRequests.LABEL, "20261202T090000Z");
        kubernetes.resource(stored).update();
        assertThat(requests.byOrg(List.of(), Set.of())).as("a new request").hasSize(1);
    }
}
