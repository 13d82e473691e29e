package io.sfintegration.controller;

import io.sfintegration.api.v1alpha1.ConditionedStatus;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.controller.status.Reasons;

/**
 * Issue 16 item 5: access a person removed in Salesforce (a deactivation, a freeze, an unassigned set, a permission
 * taken away) is a security response the operator must not undo. Once a drift scan has recorded it (Drifted=True
 * reason AccessRemovedInSalesforce), every reconcile of the resource, after a spec change or a restart too, gives
 * nothing that Salesforce lacks, until Salesforce matches the spec again (the scan clears the condition) or the org
 * sets spec.drift.restoreAccess true.
 */
public final class AccessHold {

    private AccessHold() {
    }

    /** The last scan found access removed in Salesforce. */
    public static boolean accessRemoved(ConditionedStatus status) {
        return status != null && status.condition(ConditionTypes.DRIFTED)
                .filter(c -> "True".equals(c.getStatus()) && Reasons.ACCESS_REMOVED_IN_SALESFORCE.equals(c.getReason()))
                .isPresent();
    }

    /** Whether the reconcile must hold removed access back. */
    public static boolean holds(ConditionedStatus status, OrgAccess org) {
        return accessRemoved(status) && !org.restoreAccess();
    }
}
