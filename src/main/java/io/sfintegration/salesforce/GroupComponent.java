package io.sfintegration.salesforce;

/** A PermissionSetGroupComponent row: a permission set (or the muting set) in a group. id is null for one to create. */
public record GroupComponent(String id, String groupId, String permissionSetId) {
}
