package io.sfintegration.salesforce;

/** The org refused our credentials (invalid_grant, invalid_client, ...). Not retryable until the credentials change. */
public class AuthenticationException extends SalesforceException {
    private final String oauthError;

    public AuthenticationException(String oauthError, String description) {
        super("authentication failed: " + oauthError + (description == null ? "" : " (" + description + ")"), false, null);
        this.oauthError = oauthError;
    }

    public String oauthError() {
        return oauthError;
    }
}
