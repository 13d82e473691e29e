package io.sfintegration.controller.permissionsetgroup;

import io.sfintegration.api.v1alpha1.PermissionSetGroup;
import io.sfintegration.api.v1alpha1.PermissionSetGroupStatus;
import io.sfintegration.controller.plan.Plan;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.controller.status.StatusConditions;
import io.sfintegration.salesforce.PermissionSetGroupState;

import java.util.List;

/**
 * managementPolicy Observe for a PermissionSetGroup: the group read by API name, its id linked without an ownership
 * record, status.plan from the same diff the writes use. No Salesforce write of any kind, on any path.
 */
final class GroupObservation {

    private static final String NOTE = "; managementPolicy Observe writes nothing, switching to Manage would apply it";

    private final StatusConditions conditions;

    GroupObservation(StatusConditions conditions) {
        this.conditions = conditions;
    }

    void observe(PermissionSetGroup group, PermissionSetGroupStatus status, long generation, DesiredGroup desired,
                 PermissionSetGroupState found, String orgId) {
        String name = group.getSpec().getName();
        List<String> lines = GroupDiff.of(desired, found).lines();
        if (found == null) {
            status.setPermissionSetGroupId(null);
            status.setGroupStatus(null);
            Plan.record(status, Plan.creation("permission set group " + name, lines), generation, conditions, status::setPlan, NOTE);
            conditions.set(status, generation, ConditionTypes.READY, false, Reasons.NOT_FOUND_IN_SALESFORCE, "No permission set group "
                    + name + " in org " + orgId + "; under managementPolicy Observe the operator does not create it");
        } else {
            status.setPermissionSetGroupId(found.id());
            status.setGroupStatus(found.status());
            Plan.record(status, lines, generation, conditions, status::setPlan, NOTE);
            conditions.set(status, generation, ConditionTypes.READY, true, Reasons.OBSERVED, "Observing permission set group " + name
                    + " (" + found.id() + "); nothing is written to Salesforce");
        }
        conditions.set(status, generation, ConditionTypes.SYNCED, true, Reasons.OBSERVED, "Read Salesforce; nothing was written");
    }
}
