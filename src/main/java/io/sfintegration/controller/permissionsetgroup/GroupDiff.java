package io.sfintegration.controller.permissionsetgroup;

import io.sfintegration.controller.ownership.Installation;
import io.sfintegration.salesforce.GroupComponent;
import io.sfintegration.salesforce.MutingSetState;
import io.sfintegration.salesforce.PermissionSetGroupFields;
import io.sfintegration.salesforce.PermissionSetGroupState;
import io.sfintegration.salesforce.Soql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What differs between the desired group and the one found, in the terms both the writes and status.plan use. Pure.
 *
 * @param fieldsChanged label or description differ
 * @param add           permission set ids to add as components (the muting set's id is added by the convergence)
 * @param remove        components to remove: sets not in the spec (never the muting set's own component)
 * @param mutingChanged the muting set must be created or its muted permissions changed
 * @param mutingRetired the spec mutes nothing any more, but the group still has this installation's muting set
 */
record GroupDiff(boolean fieldsChanged, List<String> add, List<GroupComponent> remove, boolean mutingChanged, boolean mutingRetired,
                 List<String> lines) {

    static GroupDiff of(DesiredGroup desired, PermissionSetGroupState found) {
        List<String> lines = new ArrayList<>();
        String name = desired.fields().developerName();
        boolean fieldsChanged = found != null && fieldsDiffer(desired.fields(), found.fields(), lines);
        Map<String, String> sets = desired.permissionSets();
        List<String> add = new ArrayList<>();
        sets.forEach((setName, id) -> {
            if (found == null || found.components().stream().noneMatch(c -> Soql.sameId(c.permissionSetId(), id))) {
                add.add(id);
                lines.add("add permission set " + setName + " to group " + name);
            }
        });
        List<GroupComponent> remove = new ArrayList<>();
        MutingSetState muting = found == null ? null : found.muting();
        if (found != null) {
            for (GroupComponent c : found.components()) {
                boolean wanted = sets.values().stream().anyMatch(id -> Soql.sameId(id, c.permissionSetId()));
                boolean isMuting = muting != null && Soql.sameId(muting.id(), c.permissionSetId());
                if (!wanted && !isMuting) {
                    remove.add(c);
                    lines.add("remove permission set " + c.permissionSetId() + " from group " + name);
                }
            }
        }
        boolean mutingChanged = false;
        boolean mutingRetired = false;
        if (desired.mutes()) {
            Set<String> have = muting == null ? Set.of() : lower(muting.mutedUserPermissions());
            if (muting == null) {
                mutingChanged = true;
                lines.add("create muting permission set " + desired.mutingFields().developerName() + " muting " + new TreeSet<>(desired.muted()));
            } else if (!have.equals(lower(desired.muted()))) {
                mutingChanged = true;
                lines.add("muted permissions of group " + name + ": " + new TreeSet<>(muting.mutedUserPermissions()) + " -> " + new TreeSet<>(desired.muted()));
            }
        } else if (muting != null && Installation.tagOwner(muting.fields().description()) != null) {
            mutingRetired = true;
            lines.add("remove muting permission set " + muting.fields().developerName() + " from group " + name);
        }
        return new GroupDiff(fieldsChanged, add, remove, mutingChanged, mutingRetired, lines);
    }

    private static boolean fieldsDiffer(PermissionSetGroupFields want, PermissionSetGroupFields have, List<String> lines) {
        boolean differ = false;
        if (!Objects.equals(want.label(), have.label())) {
            lines.add("label: " + have.label() + " -> " + want.label());
            differ = true;
        }
        if (!Objects.equals(Installation.untagged(want.description()), Installation.untagged(have.description()))
                || !Objects.equals(Installation.tagOwner(want.description()), Installation.tagOwner(have.description()))) {
            lines.add("description: '" + Installation.untagged(have.description()) + "' -> '" + Installation.untagged(want.description()) + "'");
            differ = true;
        }
        return differ;
    }

    private static Set<String> lower(Set<String> names) {
        Set<String> out = new TreeSet<>();
        names.forEach(n -> out.add(n.toLowerCase(java.util.Locale.ROOT)));
        return out;
    }

    boolean isEmpty() {
        return lines.isEmpty();
    }
}
