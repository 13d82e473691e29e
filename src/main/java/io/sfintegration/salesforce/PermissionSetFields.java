package io.sfintegration.salesforce;

import java.util.Set;

/**
 * The permission-set-level fields the operator manages.
 *
 * @param licenseId       the PermissionSetLicense (or UserLicense) the set requires, or null for none
 * @param userPermissions enabled user permissions by name without the "Permissions" prefix (e.g. ApiEnabled); every
 *                        other user permission is off
 */
public record PermissionSetFields(String name, String label, String description, String licenseId,
                                  Set<String> userPermissions) {
}
