package io.sfintegration.salesforce.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One REST call to the org.
 *
 * @param path     absolute path on the instance, e.g. /services/data/v62.0/composite
 * @param resource the resource kind for metrics (query, composite, collections, sobject, describe, limits)
 */
record ApiRequest(String method, String path, JsonNode body, String resource) {
}
