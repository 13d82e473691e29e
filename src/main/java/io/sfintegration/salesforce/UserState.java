package io.sfintegration.salesforce;

import java.util.List;

/** Everything the operator manages about one user, read in bulk. login is null when the org returned none. */
public record UserState(SalesforceUser user, UserLogin login, List<Assignment> permissionSetLicenseAssignments,
                        List<Assignment> permissionSetAssignments) {
}
