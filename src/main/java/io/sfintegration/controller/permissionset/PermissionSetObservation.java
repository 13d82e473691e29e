package io.sfintegration.controller.permissionset;

import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetStatus;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.plan.Plan;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.controller.status.StatusConditions;
import io.sfintegration.salesforce.PermissionSetFields;
import io.sfintegration.salesforce.PermissionSetState;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * managementPolicy Observe for a PermissionSet: one read by API name, status.permissionSetId linked without an
 * ownership record (switching to Manage still needs spec.adoption), and status.plan from the drift check's
 * differences. No Salesforce write of any kind, on any path.
 */
final class PermissionSetObservation {

    private static final String NOTE = "; managementPolicy Observe writes nothing, switching to Manage would apply it";

    private final StatusConditions conditions;

    PermissionSetObservation(StatusConditions conditions) {
        this.conditions = conditions;
    }

    void observe(PermissionSet ps, PermissionSetStatus status, long generation, OrgAccess org) {
        String name = ps.getSpec().getName();
        PermissionSetState found = org.client().findPermissionSets(List.of(name)).get(name.toLowerCase(Locale.ROOT));
        if (found == null || found.ownedByProfile()) {
            // what the spec adds to an empty set: the same differences the drift check would report
            PermissionSetState empty = new PermissionSetState(null, new PermissionSetFields(name, ps.getSpec().getLabel(),
                    ps.getSpec().getDescription(), null, Set.of()), false, List.of(), List.of());
            List<String> then = PermissionSetDriftCheck.differences(ps, org, empty).stream().filter(d -> !d.startsWith("licence:")).toList();
            status.setPermissionSetId(null);
            Plan.record(status, Plan.creation("permission set " + name + " (licence " + ps.getSpec().getLicense() + ")",
                    Plan.fromDifferences(then, name)), generation, conditions, status::setPlan, NOTE);
            conditions.set(status, generation, ConditionTypes.READY, false, Reasons.NOT_FOUND_IN_SALESFORCE, "No permission set "
                    + name + " in org " + org.snapshot().orgId() + "; under managementPolicy Observe the operator does not create it");
        } else {
            status.setPermissionSetId(found.id());
            Plan.record(status, Plan.fromDifferences(PermissionSetDriftCheck.differences(ps, org, found), name), generation,
                    conditions, status::setPlan, NOTE);
            conditions.set(status, generation, ConditionTypes.READY, true, Reasons.OBSERVED, "Observing permission set " + name
                    + " (" + found.id() + "); nothing is written to Salesforce");
        }
        conditions.set(status, generation, ConditionTypes.SYNCED, true, Reasons.OBSERVED, "Read Salesforce; nothing was written");
    }
}
