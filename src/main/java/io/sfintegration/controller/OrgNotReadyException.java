package io.sfintegration.controller;

/** The referenced SalesforceOrg is missing or not Ready: the resource waits, without calling Salesforce. */
public class OrgNotReadyException extends Exception {
    private final String reason;

    public OrgNotReadyException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
