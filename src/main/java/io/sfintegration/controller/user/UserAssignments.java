package io.sfintegration.controller.user;

import io.sfintegration.salesforce.Soql;
import io.sfintegration.api.v1alpha1.AssignedPermissionSet;
import io.sfintegration.controller.ownership.OwnershipRecord;
import io.sfintegration.salesforce.Assignment;
import io.sfintegration.salesforce.PermissionSetGroupIds;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which assignments the operator owns: those whose id its own create returned, as kept in the ownership record. The
 * operator is not authoritative for a user's assignments: one a person made stays, whether or not the spec lists the
 * same permission set, and is only reported.
 */
final class UserAssignments {
    private UserAssignments() {
    }

    /** Existing assignments the operator made and the spec no longer lists. */
    static List<Assignment> toRemove(Collection<Assignment> existing, Map<String, String> desiredIdsByName, OwnershipRecord record) {
        return existing.stream()
                .filter(a -> !desired(a, desiredIdsByName) && record.ownsAssignment(a.id()))
                .toList();
    }

    /** Desired targets (name → id) not assigned yet, by anyone. */
    static List<Map.Entry<String, String>> toAdd(Collection<Assignment> existing, Map<String, String> desiredIdsByName) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, String> want : desiredIdsByName.entrySet()) {
            boolean has = existing.stream().anyMatch(a -> Soql.sameId(a.targetId(), want.getValue()));
            if (!has) {
                out.add(want);
            }
        }
        return out;
    }

    /** Assignments whose create was in flight when its answer was lost: they are the operator's. */
    static List<Assignment> settledIntents(Collection<Assignment> existing, OwnershipRecord record) {
        return existing.stream().filter(a -> record.intends(a.targetId()) && !record.ownsAssignment(a.id())).toList();
    }

    /**
     * Status rows for the assignments the user has after the reconcile (permission sets and licences, not groups);
     * managed means the operator made it.
     */
    static List<AssignedPermissionSet> describe(Collection<Assignment> present, OwnershipRecord record) {
        List<AssignedPermissionSet> rows = new ArrayList<>();
        for (Assignment a : present) {
            if (!PermissionSetGroupIds.isGroup(a.targetId())) {
                rows.add(new AssignedPermissionSet(a.targetName(), a.targetId(), a.id(), record.ownsAssignment(a.id())));
            }
        }
        rows.sort((x, y) -> x.getName().toLowerCase(Locale.ROOT).compareTo(y.getName().toLowerCase(Locale.ROOT)));
        return rows;
    }

    /** Status rows for the permission set groups among the assignments (by the group's API name); null when none. */
    static List<AssignedPermissionSet> describeGroups(Collection<Assignment> present, OwnershipRecord record) {
        List<AssignedPermissionSet> rows = new ArrayList<>();
        for (Assignment a : present) {
            if (PermissionSetGroupIds.isGroup(a.targetId())) {
                rows.add(new AssignedPermissionSet(PermissionSetGroupIds.name(a.targetName()), a.targetId(), a.id(), record.ownsAssignment(a.id())));
            }
        }
        rows.sort((x, y) -> x.getName().toLowerCase(Locale.ROOT).compareTo(y.getName().toLowerCase(Locale.ROOT)));
        return rows.isEmpty() ? null : rows;
    }

    /** Names of the permission sets people assigned (the operator did not): reported, never removed. */
    static List<String> unmanagedNames(Collection<Assignment> present, OwnershipRecord record) {
        return present.stream().filter(a -> !record.ownsAssignment(a.id())).map(Assignment::targetName).sorted().toList();
    }

    private static boolean desired(Assignment a, Map<String, String> desiredIdsByName) {
        return desiredIdsByName.values().stream().anyMatch(id -> Soql.sameId(id, a.targetId()));
    }
}
