package io.sfintegration.api.v1alpha1;

/** Salesforce users cannot be deleted; these are the ways to let one go. */
public enum UserDeletionPolicy {
    /** Deactivate the user (frees the licence seat) and remove the assignments the operator made. */
    Deactivate,
    /** Freeze the user (blocks login, keeps the seat) and remove the assignments the operator made. */
    Freeze,
    /** Leave the user and its assignments as they are. */
    Orphan
}
