package io.sfintegration.salesforce.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.sfintegration.salesforce.SalesforceError;
import io.sfintegration.salesforce.SalesforceException;
import io.sfintegration.salesforce.SaveResult;

import java.util.List;

/** One composite subresponse. */
record SubResponse(String referenceId, int status, JsonNode body) {

    boolean ok() {
        return status / 100 == 2;
    }

    List<SalesforceError> errors() {
        return ok() ? List.of() : JsonRecords.errors(body);
    }

    /** The write result of a POST/PATCH/DELETE subrequest (201 {id}, 204, or an error array). */
    SaveResult saveResult(String idIfNoBody) {
        if (!ok()) {
            return SaveResult.failed(errors());
        }
        String id = JsonRecords.text(body, "id");
        return SaveResult.ok(id != null ? id : idIfNoBody);
    }

    /** A failed query subrequest fails the whole read. */
    JsonNode queryResultOrThrow() {
        if (!ok()) {
            throw SalesforceException.fromResponse(status, errors());
        }
        return body;
    }
}
