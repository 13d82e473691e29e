package io.sfintegration.salesforce;

import java.util.List;

/** One error as Salesforce reports it: {@code {"errorCode"|"statusCode", "message", "fields"}}. */
public record SalesforceError(String errorCode, String message, List<String> fields) {

    public SalesforceError {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public static SalesforceError of(String errorCode, String message) {
        return new SalesforceError(errorCode, message, List.of());
    }

    @Override
    public String toString() {
        return errorCode + ": " + message;
    }
}
