package io.sfintegration.salesforce;

import java.util.List;
import java.util.Set;

/**
 * Everything the operator manages about one user, read in bulk. login is null when the org returned none.
 * riskyPermissions: the user permissions among ModifyAllData and PasswordNeverExpires that one of the user's assigned
 * permission sets (not its profile) turns on, read in the same query as the assignments.
 */
public record UserState(SalesforceUser user, UserLogin login, List<Assignment> permissionSetLicenseAssignments,
                        List<Assignment> permissionSetAssignments, Set<String> riskyPermissions) {

    public UserState {
        riskyPermissions = riskyPermissions == null ? Set.of() : Set.copyOf(riskyPermissions);
    }

    public UserState(SalesforceUser user, UserLogin login, List<Assignment> permissionSetLicenseAssignments,
                     List<Assignment> permissionSetAssignments) {
        this(user, login, permissionSetLicenseAssignments, permissionSetAssignments, Set.of());
    }
}
