package io.sfintegration.api.v1alpha1;

/** Whether the operator may write to Salesforce for a resource (Crossplane's managementPolicies, reduced to two). */
public enum ManagementPolicy {
    /** Create, converge, correct drift and retire the Salesforce record (the default). */
    Manage,
    /** Read the record and report it (status, plan); never write to Salesforce, not even on deletion. */
    Observe
}
