package io.sfintegration.salesforce;

import java.util.List;

/**
 * A permission set as read from the org, with its object and field permissions and the SetupEntityAccess rows of the
 * managed types ({@link SetupEntityType}).
 */
public record PermissionSetState(String id, PermissionSetFields fields, boolean ownedByProfile,
                                 List<ObjectAccess> objectPermissions, List<FieldAccess> fieldPermissions,
                                 List<EntityGrant> grants) {

    public PermissionSetState(String id, PermissionSetFields fields, boolean ownedByProfile,
                              List<ObjectAccess> objectPermissions, List<FieldAccess> fieldPermissions) {
        this(id, fields, ownedByProfile, objectPermissions, fieldPermissions, List.of());
    }

    public String name() {
        return fields.name();
    }
}
