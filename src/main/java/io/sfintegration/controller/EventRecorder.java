package io.sfintegration.controller;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

/**
 * Records Kubernetes Events on our resources. Messages are built by the controllers from names and Salesforce error
 * texts only, never from credentials. Failing to record an event never fails a reconcile.
 */
public class EventRecorder {

    public static final String COMPONENT = "integration-user-operator";
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final Clock clock;

    public EventRecorder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void normal(HasMetadata resource, String reason, String message) {
        record(resource, "Normal", reason, message);
    }

    public void warning(HasMetadata resource, String reason, String message) {
        record(resource, "Warning", reason, message);
    }

    private void record(HasMetadata resource, String type, String reason, String message) {
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        String name = resource.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8);
        try {
            client.v1().events().inNamespace(resource.getMetadata().getNamespace()).resource(new EventBuilder()
                    .withNewMetadata().withName(name).withNamespace(resource.getMetadata().getNamespace()).endMetadata()
                    .withInvolvedObject(new ObjectReferenceBuilder()
                            .withApiVersion(resource.getApiVersion())
                            .withKind(resource.getKind())
                            .withName(resource.getMetadata().getName())
                            .withNamespace(resource.getMetadata().getNamespace())
                            .withUid(resource.getMetadata().getUid())
                            .withResourceVersion(resource.getMetadata().getResourceVersion())
                            .build())
                    .withType(type)
                    .withReason(reason)
                    .withMessage(message)
                    .withFirstTimestamp(now)
                    .withLastTimestamp(now)
                    .withCount(1)
                    .withNewSource().withComponent(COMPONENT).endSource()
                    .withReportingComponent(COMPONENT)
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.debugf("could not record event %s on %s/%s: %s", reason, resource.getKind().toLowerCase(Locale.ROOT),
                    resource.getMetadata().getName(), e.getMessage());
        }
    }
}
