package io.sfintegration.api.v1alpha1;

/** What the operator does when Salesforce no longer matches the spec. */
public enum DriftPolicy {
    /** Put Salesforce back to the spec. */
    Correct,
    /** Report the difference in status and events; never write. */
    Report
}
