package io.sfintegration.salesforce;

import java.util.List;

/** Per-record outcome of a write, as sObject collections and composite report it. */
public record SaveResult(String id, boolean success, List<SalesforceError> errors) {

    public SaveResult {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static SaveResult ok(String id) {
        return new SaveResult(id, true, List.of());
    }

    public static SaveResult failed(List<SalesforceError> errors) {
        return new SaveResult(null, false, errors);
    }

    public boolean hasErrorCode(String code) {
        return errors.stream().anyMatch(e -> code.equals(e.errorCode()));
    }

    /** Throws the errors as an exception when the write failed; transient codes make it retryable. */
    public SaveResult orThrow() {
        if (!success) {
            boolean retryable = errors.stream().anyMatch(e -> SalesforceException.isTransientCode(e.errorCode()));
            throw new SalesforceException(400, errors, retryable);
        }
        return this;
    }
}
