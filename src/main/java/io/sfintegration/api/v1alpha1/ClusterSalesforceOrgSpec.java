package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A SalesforceOrg's spec, shared by the namespaces it allows. Its Secret references name Secrets in the operator's
 * cluster-secrets namespace (sfio.cluster-secrets-namespace), never in a tenant's.
 */
public class ClusterSalesforceOrgSpec extends SalesforceOrgSpec {

    @JsonPropertyDescription("The namespaces whose IntegrationUsers and PermissionSets may use this org (orgRef.kind: ClusterSalesforceOrg). "
            + "Absent: none. A namespace is allowed when it is listed in names or matches selector.")
    private AllowedNamespaces allowedNamespaces;

    public AllowedNamespaces getAllowedNamespaces() {
        return allowedNamespaces;
    }

    public void setAllowedNamespaces(AllowedNamespaces allowedNamespaces) {
        this.allowedNamespaces = allowedNamespaces;
    }
}
