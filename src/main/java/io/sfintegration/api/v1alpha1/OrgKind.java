package io.sfintegration.api.v1alpha1;

/** The two kinds an orgRef may name: an org in the resource's own namespace, or a cluster-wide one. */
public enum OrgKind {
    SalesforceOrg,
    ClusterSalesforceOrg
}
