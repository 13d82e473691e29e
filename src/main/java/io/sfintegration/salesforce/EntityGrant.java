package io.sfintegration.salesforce;

/**
 * A SetupEntityAccess row: permission set {@code parentId} grants access to setup entity {@code entityId}. The id is
 * null for a row still to be created.
 */
public record EntityGrant(String id, String parentId, String entityId, SetupEntityType type) {
}
