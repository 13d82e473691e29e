package io.sfintegration.controller;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.sfintegration.api.v1alpha1.AllowedNamespaces;
import io.sfintegration.api.v1alpha1.ClusterSalesforceOrg;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.salesforce.OrgKey;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What makes a ClusterSalesforceOrg different from a SalesforceOrg, in one place: where its Secrets are read (only the
 * platform's cluster-secrets namespace, never a tenant's) and which namespaces may use it. Everything else (client,
 * catalog, status) treats it as a SalesforceOrg through {@link #view}.
 */
public final class ClusterOrgs {

    /** sfio.cluster-secrets-namespace when unset and the operator's namespace is unknown (local mode). */
    public static final String DEFAULT_SECRETS_NAMESPACE = "default";

    private final String secretsNamespace;

    public ClusterOrgs(String secretsNamespace) {
        this.secretsNamespace = Objects.requireNonNull(secretsNamespace);
    }

    public String secretsNamespace() {
        return secretsNamespace;
    }

    /**
     * The cluster org as a SalesforceOrg: the same spec and status objects, and the cluster-secrets namespace as its
     * namespace, which is where the credentials reader then looks. Marked, so its caches are keyed apart (OrgKey).
     */
    public SalesforceOrg view(ClusterSalesforceOrg org) {
        SalesforceOrg view = new SalesforceOrg();
        ObjectMeta source = org.getMetadata();
        Map<String, String> labels = new HashMap<>(source.getLabels() == null ? Map.of() : source.getLabels());
        labels.put(OrgKey.CLUSTER_VIEW_LABEL, "true");
        view.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(source.getName()).withNamespace(secretsNamespace)
                .withUid(source.getUid()).withGeneration(source.getGeneration()).withResourceVersion(source.getResourceVersion())
                .withCreationTimestamp(source.getCreationTimestamp()).withDeletionTimestamp(source.getDeletionTimestamp())
                .withAnnotations(source.getAnnotations()).withLabels(labels).build());
        view.setSpec(org.getSpec());
        view.setStatus(org.getStatus());
        return view;
    }

    /** Whether a namespace may use the org: listed by name, or its labels match the selector ({} matches all). */
    public static boolean allows(ClusterSalesforceOrg org, Namespace namespace, String namespaceName) {
        AllowedNamespaces allowed = org.getSpec() == null ? null : org.getSpec().getAllowedNamespaces();
        if (allowed == null) {
            return false;
        }
        if (allowed.getNames() != null && allowed.getNames().contains(namespaceName)) {
            return true;
        }
        return allowed.getSelector() != null && namespace != null
                && matches(allowed.getSelector(), namespace.getMetadata().getLabels() == null ? Map.of() : namespace.getMetadata().getLabels());
    }

    /** Label selector semantics as in the Kubernetes API (matchLabels and matchExpressions, all must hold). */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchLabels() != null) {
            for (Map.Entry<String, String> e : selector.getMatchLabels().entrySet()) {
                if (!Objects.equals(labels.get(e.getKey()), e.getValue())) {
                    return false;
                }
            }
        }
        for (LabelSelectorRequirement r : selector.getMatchExpressions() == null ? List.<LabelSelectorRequirement>of() : selector.getMatchExpressions()) {
            List<String> values = r.getValues() == null ? List.of() : r.getValues();
            boolean has = labels.containsKey(r.getKey());
            boolean ok = switch (r.getOperator()) {
                case "In" -> has && values.contains(labels.get(r.getKey()));
                case "NotIn" -> !has || !values.contains(labels.get(r.getKey()));
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> false;   // an unknown operator selects nothing, as the API server would refuse it
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
