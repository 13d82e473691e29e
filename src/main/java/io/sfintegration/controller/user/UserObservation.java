package io.sfintegration.controller.user;

import io.sfintegration.api.v1alpha1.AssignedPermissionSet;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.IntegrationUserSpec;
import io.sfintegration.api.v1alpha1.IntegrationUserStatus;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetGroup;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.findings.UserFindings;
import io.sfintegration.controller.ownership.Installation;
import io.sfintegration.controller.ownership.OwnershipRecord;
import io.sfintegration.controller.plan.Plan;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.controller.status.StatusConditions;
import io.sfintegration.salesforce.Assignment;
import io.sfintegration.salesforce.PermissionSetGroupIds;
import io.sfintegration.salesforce.UserState;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * managementPolicy Observe for an IntegrationUser: one read (by the recorded id, else by username), the status filled
 * from what Salesforce has, and status.plan saying what Manage would do. Makes no Salesforce write of any kind: no
 * create, no update, no assignment, not even the installation's marker; an existing user is linked in status without
 * an ownership record, so switching to Manage still goes through the adoption decision.
 */
final class UserObservation {

    private final DesiredUserResolver resolver;
    private final StatusConditions conditions;
    private final Clock clock;

    UserObservation(OrgCatalog catalog, StatusConditions conditions, Clock clock) {
        this.resolver = new DesiredUserResolver(catalog);
        this.conditions = conditions;
        this.clock = clock;
    }

    /** Fills status; true when the spec waits for something (a PermissionSet not Ready yet), so the caller looks again. */
    boolean observe(IntegrationUser user, IntegrationUserStatus status, long generation, OrgAccess org, Optional<OwnershipRecord> record,
                 Function<String, Optional<PermissionSet>> permissionSetByRef, Function<String, Optional<PermissionSetGroup>> groupByRef) {
        IntegrationUserSpec spec = user.getSpec();
        UserState found = read(spec.getUsername(), record, org);
        DesiredUser desired;
        try {
            desired = resolver.resolve(spec, org, permissionSetByRef, groupByRef);
        } catch (ResolutionException e) {
            fill(status, found);
            conditions.set(status, generation, ConditionTypes.READY, false, e.reason(), e.getMessage());
            status.setPlan(null);
            conditions.set(status, generation, ConditionTypes.PLANNED, false, e.reason(), "No plan: " + e.getMessage());
            return e.waiting();
        }
        fill(status, found);
        String note = "; managementPolicy Observe writes nothing, switching to Manage would apply it";
        if (found == null) {
            List<String> then = new ArrayList<>();
            desired.licenseIdsByName().keySet().forEach(l -> then.add("assign permission set licence " + l));
            desired.permissionSetIdsByName().keySet().forEach(p -> then.add("assign permission set " + p));
            if (desired.frozen()) {
                then.add("freeze");
            }
            Plan.record(status, Plan.creation("user " + spec.getUsername() + " with profile " + desired.profile().name()
                    + (desired.active() ? "" : " (inactive)"), then), generation, conditions, status::setPlan, note);
            conditions.set(status, generation, ConditionTypes.READY, false, Reasons.NOT_FOUND_IN_SALESFORCE, "No user "
                    + spec.getUsername() + " in org " + org.snapshot().orgId() + "; under managementPolicy Observe the operator does not create it");
            conditions.set(status, generation, ConditionTypes.SYNCED, true, Reasons.OBSERVED, "Read Salesforce; nothing was written");
            return false;
        }
        Plan.record(status, Plan.fromDifferences(UserDriftCheck.differences(user, desired, found), null), generation, conditions,
                status::setPlan, note);
        UserFindings.record(status, spec, found, generation, conditions, clock.instant());
        conditions.set(status, generation, ConditionTypes.READY, true, Reasons.OBSERVED, "Observing user " + found.user().username()
                + " (" + found.user().id() + "), profile " + found.user().profileName() + "; nothing is written to Salesforce");
        conditions.set(status, generation, ConditionTypes.SYNCED, true, Reasons.OBSERVED, "Read Salesforce; nothing was written");
        return false;
    }

    private static void fill(IntegrationUserStatus status, UserState found) {
        if (found == null) {
            status.setUserId(null);
            status.setProfileId(null);
            status.setAssignedPermissionSets(new ArrayList<>());
            status.setAssignedPermissionSetLicenses(new ArrayList<>());
            status.setAssignedPermissionSetGroups(null);
            return;
        }
        status.setUserId(found.user().id());
        status.setProfileId(found.user().fields().profileId());
        status.setAssignedPermissionSets(new ArrayList<>(found.permissionSetAssignments().stream()
                .filter(a -> !Installation.isMarker(a.targetName()) && !PermissionSetGroupIds.isGroup(a.targetId()))
                .map(UserObservation::unmanaged).toList()));
        status.setAssignedPermissionSetGroups(UserAssignments.describeGroups(found.permissionSetAssignments(), NO_RECORD));
        status.setAssignedPermissionSetLicenses(new ArrayList<>(found.permissionSetLicenseAssignments().stream()
                .map(UserObservation::unmanaged).toList()));
    }

    /** Observe records nothing: every assignment shows as unmanaged. */
    private static final OwnershipRecord NO_RECORD = new OwnershipRecord(null, null, null, null, false, List.of(), List.of());

    private static AssignedPermissionSet unmanaged(Assignment a) {
        return new AssignedPermissionSet(a.targetName(), a.targetId(), a.id(), false);
    }

    /** The user as Salesforce has it now: by the recorded id when there is one (a rename in Setup is drift), else by username. */
    static UserState read(String username, Optional<OwnershipRecord> record, OrgAccess org) {
        Optional<String> recordedId = record.map(OwnershipRecord::id);
        if (recordedId.isPresent()) {
            return org.client().findUsersById(List.of(recordedId.get())).get(recordedId.get());
        }
        Map<String, UserState> found = org.client().findUsersByUsername(List.of(username));
        return found.get(username.toLowerCase(Locale.ROOT));
    }
}
