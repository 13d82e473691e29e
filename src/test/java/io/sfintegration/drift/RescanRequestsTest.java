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

import static org.assertj.core.api.Assertions.assertThat;

/** A rescan request is answered once, even when the annotation cannot be taken off (so the org is not scanned every tick). */
@EnableKubernetesMockClient(crud = true)
class RescanRequestsTest {

    static KubernetesClient kubernetes;
    static KubernetesMockServer server;

    @Test
    void aRequestWhoseAnnotationCannotBeRemovedIsAnsweredOnceAndANewValueAsksAgain() {
        IntegrationUser user = Resources.user("erp", "erp@acme.example.com");
        user.getMetadata().setNamespace("team-a");
        user.getMetadata().getAnnotations().put(RescanRequests.ANNOTATION, "20261202T080000Z");
        kubernetes.resource(user).create();
        // the operator may not patch (an RBAC mistake): the annotation stays
        server.expect().patch().withPath("/apis/sfintegration.io/v1alpha1/namespaces/team-a/integrationusers/erp")
                .andReturn(403, "{\"kind\":\"Status\",\"code\":403}").always();
        RescanRequests requests = new RescanRequests(kubernetes, new EventRecorder(kubernetes, Clock.systemUTC()));
        io.sfintegration.api.v1alpha1.SalesforceOrg org = new io.sfintegration.api.v1alpha1.SalesforceOrg();
        org.getMetadata().setName(user.getSpec().getOrgRef().getName());
        org.getMetadata().setNamespace("team-a");
        List<io.sfintegration.api.v1alpha1.SalesforceOrg> orgs = List.of(org);
        java.util.function.Function<io.sfintegration.api.v1alpha1.SalesforceOrg, List<IntegrationUser>> usersIn =
                o -> kubernetes.resources(IntegrationUser.class).inNamespace(o.getMetadata().getNamespace()).list().getItems();

        Map<String, List<HasMetadata>> first = requests.byOrg(orgs, usersIn);
        assertThat(first).containsOnlyKeys("team-a/" + user.getSpec().getOrgRef().getName());
        requests.answer(first.values().iterator().next(), new ScanResult("team-a", user.getSpec().getOrgRef().getName(),
                ScanOutcome.FULL, 1, 0, 0, 2, Duration.ofMillis(5), ""));
        assertThat(kubernetes.resources(IntegrationUser.class).inNamespace("team-a").withName("erp").get()
                .getMetadata().getAnnotations()).containsKey(RescanRequests.ANNOTATION);

        assertThat(requests.byOrg(orgs, usersIn)).as("the same request again").isEmpty();

        // asked again (an update, as PATCH is refused here)
        IntegrationUser stored = kubernetes.resources(IntegrationUser.class).inNamespace("team-a").withName("erp").get();
        stored.getMetadata().getAnnotations().put(RescanRequests.ANNOTATION, "20261202T090000Z");
        kubernetes.resource(stored).update();
        assertThat(requests.byOrg(orgs, usersIn)).as("a new request").hasSize(1);
    }
}
