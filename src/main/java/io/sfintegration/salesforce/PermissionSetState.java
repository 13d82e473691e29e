package io.sfintegration.salesforce;

import java.util.List;

/** A permission set as read from the org, with its object and field permissions. */
public record PermissionSetState(String id, PermissionSetFields fields, boolean ownedByProfile,
                                 List<ObjectAccess> objectPermissions, List<FieldAccess> fieldPermissions) {
    public String name() {
        return fields.name();
    }
}
