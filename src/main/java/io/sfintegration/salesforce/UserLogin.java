package io.sfintegration.salesforce;

/** The UserLogin row of a user; IsFrozen blocks login without deactivating (frees no seat). */
public record UserLogin(String id, String userId, boolean frozen) {
}
