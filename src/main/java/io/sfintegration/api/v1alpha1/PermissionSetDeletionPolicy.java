package io.sfintegration.api.v1alpha1;

public enum PermissionSetDeletionPolicy {
    /** Delete the permission set in Salesforce, once nothing is assigned to it any more. */
    Delete,
    /** Leave the permission set in Salesforce. */
    Orphan
}
