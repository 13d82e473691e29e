package io.sfintegration.salesforce.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sfintegration.salesforce.SalesforceError;
import io.sfintegration.salesforce.SalesforceException;
import io.sfintegration.salesforce.SaveResult;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The REST resources the client uses, each call going through the org's resilient exchange:
 * query with paging (REST API Developer Guide "Query", 2,000 records per page, nextRecordsUrl), composite (up to 25
 * subrequests, at most 5 queries, one API call: "Composite"), and sObject collections (200 records, allOrNone=false,
 * per-record results in input order: "sObject Collections").
 * <p>
 * Records a collection reports as failed with a transient code (UNABLE_TO_LOCK_ROW) are re-sent on their own, with
 * the same backoff as whole calls, up to the retry attempts; the others keep their result.
 */
final class RestOperations {

    static final int COMPOSITE_MAX_SUBREQUESTS = 25;
    static final int COMPOSITE_MAX_QUERIES = 5;
    static final int COLLECTION_MAX_RECORDS = 200;
    static final int MAX_GET_URI = 6_000;

    private final Exchange exchange;
    private final ResilientExchange resilience;
    private final ObjectMapper json;
    private final String base;

    RestOperations(Exchange exchange, ResilientExchange resilience, ObjectMapper json, String apiVersion) {
        this.exchange = exchange;
        this.resilience = resilience;
        this.json = json;
        this.base = "/services/data/v" + apiVersion;
    }

    ObjectMapper json() {
        return json;
    }

    /** A path under /services/data/vXX.X/. */
    String path(String relative) {
        return base + "/" + relative;
    }

    String queryPath(String soql) {
        return path("query?q=" + encode(soql));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String relative, String resource) {
        return exchange.send(new ApiRequest("GET", path(relative), null, resource)).body();
    }

    ApiResponse send(String method, String relative, JsonNode body, String resource) {
        return exchange.send(new ApiRequest(method, path(relative), body, resource));
    }

    /**
     * Every record of a query, page after page. A long query goes inside a composite request (still one call):
     * a REST URI plus headers is limited to 16,384 bytes, the composite body is not (help.salesforce.com
     * article 000386264, "Maximum number of rows returned by SOQL queries over the REST API").
     */
    List<JsonNode> query(String soql) {
        if (queryPath(soql).length() > MAX_GET_URI) {
            return queries(List.of(soql)).get(0);
        }
        JsonNode page = exchange.send(new ApiRequest("GET", queryPath(soql), null, "query")).body();
        List<JsonNode> records = new ArrayList<>();
        while (true) {
            page.path("records").forEach(records::add);
            if (page.path("done").asBoolean(true) || page.path("nextRecordsUrl").isMissingNode()) {
                return records;
            }
            page = exchange.send(new ApiRequest("GET", page.path("nextRecordsUrl").asText(), null, "query")).body();
        }
    }

    /** The query result's totalSize (for COUNT()). */
    int count(String soql) {
        return exchange.send(new ApiRequest("GET", queryPath(soql), null, "query")).body().path("totalSize").asInt();
    }

    /**
     * Up to 5 queries in one composite call (even a single one: its SOQL travels in the body, not the URI); the pages still to read are fetched together too (up to 5 per
     * composite, a single one with a plain GET). Returns each query's records, in order.
     */
    List<List<JsonNode>> queries(List<String> soqls) {
        if (soqls.size() > COMPOSITE_MAX_QUERIES) {
            throw new IllegalArgumentException("at most 5 queries per composite request");
        }
        List<List<JsonNode>> results = new ArrayList<>();
        List<Subrequest> subs = new ArrayList<>();
        for (int i = 0; i < soqls.size(); i++) {
            results.add(new ArrayList<>());
            subs.add(new Subrequest("GET", queryPath(soqls.get(i)), "q" + i, null));
        }
        List<SubResponse> responses = composite(subs, false);
        String[] next = new String[soqls.size()];
        for (int i = 0; i < responses.size(); i++) {
            next[i] = collect(responses.get(i).queryResultOrThrow(), results.get(i));
        }
        while (Arrays.stream(next).anyMatch(n -> n != null)) {
            List<Integer> pending = new ArrayList<>();
            for (int i = 0; i < next.length && pending.size() < COMPOSITE_MAX_QUERIES; i++) {
                if (next[i] != null) {
                    pending.add(i);
                }
            }
            if (pending.size() == 1) {
                int i = pending.get(0);
                next[i] = collect(exchange.send(new ApiRequest("GET", next[i], null, "query")).body(), results.get(i));
                continue;
            }
            List<Subrequest> more = new ArrayList<>();
            for (int i : pending) {
                more.add(new Subrequest("GET", next[i], "q" + i, null));
            }
            List<SubResponse> pages = composite(more, false);
            for (int k = 0; k < pending.size(); k++) {
                int i = pending.get(k);
                next[i] = collect(pages.get(k).queryResultOrThrow(), results.get(i));
            }
        }
        return results;
    }

    private static String collect(JsonNode page, List<JsonNode> into) {
        page.path("records").forEach(into::add);
        boolean done = page.path("done").asBoolean(true);
        return done || page.path("nextRecordsUrl").isMissingNode() ? null : page.path("nextRecordsUrl").asText();
    }

    /** One composite request (one API call); answers in subrequest order. */
    List<SubResponse> composite(List<Subrequest> subrequests, boolean allOrNone) {
        if (subrequests.size() > COMPOSITE_MAX_SUBREQUESTS) {
            throw new IllegalArgumentException("at most 25 subrequests per composite request");
        }
        ObjectNode body = json.createObjectNode();
        body.put("allOrNone", allOrNone);
        ArrayNode array = body.putArray("compositeRequest");
        for (Subrequest s : subrequests) {
            ObjectNode node = array.addObject();
            node.put("method", s.method());
            node.put("url", s.url());
            node.put("referenceId", s.referenceId());
            if (s.body() != null) {
                node.set("body", s.body());
            }
        }
        JsonNode answer = exchange.send(new ApiRequest("POST", path("composite"), body, "composite")).body();
        List<SubResponse> responses = new ArrayList<>();
        for (JsonNode r : answer.path("compositeResponse")) {
            responses.add(new SubResponse(r.path("referenceId").asText(), r.path("httpStatusCode").asInt(), r.path("body")));
        }
        if (responses.size() != subrequests.size()) {
            throw new SalesforceException("composite answered " + responses.size() + " results for "
                    + subrequests.size() + " subrequests", false, null);
        }
        return responses;
    }

    /** Creates records (each carries attributes.type) with collections; one result per record, in order. */
    List<SaveResult> create(List<ObjectNode> records) {
        return withRecordRetries(records, chunk -> {
            ObjectNode body = json.createObjectNode();
            body.put("allOrNone", false);
            body.putArray("records").addAll(chunk);
            return exchange.send(new ApiRequest("POST", path("composite/sobjects"), body, "collections")).body();
        });
    }

    /** Updates records (each carries attributes.type and id) with collections. */
    List<SaveResult> update(List<ObjectNode> records) {
        return withRecordRetries(records, chunk -> {
            ObjectNode body = json.createObjectNode();
            body.put("allOrNone", false);
            body.putArray("records").addAll(chunk);
            return exchange.send(new ApiRequest("PATCH", path("composite/sobjects"), body, "collections")).body();
        });
    }

    /** Deletes by id (already validated) with collections. */
    List<SaveResult> delete(List<String> ids) {
        List<ObjectNode> records = ids.stream().map(id -> json.createObjectNode().put("id", id)).toList();
        return withRecordRetries(records, chunk -> {
            String list = chunk.stream().map(r -> r.path("id").asText()).collect(Collectors.joining(","));
            return exchange.send(new ApiRequest("DELETE", path("composite/sobjects?allOrNone=false&ids=" + list), null,
                    "collections")).body();
        });
    }

    private interface ChunkCall {
        JsonNode send(List<ObjectNode> chunk);
    }

    private List<SaveResult> withRecordRetries(List<ObjectNode> records, ChunkCall call) {
        SaveResult[] results = new SaveResult[records.size()];
        List<Integer> pending = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            pending.add(i);
        }
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            for (int from = 0; from < pending.size(); from += COLLECTION_MAX_RECORDS) {
                List<Integer> indices = pending.subList(from, Math.min(pending.size(), from + COLLECTION_MAX_RECORDS));
                List<ObjectNode> chunk = indices.stream().map(records::get).toList();
                JsonNode answer = call.send(chunk);
                List<JsonNode> items = new ArrayList<>();
                answer.forEach(items::add);
                if (items.size() != chunk.size()) {
                    throw new SalesforceException("collections answered " + items.size() + " results for "
                            + chunk.size() + " records", false, null);
                }
                for (int k = 0; k < indices.size(); k++) {
                    results[indices.get(k)] = JsonRecords.saveResult(items.get(k));
                }
            }
            if (attempt >= resilience.maxAttempts()) {
                break;
            }
            pending = pending.stream().filter(i -> transientFailure(results[i])).toList();
            if (!pending.isEmpty()) {
                sleep(resilience.backoff(attempt).toMillis());
            }
        }
        return Arrays.asList(results);
    }

    static boolean transientFailure(SaveResult result) {
        return !result.success() && result.errors().stream().map(SalesforceError::errorCode)
                .anyMatch(SalesforceException::isTransientCode);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SalesforceException("interrupted", false, null);
        }
    }
}
