package io.sfintegration.controller.status;

/** Condition types, with the meaning Crossplane gives Ready and Synced. */
public final class ConditionTypes {
    /** The Salesforce object exists and matches the spec; users of it can rely on it. */
    public static final String READY = "Ready";
    /** The last reconcile reached Salesforce and applied the spec without error. */
    public static final String SYNCED = "Synced";
    /** Salesforce was changed behind the operator's back. */
    public static final String DRIFTED = "Drifted";
    /** status.plan is not empty: applying the spec would change Salesforce (under Observe: switching to Manage would). */
    public static final String PLANNED = "Planned";
    /** The user has not logged in for spec.unusedAfter: a candidate to retire. */
    public static final String UNUSED = "Unused";
    /** The operator holds a working token for the org. */
    public static final String AUTHENTICATED = "Authenticated";

    private ConditionTypes() {
    }
}
