package io.sfintegration.salesforce;

import io.sfintegration.api.v1alpha1.SalesforceOrg;

import java.util.Map;
import java.util.Objects;

/**
 * The one key of an org object for every cache (clients, catalog, drift): {@code namespace/name} for a SalesforceOrg,
 * {@code /name} for a ClusterSalesforceOrg. A cluster org reaches the clients as a SalesforceOrg view (same spec and
 * status, its Secrets' namespace as namespace, this label): without a key of its own it would share the client of a
 * SalesforceOrg of the same name in that namespace. Namespace names are never empty, so the two never collide.
 */
public final class OrgKey {

    /** Set only on the in-memory view of a ClusterSalesforceOrg; never stored. */
    public static final String CLUSTER_VIEW_LABEL = "sfintegration.io/cluster-org-view";

    private OrgKey() {
    }

    public static String of(SalesforceOrg org) {
        return isClusterView(org) ? cluster(org.getMetadata().getName())
                : namespaced(Objects.requireNonNull(org.getMetadata().getNamespace(), "namespace"), org.getMetadata().getName());
    }

    public static String namespaced(String namespace, String name) {
        return namespace + "/" + name;
    }

    public static String cluster(String name) {
        return "/" + name;
    }

    public static boolean isClusterView(SalesforceOrg org) {
        Map<String, String> labels = org.getMetadata().getLabels();
        return labels != null && "true".equals(labels.get(CLUSTER_VIEW_LABEL));
    }
}
