package io.sfintegration.drift;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.sfintegration.api.v1alpha1.ClusterSalesforceOrg;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.salesforce.OrgKey;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;

/**
 * "Scan this org for drift now": the annotation {@value #ANNOTATION} on a SalesforceOrg, a ClusterSalesforceOrg or an IntegrationUser (set by
 * the Argo CD action rescan-drift, or by {@code kubectl annotate}). The drift scanner looks for it every tick in the
 * controllers' informer caches (no API call), runs a full scan of the org, reports the outcome in an Event on each
 * resource that asked, and removes the annotation.
 */
final class RescanRequests {

    static final String ANNOTATION = "sfintegration.io/rescan-drift";
    static final String EVENT = "DriftRescanned";

    private static final Logger LOG = Logger.getLogger(RescanRequests.class);
    private static final String POINTER = "/metadata/annotations/" + ANNOTATION.replace("~", "~0").replace("/", "~1");

    private final KubernetesClient kube;
    private final EventRecorder events;
    /**
     * Annotation values already answered, by resource: if the annotation cannot be removed (RBAC, a conflict), the same
     * request is not answered again every tick. Holds only resources that still carry the annotation.
     */
    private final Map<String, String> answered = new ConcurrentHashMap<>();

    RescanRequests(KubernetesClient kube, EventRecorder events) {
        this.kube = kube;
        this.events = events;
    }

    /**
     * The resources asking for a rescan, by org key: the orgs given that carry the annotation, and annotated users.
     *
     * @param usersOf the IntegrationUsers that use an org (from the informer caches; a cluster org's span namespaces)
     */
    Map<String, List<HasMetadata>> byOrg(List<SalesforceOrg> orgs, Function<SalesforceOrg, List<IntegrationUser>> usersOf) {
        Map<String, List<HasMetadata>> out = new LinkedHashMap<>();
        Set<String> requesting = new HashSet<>();
        for (SalesforceOrg org : orgs) {
            if (requested(org)) {
                HasMetadata asker = asker(org);
                requesting.add(id(asker));
                if (!alreadyAnswered(asker)) {
                    out.computeIfAbsent(OrgCatalog.key(org), k -> new ArrayList<>()).add(asker);
                }
            }
        }
        for (SalesforceOrg org : orgs) {
            for (IntegrationUser user : usersOf.apply(org).stream().filter(RescanRequests::requested).toList()) {
                requesting.add(id(user));
                if (user.getMetadata().getDeletionTimestamp() == null && !alreadyAnswered(user)) {
                    out.computeIfAbsent(OrgCatalog.key(org), k -> new ArrayList<>()).add(user);
                }
            }
        }
        answered.keySet().retainAll(requesting);
        return out;
    }

    /** Says how the scan went on each resource that asked and takes the label off, unless it was set again meanwhile. */
    void answer(List<HasMetadata> askers, ScanResult result) {
        String message = "Drift scan of " + (result.namespace().isEmpty() ? "ClusterSalesforceOrg " + result.org()
                : "SalesforceOrg " + result.namespace() + "/" + result.org()) + " asked for with the "
                + ANNOTATION + " annotation: " + result.outcome() + ", " + result.resourcesChecked() + " resources checked, "
                + result.drifted() + " drifted, " + result.orphans() + " orphans"
                + (result.message() == null || result.message().isEmpty() ? "." : " (" + result.message() + ").");
        for (HasMetadata asker : askers) {
            if (result.outcome() == ScanOutcome.FAILED || result.outcome() == ScanOutcome.THROTTLED) {
                events.warning(asker, EVENT, message);
            } else {
                events.normal(asker, EVENT, message);
            }
            answered.put(id(asker), asker.getMetadata().getAnnotations().get(ANNOTATION));
            removeAnnotation(asker);
        }
    }

    /**
     * Who asked: the SalesforceOrg itself, or for a ClusterSalesforceOrg's view (which lives in no namespace of its
     * own) the cluster org, so the Event names it and the annotation is taken off it.
     */
    private static HasMetadata asker(SalesforceOrg org) {
        if (!OrgKey.isClusterView(org)) {
            return org;
        }
        ClusterSalesforceOrg cluster = new ClusterSalesforceOrg();
        cluster.setMetadata(new ObjectMetaBuilder().withName(org.getMetadata().getName()).withUid(org.getMetadata().getUid())
                .withResourceVersion(org.getMetadata().getResourceVersion()).withAnnotations(org.getMetadata().getAnnotations()).build());
        return cluster;
    }

    private boolean alreadyAnswered(HasMetadata resource) {
        return resource.getMetadata().getAnnotations().get(ANNOTATION).equals(answered.get(id(resource)));
    }

    private static String id(HasMetadata resource) {
        return resource.getKind() + "/" + resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
    }

    private void removeAnnotation(HasMetadata resource) {
        String value = resource.getMetadata().getAnnotations().get(ANNOTATION);
        // "test" first: a request made while the scan ran carries a new value and stays for the next round
        String patch = "[{\"op\":\"test\",\"path\":\"" + POINTER + "\",\"value\":" + quote(value) + "},"
                + "{\"op\":\"remove\",\"path\":\"" + POINTER + "\"}]";
        try {
            String namespace = resource.getMetadata().getNamespace();
            (namespace == null ? kube.resources(resource.getClass()) : kube.resources(resource.getClass()).inNamespace(namespace))
                    .withName(resource.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON), patch);
        } catch (KubernetesClientException e) {
            LOG.debugf("left the %s annotation on %s %s/%s: %s", ANNOTATION, resource.getKind(), resource.getMetadata().getNamespace(),
                    resource.getMetadata().getName(), e.getMessage());
        }
    }

    private static boolean requested(HasMetadata resource) {
        Map<String, String> annotations = resource.getMetadata().getAnnotations();
        return annotations != null && annotations.containsKey(ANNOTATION);
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
