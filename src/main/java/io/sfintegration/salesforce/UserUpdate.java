package io.sfintegration.salesforce;

/** Changes to an existing user: only non-null fields of {@code fields} and a non-null {@code active} are written. */
public record UserUpdate(String userId, UserFields fields, Boolean active) {
}
