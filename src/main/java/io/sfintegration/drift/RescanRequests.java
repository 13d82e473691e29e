package io.sfintegration.drift;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.OrgCatalog;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * "Scan this org for drift now": the label {@value #LABEL} on a SalesforceOrg or an IntegrationUser (set by the
 * Argo CD action rescan-drift, or by {@code kubectl label}). The drift scanner looks for it every tick, runs a full
 * scan of the org, reports the outcome in an Event on each resource that asked, and removes the label.
 * <p>
 * A label rather than an annotation, so that finding the requests is one list call with a label selector served from
 * the API server's watch cache, whose answer holds only the resources that asked, however many users there are.
 */
final class RescanRequests {

    static final String LABEL = "sfintegration.io/rescan-drift";
    static final String EVENT = "DriftRescanned";

    private static final Logger LOG = Logger.getLogger(RescanRequests.class);
    private static final String LABEL_POINTER = "/metadata/labels/" + LABEL.replace("~", "~0").replace("/", "~1");

    private final KubernetesClient kube;
    private final EventRecorder events;
    /**
     * Label values already answered, by resource: if the label cannot be removed (RBAC, a conflict), the same request
     * is not answered again every tick. Holds only resources that still carry the label.
     */
    private final Map<String, String> answered = new ConcurrentHashMap<>();

    RescanRequests(KubernetesClient kube, EventRecorder events) {
        this.kube = kube;
        this.events = events;
    }

    /** The resources asking for a rescan, by org key: the orgs given that carry the label, and labelled users. */
    Map<String, List<HasMetadata>> byOrg(List<SalesforceOrg> orgs, Set<String> namespaces) {
        Map<String, List<HasMetadata>> out = new LinkedHashMap<>();
        Set<String> labelled = new HashSet<>();
        for (SalesforceOrg org : orgs) {
            if (requested(org)) {
                labelled.add(id(org));
                if (!alreadyAnswered(org)) {
                    out.computeIfAbsent(OrgCatalog.key(org.getMetadata().getNamespace(), org.getMetadata().getName()),
                            k -> new ArrayList<>()).add(org);
                }
            }
        }
        for (IntegrationUser user : labelledUsers(namespaces)) {
            labelled.add(id(user));
            if (user.getSpec() != null && user.getSpec().getOrgRef() != null && user.getMetadata().getDeletionTimestamp() == null
                    && !alreadyAnswered(user)) {
                out.computeIfAbsent(OrgCatalog.key(user.getMetadata().getNamespace(), user.getSpec().getOrgRef().getName()),
                        k -> new ArrayList<>()).add(user);
            }
        }
        answered.keySet().retainAll(labelled);
        return out;
    }

    /** Says how the scan went on each resource that asked and takes the label off, unless it was set again meanwhile. */
    void answer(List<HasMetadata> askers, ScanResult result) {
        String message = "Drift scan of SalesforceOrg " + result.namespace() + "/" + result.org() + " asked for with the "
                + LABEL + " label: " + result.outcome() + ", " + result.resourcesChecked() + " resources checked, "
                + result.drifted() + " drifted, " + result.orphans() + " orphans"
                + (result.message() == null || result.message().isEmpty() ? "." : " (" + result.message() + ").");
        for (HasMetadata asker : askers) {
            if (result.outcome() == ScanOutcome.FAILED || result.outcome() == ScanOutcome.THROTTLED) {
                events.warning(asker, EVENT, message);
            } else {
                events.normal(asker, EVENT, message);
            }
            answered.put(id(asker), asker.getMetadata().getLabels().get(LABEL));
            removeLabel(asker);
        }
    }

    private boolean alreadyAnswered(HasMetadata resource) {
        return resource.getMetadata().getLabels().get(LABEL).equals(answered.get(id(resource)));
    }

    private static String id(HasMetadata resource) {
        return resource.getKind() + "/" + resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
    }

    private void removeLabel(HasMetadata resource) {
        String value = resource.getMetadata().getLabels().get(LABEL);
        // "test" first: a request made while the scan ran carries a new value and stays for the next round
        String patch = "[{\"op\":\"test\",\"path\":\"" + LABEL_POINTER + "\",\"value\":" + quote(value) + "},"
                + "{\"op\":\"remove\",\"path\":\"" + LABEL_POINTER + "\"}]";
        try {
            kube.resources(resource.getClass()).inNamespace(resource.getMetadata().getNamespace())
                    .withName(resource.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON), patch);
        } catch (KubernetesClientException e) {
            LOG.debugf("left the %s label on %s %s/%s: %s", LABEL, resource.getKind(), resource.getMetadata().getNamespace(),
                    resource.getMetadata().getName(), e.getMessage());
        }
    }

    private List<IntegrationUser> labelledUsers(Set<String> namespaces) {
        // resourceVersion 0: served from the API server's cache, not a quorum read of every user from etcd
        var options = new ListOptionsBuilder().withLabelSelector(LABEL).withResourceVersion("0").build();
        try {
            if (namespaces.isEmpty()) {
                return kube.resources(IntegrationUser.class).inAnyNamespace().list(options).getItems();
            }
            List<IntegrationUser> out = new ArrayList<>();
            for (String namespace : namespaces) {
                out.addAll(kube.resources(IntegrationUser.class).inNamespace(namespace).list(options).getItems());
            }
            return out;
        } catch (KubernetesClientException e) {
            // the scheduled scans must not depend on this: requests on users wait for the next round
            LOG.debugf("could not list IntegrationUsers asking for a rescan: %s", e.getMessage());
            return List.of();
        }
    }

    private static boolean requested(HasMetadata resource) {
        Map<String, String> labels = resource.getMetadata().getLabels();
        return labels != null && labels.containsKey(LABEL);
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
