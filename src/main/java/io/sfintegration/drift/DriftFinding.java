package io.sfintegration.drift;

import io.fabric8.kubernetes.client.CustomResource;
import io.sfintegration.api.v1alpha1.ConditionedStatus;
import io.sfintegration.api.v1alpha1.DriftPolicy;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.salesforce.AuditEntry;

import java.util.List;
import java.util.Optional;

/**
 * One resource an {@link OrgScan} compared: it differs from Salesforce, or (empty differences) it was marked drifted
 * and matches again.
 *
 * @param kind      {@link #KIND_USER} or {@link #KIND_PERMISSION_SET}: the report's and the metrics' kind
 * @param changedBy the latest SetupAuditTrail row naming the resource, when it differs
 * @param policy    the policy in force (Report for an observed resource)
 * @param split     the differences told apart into access a person removed and the rest
 */
record DriftFinding(String kind, CustomResource<?, ? extends ConditionedStatus> resource, List<String> differences,
                    Optional<AuditEntry> changedBy, DriftPolicy policy, AccessRemoval.Split split) {

    static final String KIND_USER = "IntegrationUser";
    static final String KIND_PERMISSION_SET = "PermissionSet";

    /** Access a person removed that stays removed (spec.drift.restoreAccess false). */
    boolean holds() {
        return !split.removed().isEmpty();
    }

    /** Whether the controller is asked to put something back. */
    boolean corrects() {
        return policy == DriftPolicy.Correct && !split.others().isEmpty();
    }

    /** An observed resource's plan is read at its reconcile; a change found in Salesforce makes it stale. */
    boolean observed() {
        return resource instanceof IntegrationUser u ? u.getSpec().observeOnly() : ((PermissionSet) resource).getSpec().observeOnly();
    }
}
