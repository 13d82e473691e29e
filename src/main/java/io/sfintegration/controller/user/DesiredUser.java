package io.sfintegration.controller.user;

import io.sfintegration.salesforce.Soql;
import io.sfintegration.salesforce.Profile;
import io.sfintegration.salesforce.UserFields;

import java.util.Map;

/**
 * The spec resolved against the org: fields, the profile, and the licences and permission sets by API name with
 * their Salesforce ids (insertion-ordered).
 */
record DesiredUser(UserFields fields, Profile profile, Map<String, String> licenseIdsByName,
                   Map<String, String> permissionSetIdsByName, boolean active, boolean frozen) {

    /** The same, with one more permission set to assign (the installation's marker). */
    DesiredUser withPermissionSet(String name, String id) {
        java.util.Map<String, String> sets = new java.util.LinkedHashMap<>(permissionSetIdsByName);
        sets.put(name, id);
        return new DesiredUser(fields, profile, licenseIdsByName, sets, active, frozen);
    }

    /**
     * The same, giving nothing that the user found in Salesforce lacks (spec.drift.restoreAccess false and a person
     * removed access): not reactivated, not unfrozen, no permission set or licence assigned that is not assigned now.
     * What the spec does not want is still taken away.
     */
    DesiredUser holding(io.sfintegration.salesforce.UserState found) {
        if (found == null) {
            return this;
        }
        boolean foundFrozen = found.login() != null && found.login().frozen();
        return new DesiredUser(fields, profile, present(licenseIdsByName, found.permissionSetLicenseAssignments()),
                present(permissionSetIdsByName, found.permissionSetAssignments()), active && found.user().active(), frozen || foundFrozen);
    }

    private static Map<String, String> present(Map<String, String> wanted, java.util.List<io.sfintegration.salesforce.Assignment> assigned) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        wanted.forEach((name, id) -> {
            if (assigned.stream().anyMatch(a -> name.equalsIgnoreCase(a.targetName())
                    || Soql.sameId(id, a.targetId()))) {
                out.put(name, id);
            }
        });
        return out;
    }
}
