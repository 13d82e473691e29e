package io.sfintegration.salesforce;

/**
 * A PermissionSetAssignment or PermissionSetLicenseAssign row.
 *
 * @param targetId   the permission set (or group) or permission set licence id
 * @param targetName the permission set API name, or the licence's MasterLabel
 */
public record Assignment(String id, String assigneeId, String targetId, String targetName) {
}
