package io.sfintegration.controller;

import io.sfintegration.testing.MutableClock;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.api.v1alpha1.SalesforceOrgSpec;
import io.sfintegration.local.kube.EmbeddedKubernetes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Events aggregated like client-go's recorder, against the embedded Kubernetes API. */
class EventRecorderTest {

    static EmbeddedKubernetes kube;
    static KubernetesClient client;

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T08:00:00.123456Z"));
    EventRecorder recorder;
    SalesforceOrg org;
    SalesforceOrg other;

    @BeforeAll
    static void startApi() {
        kube = EmbeddedKubernetes.start(0);
        client = kube.client();
    }

    @AfterAll
    static void stopApi() {
        kube.close();
    }

    @BeforeEach
    void resources() {
        client.v1().events().inNamespace("default").delete();
        client.resources(SalesforceOrg.class).inNamespace("default").delete();
        org = create("prod");
        other = create("sandbox");
        recorder = new EventRecorder(client, clock, "operator-pod-1");
    }

    SalesforceOrg create(String name) {
        SalesforceOrg o = new SalesforceOrg();
        o.getMetadata().setName(name);
        o.getMetadata().setNamespace("default");
        SalesforceOrgSpec spec = new SalesforceOrgSpec();
        spec.setInstanceUrl("https://" + name + ".my.salesforce.com");
        io.sfintegration.api.v1alpha1.OrgAuth auth = new io.sfintegration.api.v1alpha1.OrgAuth();
        auth.setAccessTokenSecretRef(new io.sfintegration.api.v1alpha1.SecretKeyRef("token", "token"));
        spec.setAuth(auth);
        o.setSpec(spec);
        return client.resource(o).create();
    }

    List<Event> events() {
        return client.v1().events().inNamespace("default").list().getItems().stream()
                .sorted(Comparator.comparing(e -> e.getMetadata().getName())).toList();
    }

    @Test
    void identicalEventsBecomeOneEventThatCounts() {
        recorder.warning(org, "AuthenticationFailed", "invalid_grant: expired access/refresh token");
        clock.advance(Duration.ofSeconds(30));
        recorder.warning(org, "AuthenticationFailed", "invalid_grant: expired access/refresh token");
        clock.advance(Duration.ofSeconds(30));
        recorder.warning(org, "AuthenticationFailed", "invalid_grant: expired access/refresh token");

        assertThat(events()).hasSize(1);
        Event e = events().get(0);
        assertThat(e.getCount()).isEqualTo(3);
        assertThat(e.getSeries().getCount()).isEqualTo(3);
        assertThat(e.getFirstTimestamp()).isEqualTo("2026-12-02T08:00:00Z");
        assertThat(e.getLastTimestamp()).isEqualTo("2026-12-02T08:01:00Z");
        assertThat(e.getSeries().getLastObservedTime().getTime()).isEqualTo("2026-12-02T08:01:00.123456Z");
        assertThat(e.getEventTime().getTime()).as("when the series started").isEqualTo("2026-12-02T08:00:00.123456Z");
        assertThat(e.getType()).isEqualTo("Warning");
        assertThat(e.getInvolvedObject().getUid()).isEqualTo(org.getMetadata().getUid());
    }

    @Test
    void theReportingControllerAndInstanceAreSet() {
        recorder.normal(org, "Connected", "Connected to org 00D000000000001");
        Event e = events().get(0);
        assertThat(e.getReportingComponent()).isEqualTo("sfintegration.io/integration-user-operator");
        assertThat(e.getReportingInstance()).isEqualTo("operator-pod-1");
        assertThat(e.getSource().getComponent()).isEqualTo(EventRecorder.COMPONENT);
        assertThat(e.getSource().getHost()).isEqualTo("operator-pod-1");
        assertThat(e.getAction()).isEqualTo("Connected");
        assertThat(e.getCount()).isEqualTo(1);
        assertThat(e.getSeries()).as("a single occurrence has no series, as in events.k8s.io").isNull();
    }

    @Test
    void aDifferentMessageReasonTypeOrObjectIsAnotherEvent() {
        recorder.warning(org, "ReconcileError", "Salesforce answered 503");
        recorder.warning(org, "ReconcileError", "Salesforce answered 500");
        recorder.warning(org, "RejectedBySalesforce", "Salesforce answered 503");
        recorder.normal(org, "ReconcileError", "Salesforce answered 503");
        recorder.warning(other, "ReconcileError", "Salesforce answered 503");
        recorder.warning(org, "ReconcileError", "Salesforce answered 503");

        assertThat(events()).hasSize(5);
        assertThat(events()).filteredOn(e -> e.getCount() == 2).singleElement().satisfies(e -> {
            assertThat(e.getInvolvedObject().getName()).isEqualTo("prod");
            assertThat(e.getMessage()).isEqualTo("Salesforce answered 503");
            assertThat(e.getReason()).isEqualTo("ReconcileError");
            assertThat(e.getType()).isEqualTo("Warning");
        });
    }

    @Test
    void anEventTheApiServerDroppedStartsANewSeries() {
        recorder.warning(org, "OrgUnreachable", "connect timed out");
        recorder.warning(org, "OrgUnreachable", "connect timed out");
        // the API server deletes Events after their TTL (one hour by default)
        client.v1().events().inNamespace("default").delete();
        clock.advance(Duration.ofHours(2));

        recorder.warning(org, "OrgUnreachable", "connect timed out");
        recorder.warning(org, "OrgUnreachable", "connect timed out");
        assertThat(events()).singleElement().satisfies(e -> {
            assertThat(e.getCount()).isEqualTo(2);
            assertThat(e.getFirstTimestamp()).isEqualTo("2026-12-02T10:00:00Z");
        });
    }

    @Test
    void twoHundredRetriesOfTheSameFailureLeaveOneEvent() {
        for (int i = 0; i < 200; i++) {
            recorder.warning(org, "ReconcileError", "Salesforce answered 503");
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(events()).singleElement().extracting(Event::getCount).isEqualTo(200);
    }
}
