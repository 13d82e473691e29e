package io.sfintegration.salesforce;

public enum LicenseKind {
    /** UserLicense: what a user's profile requires, e.g. Salesforce Integration. */
    USER,
    /** PermissionSetLicense: assigned on top of the user licence, e.g. Salesforce API Integration. */
    PERMISSION_SET
}
