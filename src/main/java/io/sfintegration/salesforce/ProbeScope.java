package io.sfintegration.salesforce;

import java.util.List;

/**
 * What the change probe looks at: the records the operator manages, so that a busy org's background (logins, people
 * editing people, admins changing other setup) does not look like a change.
 *
 * @param userProfiles        users with one of these profiles (the managed users' profiles; integration users with
 *                            another profile are caught through their user licence)
 * @param userLicenseName     users whose profile has this user licence (managed users and orphans), or null
 * @param permissionSetNames  API names of the managed permission sets; empty: every permission set
 * @param permissionSetLicenseId permission sets requiring this licence (orphans), or null
 */
public record ProbeScope(List<String> userProfiles, String userLicenseName, List<String> permissionSetNames,
                         String permissionSetLicenseId) {

    public ProbeScope {
        userProfiles = userProfiles == null ? List.of() : List.copyOf(userProfiles);
        permissionSetNames = permissionSetNames == null ? List.of() : List.copyOf(permissionSetNames);
    }
}
