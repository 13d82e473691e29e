package io.sfintegration.salesforce.http;

import io.sfintegration.salesforce.SalesforceException;

/**
 * The client itself held a call back (too many concurrent calls for the org, or the org's call rate): nothing was
 * sent. Retryable later; it never counts as a Salesforce failure.
 */
public class ThrottledException extends SalesforceException {
    public ThrottledException(String message) {
        super(message, true, null);
    }
}
