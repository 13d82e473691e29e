package io.sfintegration.salesforce;

/** The User fields the operator sets. Null means "leave as it is" on update. */
public record UserFields(String username, String email, String firstName, String lastName, String alias,
                         String timeZoneSidKey, String localeSidKey, String languageLocaleKey, String emailEncodingKey,
                         String profileId) {
}
