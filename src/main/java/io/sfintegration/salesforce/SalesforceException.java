package io.sfintegration.salesforce;

import java.util.List;
import java.util.Set;

/**
 * A call Salesforce refused or that could not be completed. {@link #retryable()} says whether trying again can help
 * (503, UNABLE_TO_LOCK_ROW, timeouts, connection resets); validation errors, DUPLICATE_USERNAME, LICENSE_LIMIT_EXCEEDED
 * and INSUFFICIENT_ACCESS_* are not. Messages never contain credentials.
 */
public class SalesforceException extends RuntimeException {

    private static final Set<String> TRANSIENT_CODES = Set.of("UNABLE_TO_LOCK_ROW", "SERVER_UNAVAILABLE", "REQUEST_RUNNING_TOO_LONG");

    private final int httpStatus;
    private final List<SalesforceError> errors;
    private final boolean retryable;

    public SalesforceException(int httpStatus, List<SalesforceError> errors, boolean retryable) {
        super(describe(httpStatus, errors));
        this.httpStatus = httpStatus;
        this.errors = List.copyOf(errors);
        this.retryable = retryable;
    }

    public SalesforceException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.httpStatus = 0;
        this.errors = List.of();
        this.retryable = retryable;
    }

    /** Classifies an HTTP error response the way the client's retry policy needs it. */
    public static SalesforceException fromResponse(int httpStatus, List<SalesforceError> errors) {
        boolean transientCode = errors.stream().anyMatch(e -> TRANSIENT_CODES.contains(e.errorCode()));
        boolean retryable = httpStatus == 503 || httpStatus == 502 || httpStatus == 504 || httpStatus == 500 || transientCode;
        return new SalesforceException(httpStatus, errors, retryable);
    }

    public static boolean isTransientCode(String errorCode) {
        return TRANSIENT_CODES.contains(errorCode);
    }

    private static String describe(int httpStatus, List<SalesforceError> errors) {
        return "Salesforce answered " + httpStatus + (errors.isEmpty() ? "" : ": " + errors);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public List<SalesforceError> errors() {
        return errors;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The first error code, or null. */
    public String errorCode() {
        return errors.isEmpty() ? null : errors.get(0).errorCode();
    }

    public boolean hasErrorCode(String code) {
        return errors.stream().anyMatch(e -> code.equals(e.errorCode()));
    }
}
