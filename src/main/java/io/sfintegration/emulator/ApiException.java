package io.sfintegration.emulator;

import java.util.List;

/** An error the emulated org answers with, as Salesforce does: HTTP status and [{message, errorCode, fields}]. */
final class ApiException extends RuntimeException {
    final int status;
    final String errorCode;
    final List<String> fields;

    ApiException(int status, String errorCode, String message, List<String> fields) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.fields = fields == null ? List.of() : fields;
    }

    ApiException(int status, String errorCode, String message) {
        this(status, errorCode, message, List.of());
    }

    static ApiException bad(String errorCode, String message, String... fields) {
        return new ApiException(400, errorCode, message, List.of(fields));
    }
}
