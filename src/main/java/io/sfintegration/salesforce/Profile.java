package io.sfintegration.salesforce;

/**
 * A profile with what the operator needs to judge it.
 *
 * @param apiOnly whether the profile's own permission set has PermissionsApiUserOnly (API-only: cannot log in to the UI)
 */
public record Profile(String id, String name, String userLicenseId, String userLicenseName, boolean apiOnly) {
}
