package io.sfintegration.salesforce;

import java.util.List;

/**
 * Object and field permission rows to create, update (rows carry their id) and delete (by id) on one permission set.
 */
public record PermissionChanges(List<ObjectAccess> createObjects, List<ObjectAccess> updateObjects,
                                List<FieldAccess> createFields, List<FieldAccess> updateFields, List<String> deleteIds) {

    public static PermissionChanges none() {
        return new PermissionChanges(List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public boolean isEmpty() {
        return createObjects.isEmpty() && updateObjects.isEmpty() && createFields.isEmpty() && updateFields.isEmpty()
                && deleteIds.isEmpty();
    }
}
