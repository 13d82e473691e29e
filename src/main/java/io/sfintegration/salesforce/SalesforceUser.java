package io.sfintegration.salesforce;

/**
 * A User record as read from the org.
 *
 * @param createdById who created the user: the operator recognises users it created itself after a crash
 */
public record SalesforceUser(String id, UserFields fields, String profileName, String userLicenseName, boolean active,
                             String createdById) {
    public String username() {
        return fields.username();
    }
}
