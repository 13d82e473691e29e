package io.sfintegration.api.v1alpha1;

public enum AdoptionPolicy {
    /** Refuse to take over a Salesforce user that exists and was not created by the operator. */
    Never,
    /** Take over an existing user that no other resource manages. */
    IfUnmanaged
}
