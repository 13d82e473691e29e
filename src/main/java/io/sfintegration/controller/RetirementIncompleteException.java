package io.sfintegration.controller;

/** A deleted resource whose retirement in Salesforce is not finished: thrown so that the controller retries with backoff. */
public class RetirementIncompleteException extends RuntimeException {
    public RetirementIncompleteException(String message) {
        super(message);
    }
}
