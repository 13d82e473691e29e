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
}
