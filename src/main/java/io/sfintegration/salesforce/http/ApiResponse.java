package io.sfintegration.salesforce.http;

import com.fasterxml.jackson.databind.JsonNode;

/** A successful (2xx) answer; body is a MissingNode for 204. */
record ApiResponse(int status, JsonNode body) {
}
