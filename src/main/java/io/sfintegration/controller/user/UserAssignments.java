package io.sfintegration.controller.user;

import io.sfintegration.api.v1alpha1.AssignedPermissionSet;
import io.sfintegration.salesforce.Assignment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which assignments the operator owns. An assignment is ours when the spec asks for it or when we recorded it as ours
 * earlier; everything else was made by people and is only reported, never removed.
 */
final class UserAssignments {
    private UserAssignments() {
    }

    static Set<String> previouslyManaged(List<AssignedPermissionSet> status) {
        Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (status != null) {
            status.stream().filter(a -> Boolean.TRUE.equals(a.getManaged())).forEach(a -> names.add(a.getName()));
        }
        return names;
    }

    /** Existing assignments the operator made and the spec no longer lists. */
    static List<Assignment> toRemove(Collection<Assignment> existing, Map<String, String> desiredIdsByName, Set<String> previouslyManaged) {
        return existing.stream()
                .filter(a -> !desired(a, desiredIdsByName) && previouslyManaged.contains(a.targetName()))
                .toList();
    }

    /** Desired targets (name → id) not assigned yet. */
    static List<Map.Entry<String, String>> toAdd(Collection<Assignment> existing, Map<String, String> desiredIdsByName) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        for (Map.Entry<String, String> want : desiredIdsByName.entrySet()) {
            boolean has = existing.stream().anyMatch(a -> sameId(a.targetId(), want.getValue()));
            if (!has) {
                out.add(want);
            }
        }
        return out;
    }

    /** Status rows for the assignments the user has after the reconcile. */
    static List<AssignedPermissionSet> describe(Collection<Assignment> present, Map<String, String> desiredIdsByName, Set<String> previouslyManaged) {
        List<AssignedPermissionSet> rows = new ArrayList<>();
        for (Assignment a : present) {
            boolean managed = desired(a, desiredIdsByName) || previouslyManaged.contains(a.targetName());
            rows.add(new AssignedPermissionSet(a.targetName(), a.targetId(), a.id(), managed));
        }
        rows.sort((x, y) -> x.getName().toLowerCase(Locale.ROOT).compareTo(y.getName().toLowerCase(Locale.ROOT)));
        return rows;
    }

    static List<String> unmanagedNames(Collection<Assignment> present, Map<String, String> desiredIdsByName, Set<String> previouslyManaged) {
        return present.stream()
                .filter(a -> !desired(a, desiredIdsByName) && !previouslyManaged.contains(a.targetName()))
                .map(Assignment::targetName).sorted().toList();
    }

    private static boolean desired(Assignment a, Map<String, String> desiredIdsByName) {
        return desiredIdsByName.values().stream().anyMatch(id -> sameId(id, a.targetId()));
    }

    static boolean sameId(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return a.substring(0, Math.min(15, a.length())).equals(b.substring(0, Math.min(15, b.length())));
    }
}
