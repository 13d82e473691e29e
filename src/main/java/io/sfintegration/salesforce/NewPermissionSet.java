package io.sfintegration.salesforce;

import java.util.List;

/** A permission set to create, with its object and field permission rows. */
public record NewPermissionSet(PermissionSetFields fields, List<ObjectAccess> objects, List<FieldAccess> fieldPermissions) {

    public NewPermissionSet {
        objects = List.copyOf(objects);
        fieldPermissions = List.copyOf(fieldPermissions);
    }
}
