package io.sfintegration.salesforce.http;

/**
 * An access token and whose it is. toString never shows the token.
 *
 * @param userId the operator's own user id, when the token response told it (identity URL); null otherwise
 */
record AccessToken(String value, String userId) {
    @Override
    public String toString() {
        return "AccessToken[value=<redacted>, userId=" + userId + "]";
    }
}
