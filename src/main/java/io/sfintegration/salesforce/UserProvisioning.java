package io.sfintegration.salesforce;

import java.util.List;

/**
 * A new user together with what it needs, written with as few calls as possible (one composite request for a single
 * user): the user, then its permission set licences, then its permission sets (the order Salesforce requires), then
 * freezing it if asked.
 */
public record UserProvisioning(UserFields user, boolean active, boolean frozen, List<String> permissionSetLicenseIds,
                               List<String> permissionSetIds) {
}
