package io.sfintegration.controller.user;

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
}
