package io.sfintegration.salesforce;

import java.util.List;

/**
 * Outcome of a {@link UserProvisioning}: the user's result, then one result per licence and per permission set in the
 * order given (a failed user means the rest were not attempted and carry its errors), and the freeze result if asked.
 */
public record ProvisioningResult(SaveResult user, List<SaveResult> permissionSetLicenseAssignments,
                                 List<SaveResult> permissionSetAssignments, SaveResult freeze) {
}
