package io.sfintegration.salesforce;

/**
 * The credentials for an org could not be read from Kubernetes (missing Secret or key, unreadable private key).
 * {@link #reason()} is a CamelCase condition reason such as SecretNotFound or InvalidCredentials.
 */
public class CredentialsException extends RuntimeException {
    private final String reason;

    public CredentialsException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
