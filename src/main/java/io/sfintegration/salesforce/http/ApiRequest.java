package io.sfintegration.salesforce.http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One REST call to the org.
 *
 * @param path     absolute path on the instance, e.g. /services/data/v62.0/composite
 * @param resource the resource kind for metrics (query, composite, collections, sobject, describe, limits)
 */
record ApiRequest(String method, String path, JsonNode body, String resource) {

    /**
     * Whether sending this twice could create twice: a POST, unless it is a composite request of reads only. Updates
     * (PATCH) and deletes are idempotent for the operator (a second delete answers ENTITY_IS_DELETED).
     */
    boolean createsRecords() {
        if (!"POST".equals(method)) {
            return false;
        }
        JsonNode subrequests = body == null ? null : body.get("compositeRequest");
        if (subrequests == null || !subrequests.isArray()) {
            return true;
        }
        for (JsonNode sub : subrequests) {
            if (!"GET".equals(sub.path("method").asText())) {
                return true;
            }
        }
        return false;
    }
}
