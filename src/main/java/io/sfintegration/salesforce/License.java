package io.sfintegration.salesforce;

/**
 * A UserLicense or PermissionSetLicense with its capacity.
 *
 * @param name          MasterLabel (PermissionSetLicense) or Name (UserLicense), e.g. "Salesforce API Integration"
 * @param developerName DeveloperName (PermissionSetLicense) or LicenseDefinitionKey (UserLicense)
 */
public record License(String id, String name, String developerName, LicenseKind kind, int total, int used) {
    public int available() {
        return Math.max(0, total - used);
    }

    public boolean matches(String nameOrDeveloperName) {
        return name.equalsIgnoreCase(nameOrDeveloperName)
                || (developerName != null && developerName.equalsIgnoreCase(nameOrDeveloperName));
    }
}
