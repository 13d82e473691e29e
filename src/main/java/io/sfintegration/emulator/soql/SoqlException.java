package io.sfintegration.emulator.soql;

/** A query Salesforce would refuse: errorCode is MALFORMED_QUERY, INVALID_FIELD or INVALID_TYPE. */
public class SoqlException extends RuntimeException {
    private final String errorCode;

    public SoqlException(String errorCode, String message) {
        super(message);
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }
}
