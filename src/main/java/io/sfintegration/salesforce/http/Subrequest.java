package io.sfintegration.salesforce.http;

import com.fasterxml.jackson.databind.JsonNode;

/** One composite subrequest; url is relative to the instance (/services/data/vXX.X/...). */
record Subrequest(String method, String url, String referenceId, JsonNode body) {
}
