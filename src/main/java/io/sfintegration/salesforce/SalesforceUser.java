package io.sfintegration.salesforce;

import java.time.Instant;

/**
 * A User record as read from the org.
 *
 * @param createdById   who created the user: the operator recognises users it created itself after a crash
 * @param lastLoginDate User.LastLoginDate (every login sets it, API logins included); null when it never logged in
 */
public record SalesforceUser(String id, UserFields fields, String profileName, String userLicenseName, boolean active,
                             String createdById, Instant lastLoginDate) {

    public SalesforceUser(String id, UserFields fields, String profileName, String userLicenseName, boolean active, String createdById) {
        this(id, fields, profileName, userLicenseName, active, createdById, null);
    }

    public String username() {
        return fields.username();
    }
}
