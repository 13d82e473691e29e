package io.sfintegration.salesforce;

/** An assignment to create: of a permission set (PermissionSetAssignment) or licence (PermissionSetLicenseAssign). */
public record NewAssignment(String assigneeId, String targetId) {
}
