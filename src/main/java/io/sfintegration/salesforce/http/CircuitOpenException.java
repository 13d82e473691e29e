package io.sfintegration.salesforce.http;

import io.sfintegration.salesforce.SalesforceException;

/**
 * The org's circuit breaker is open after repeated transient failures: no call was made. Retryable later (the
 * controller should requeue), but the client itself does not retry it.
 */
public class CircuitOpenException extends SalesforceException {
    public CircuitOpenException(String org) {
        super("Salesforce calls for " + org + " are paused: too many transient failures (circuit open)", true, null);
    }
}
