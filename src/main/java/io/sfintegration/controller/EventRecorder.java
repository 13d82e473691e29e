package io.sfintegration.controller;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.jboss.logging.Logger;

import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Records Kubernetes Events on our resources the way client-go's recorder does: an event identical to one recorded
 * before (same object, type, reason and message) does not create a new Event object; the existing one is patched
 * with a higher {@code count} and {@code series.count} and a new {@code lastTimestamp} / {@code series.lastObservedTime}.
 * A reconcile that retries the same failure every few seconds so leaves one Event that counts, not hundreds.
 * <p>
 * The recorder remembers the Event it created per identical event (the last {@value #MAX_REMEMBERED}); it never reads
 * Events back (RBAC grants create and patch only). When the API server has already dropped the Event (its TTL, one hour
 * by default), the patch gets 404 and a new Event starts a new series.
 * <p>
 * Messages are built by the controllers from names and Salesforce error texts only, never from credentials. Failing to
 * record an event never fails a reconcile.
 */
public class EventRecorder {

    public static final String COMPONENT = "integration-user-operator";
    /** {@code reportingController}: a qualified name, as events.k8s.io requires. */
    public static final String REPORTING_CONTROLLER = "sfintegration.io/" + COMPONENT;
    static final int MAX_REMEMBERED = 4096;
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);
    private static final DateTimeFormatter MICRO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
            .withZone(ZoneOffset.UTC);

    private final KubernetesClient client;
    private final Clock clock;
    private final String reportingInstance;
    private final Map<Key, Series> seriesByKey = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Series> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    private final String clusterEventsNamespace;

    public EventRecorder(KubernetesClient client, Clock clock) {
        this(client, clock, defaultInstance());
    }

    /** @param reportingInstance this operator process, e.g. its pod name */
    public EventRecorder(KubernetesClient client, Clock clock, String reportingInstance) {
        this(client, clock, reportingInstance, ClusterOrgs.DEFAULT_SECRETS_NAMESPACE);
    }

    /**
     * @param clusterEventsNamespace where the Events of cluster-scoped objects (ClusterSalesforceOrg) go: the operator's
     *                               own namespace, where it may write Events whatever namespaces it watches
     */
    public EventRecorder(KubernetesClient client, Clock clock, String reportingInstance, String clusterEventsNamespace) {
        this.clusterEventsNamespace = clusterEventsNamespace;
        this.client = client;
        this.clock = clock;
        this.reportingInstance = reportingInstance == null || reportingInstance.isBlank() ? defaultInstance() : reportingInstance;
    }

    public void normal(HasMetadata resource, String reason, String message) {
        record(resource, "Normal", reason, message);
    }

    public void warning(HasMetadata resource, String reason, String message) {
        record(resource, "Warning", reason, message);
    }

    /** What client-go compares to decide that two events are the same (resourceVersion excluded). */
    private record Key(String namespace, String apiVersion, String kind, String name, String uid, String type,
                       String reason, String message) {
        static Key of(HasMetadata r, String type, String reason, String message) {
            return new Key(r.getMetadata().getNamespace(), r.getApiVersion(), r.getKind(), r.getMetadata().getName(),
                    r.getMetadata().getUid(), type, reason, message);
        }
    }

    /** The Event object of one series of identical events; guarded by its own monitor. */
    private static final class Series {
        String eventName;
        int count;
    }

    private void record(HasMetadata resource, String type, String reason, String message) {
        Series s;
        synchronized (seriesByKey) {
            s = seriesByKey.computeIfAbsent(Key.of(resource, type, reason, message), k -> new Series());
        }
        // one series at a time, so two reconciles reporting the same failure count it twice instead of racing
        synchronized (s) {
            Instant now = clock.instant();
            try {
                if (s.eventName != null && patch(resource, s, now)) {
                    return;
                }
                create(resource, s, type, reason, message, now);
            } catch (KubernetesClientException e) {
                LOG.debugf("could not record event %s on %s/%s: %s", reason, resource.getKind().toLowerCase(Locale.ROOT),
                        resource.getMetadata().getName(), e.getMessage());
            }
        }
    }

    /** Counts one more occurrence on the existing Event; false when the API server no longer has it. */
    private boolean patch(HasMetadata resource, Series s, Instant now) {
        int count = s.count + 1;
        String patch = "{\"count\":" + count + ",\"lastTimestamp\":\"" + seconds(now) + "\",\"series\":{\"count\":" + count
                + ",\"lastObservedTime\":\"" + micro(now) + "\"}}";
        try {
            client.v1().events().inNamespace(eventNamespace(resource)).withName(s.eventName)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            s.count = count;
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private void create(HasMetadata resource, Series s, String type, String reason, String message, Instant now) {
        String namespace = resource.getMetadata().getNamespace();
        String name = resource.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8);
        client.v1().events().inNamespace(eventNamespace(resource)).resource(new EventBuilder()
                .withNewMetadata().withName(name).withNamespace(eventNamespace(resource)).endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(resource.getApiVersion())
                        .withKind(resource.getKind())
                        .withName(resource.getMetadata().getName())
                        .withNamespace(namespace)
                        .withUid(resource.getMetadata().getUid())
                        .withResourceVersion(resource.getMetadata().getResourceVersion())
                        .build())
                .withType(type)
                .withReason(reason)
                // events.k8s.io wants an action beside the reason; ours name both with the reason
                .withAction(reason)
                .withMessage(message)
                .withFirstTimestamp(seconds(now))
                .withLastTimestamp(seconds(now))
                .withEventTime(new MicroTime(micro(now)))
                .withCount(1)
                .withNewSource().withComponent(COMPONENT).withHost(reportingInstance).endSource()
                .withReportingComponent(REPORTING_CONTROLLER)
                .withReportingInstance(reportingInstance)
                .build()).create();
        s.eventName = name;
        s.count = 1;
    }

    private static String seconds(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String micro(Instant t) {
        return MICRO_TIME.format(t.truncatedTo(ChronoUnit.MICROS));
    }

    private static String defaultInstance() {
        String pod = System.getenv("POD_NAME");
        if (pod != null && !pod.isBlank()) {
            return pod;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return COMPONENT;
        }
    }

    /**
     * A cluster-scoped object's Events need a namespace too: the operator's (kubectl describe of a cluster-scoped
     * object searches Events in every namespace by involvedObject).
     */
    private String eventNamespace(HasMetadata resource) {
        String namespace = resource.getMetadata().getNamespace();
        return namespace == null || namespace.isBlank() ? clusterEventsNamespace : namespace;
    }
}
