package io.sfintegration.salesforce;

import java.util.List;

/**
 * A PermissionSetGroup as Salesforce holds it, with its components (PermissionSetGroupComponent rows) and, when the
 * group has one, its muting permission set.
 *
 * @param status Updating, Outdated, Updated or Failed (Object Reference, "PermissionSetGroup", Status)
 */
public record PermissionSetGroupState(String id, PermissionSetGroupFields fields, String status,
                                      List<GroupComponent> components, MutingSetState muting) {

    public PermissionSetGroupState {
        components = components == null ? List.of() : List.copyOf(components);
    }

    /** The muting set's component, if the group has one. */
    public GroupComponent mutingComponent() {
        return muting == null ? null : components.stream().filter(c -> Soql.sameId(c.permissionSetId(), muting.id()))
                .findFirst().orElse(null);
    }
}
