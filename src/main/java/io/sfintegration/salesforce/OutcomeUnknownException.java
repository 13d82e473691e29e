package io.sfintegration.salesforce;

/**
 * A write was sent and its answer was lost (a timeout or a connection reset after the request went out): it may have
 * committed. It is never re-sent blindly; the caller looks again (by username, name, or assignee and set) and goes on
 * from what exists. Retryable for the controller, not for the HTTP client.
 */
public class OutcomeUnknownException extends SalesforceException {
    public OutcomeUnknownException(String message) {
        super(message, true, null);
    }
}
