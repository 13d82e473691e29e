package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sfintegration.emulator.soql.FieldSchema;
import io.sfintegration.emulator.soql.ObjectSchema;
import io.sfintegration.emulator.soql.SoqlEngine;
import io.sfintegration.emulator.soql.SoqlException;
import io.sfintegration.emulator.soql.SoqlResult;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST resources under /services/data/vXX.X/ (REST API Developer Guide, "Resources"): resource map, describe,
 * sObject rows, query and queryAll with paging, limits; composite and sObject collections are delegated.
 */
final class RestApi {

    private static final Pattern VERSIONED = Pattern.compile("^(?:v(\\d{2}\\.\\d)|(latest))(/.*)?$");
    private static final Pattern BATCH_SIZE = Pattern.compile("batchSize=(\\d+)");
    private static final Pattern VERSION_PREFIX = Pattern.compile("^v\\d+\\.\\d/?");
    static final int DEFAULT_BATCH = 2000;

    private final OrgStore store;
    private final SoqlEngine soql;
    private final ApiCounters counters;
    private final CompositeApi composite;
    private final CollectionsApi collections;
    private final ToolingApi tooling;
    private final java.util.function.UnaryOperator<String> identityUrl;
    private final Map<String, List<Map<String, Object>>> cursors = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<Map<String, Object>>> eldest) {
            return size() > 2000;
        }
    });

    OrgStore store() {
        return store;
    }

    /** @param identityUrl a user id to that user's identity URL (listed as the "identity" resource) */
    RestApi(OrgStore store, SoqlEngine soql, ApiCounters counters, java.util.function.UnaryOperator<String> identityUrl) {
        this.store = store;
        this.soql = soql;
        this.counters = counters;
        this.identityUrl = identityUrl;
        this.composite = new CompositeApi(this);
        this.collections = new CollectionsApi(store);
        this.tooling = new ToolingApi(store, soql);
    }

    /** GET /services/data: the versions list, without authentication as in Salesforce. */
    static Reply versions() {
        return Reply.of(200, ApiVersions.list());
    }

    /**
     * @param path    the part after /services/data/, e.g. "v62.0/sobjects/User"
     * @param query   decoded query parameters
     * @param headers request headers, lower-case names
     */
    Reply handle(String method, String path, Map<String, String> query, JsonNode body, String userId, Map<String, String> headers) {
        Matcher m = VERSIONED.matcher(path);
        if (!m.matches()) {
            return Reply.error(404, "NOT_FOUND", "The requested resource does not exist", null);
        }
        String version = ApiVersions.resolve(m.group(1) != null ? m.group(1) : m.group(2));
        if (version == null) {
            return Reply.error(404, "NOT_FOUND", "The requested resource does not exist", null);
        }
        String rest = m.group(3) == null ? "" : trimSlashes(m.group(3));
        List<String> parts = rest.isEmpty() ? List.of() : Arrays.asList(rest.split("/"));
        try {
            if (parts.isEmpty()) {
                return method.equals("GET") ? Reply.of(200, ApiVersions.resources(version, identityUrl.apply(userId))) : notAllowed();
            }
            switch (parts.get(0)) {
                case "sobjects" -> {
                    return sobjects(method, parts, query, body, userId, version);
                }
                case "query", "queryAll" -> {
                    if (!method.equals("GET")) {
                        return notAllowed();
                    }
                    if (parts.size() == 2) {
                        return nextPage(parts.get(1), version);
                    }
                    if ("true".equalsIgnoreCase(query.get("columns")) && query.get("q") != null) {
                        return Reply.of(200, QueryColumns.of(query.get("q"), soql, store.schemas()));
                    }
                    return runQuery(query.get("q"), parts.get(0).equals("queryAll"), version, batchSize(headers));
                }
                case "composite" -> {
                    if (parts.size() == 1) {
                        return method.equals("POST") ? composite.run(body, userId, version) : notAllowed();
                    }
                    if (parts.get(1).equals("sobjects") && parts.size() == 3) {
                        return collections.retrieve(method, parts.get(2), query, body, version);
                    }
                    if (parts.get(1).equals("sobjects")) {
                        return collections.handle(method, query, body, userId, version);
                    }
                    return Reply.error(404, "NOT_FOUND", "The requested resource does not exist", null);
                }
                case "limits" -> {
                    return method.equals("GET") ? Reply.of(200, OrgLimits.of(counters)) : notAllowed();
                }
                case "tooling" -> {
                    return tooling.handle(method, parts.subList(1, parts.size()), query, version);
                }
                case "search", "parameterizedSearch" -> {
                    // SOSL is not emulated: every search finds nothing, in the shape of the Search resource
                    // (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_search.htm)
                    ObjectNode out = Reply.JSON.createObjectNode();
                    out.putArray("searchRecords");
                    return Reply.of(200, out);
                }
                case "recent" -> {
                    return method.equals("GET") ? Reply.of(200, Reply.JSON.createArrayNode()) : notAllowed();
                }
                default -> {
                    return Reply.error(404, "NOT_FOUND", "The requested resource does not exist", null);
                }
            }
        } catch (ApiException e) {
            return Reply.error(e);
        } catch (SoqlException e) {
            return Reply.error(400, e.errorCode(), e.getMessage(), null);
        }
    }

    private static int batchSize(Map<String, String> headers) {
        String options = headers.get("sforce-query-options");
        if (options == null) {
            return DEFAULT_BATCH;
        }
        Matcher m = BATCH_SIZE.matcher(options);
        if (m.find()) {
            return Math.max(200, Math.min(2000, Integer.parseInt(m.group(1))));
        }
        return DEFAULT_BATCH;
    }

    Reply runQuery(String q, boolean all, String version, int batch) {
        if (q == null) {
            return Reply.error(400, "MALFORMED_QUERY", "A query string parameter (q) is required", null);
        }
        SoqlResult result = soql.execute(q, store, version, all);
        return page(result.totalSize(), result.records(), 0, version, batch, null);
    }

    private Reply page(int totalSize, List<Map<String, Object>> records, int offset, String version, int batch, String cursor) {
        int end = Math.min(records.size(), offset + batch);
        ObjectNode out = Reply.JSON.createObjectNode();
        out.put("totalSize", totalSize);
        out.put("done", end >= records.size());
        if (end < records.size()) {
            String id = cursor != null ? cursor : "01g" + UUID.randomUUID().toString().replace("-", "").substring(0, 15);
            cursors.put(id, records);
            out.put("nextRecordsUrl", "/services/data/v" + version + "/query/" + id + "-" + end + "-" + batch);
        }
        ArrayNode rows = out.putArray("records");
        for (Map<String, Object> r : records.subList(Math.min(offset, records.size()), end)) {
            rows.add(JsonTrees.of(r));
        }
        return Reply.of(200, out);
    }

    private Reply nextPage(String locator, String version) {
        String[] parts = locator.split("-");
        List<Map<String, Object>> records = parts.length >= 2 ? cursors.get(parts[0]) : null;
        if (records == null) {
            return Reply.error(400, "INVALID_QUERY_LOCATOR", "invalid query locator", null);
        }
        int offset = Integer.parseInt(parts[1]);
        int batch = parts.length > 2 ? Integer.parseInt(parts[2]) : DEFAULT_BATCH;
        return page(records.size(), records, offset, version, batch, parts[0]);
    }

    private Reply sobjects(String method, List<String> parts, Map<String, String> query, JsonNode body, String userId, String version) {
        if (parts.size() == 1) {
            return method.equals("GET") ? Reply.of(200, Describe.global(store.schemas(), version)) : notAllowed();
        }
        ObjectSchema schema = store.schemas().get(parts.get(1));
        if (schema == null) {
            return Reply.error(404, "NOT_FOUND", "The requested resource does not exist", null);
        }
        if (parts.size() == 2) {
            if (method.equals("GET")) {
                return Reply.of(200, Describe.basic(schema, version));
            }
            if (method.equals("POST")) {
                String id = store.create(schema.name(), RecordJson.fields(body), userId);
                ObjectNode out = Reply.JSON.createObjectNode();
                out.put("id", id);
                out.put("success", true);
                out.putArray("errors");
                return new Reply(201, out, Map.of("Location", "/services/data/v" + version + "/sobjects/" + schema.name() + "/" + id));
            }
            return notAllowed();
        }
        if (parts.size() == 3 && parts.get(2).equals("describe")) {
            return method.equals("GET") ? Reply.of(200, Describe.full(schema, version)) : notAllowed();
        }
        if (parts.size() == 3) {
            String id = parts.get(2);
            switch (method) {
                case "GET" -> {
                    Map<String, Object> r = store.get(schema.name(), id);
                    List<String> fields = null;
                    if (query.get("fields") != null) {
                        fields = new ArrayList<>();
                        for (String f : query.get("fields").split(",")) {
                            FieldSchema fs = schema.field(f.trim());
                            if (fs == null) {
                                return Reply.error(400, "INVALID_FIELD", "No such column '" + f.trim() + "' on entity '" + schema.name() + "'", null);
                            }
                            fields.add(fs.name());
                        }
                    }
                    return Reply.of(200, RecordJson.record(schema, r, version, fields));
                }
                case "PATCH" -> {
                    store.update(schema.name(), id, RecordJson.fields(body), userId);
                    return Reply.noContent();
                }
                case "DELETE" -> {
                    store.delete(schema.name(), id, userId);
                    return Reply.noContent();
                }
                default -> {
                    return notAllowed();
                }
            }
        }
        return Reply.error(404, "NOT_FOUND", "The requested resource does not exist", null);
    }

    static boolean isWrite(String method, String path, JsonNode body) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            if (path.endsWith("/composite") && body != null && body.has("compositeRequest")) {
                for (JsonNode sub : body.path("compositeRequest")) {
                    if (!"GET".equalsIgnoreCase(sub.path("method").asText())) {
                        return true;
                    }
                }
                return false;
            }
            return true;
        }
        return false;
    }

    static String resourceName(String path) {
        String p = VERSION_PREFIX.matcher(path).replaceFirst("");
        String[] parts = p.split("/");
        if (parts.length == 0 || parts[0].isEmpty()) {
            return "resources";
        }
        if (parts[0].equals("sobjects") && parts.length > 1) {
            return "sobjects/" + parts[1];
        }
        if (parts[0].equals("composite") && parts.length > 1) {
            return "composite/" + parts[1];
        }
        return parts[0];
    }

    /** The text without its leading and trailing slashes. */
    private static String trimSlashes(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '/') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '/') {
            end--;
        }
        return s.substring(start, end);
    }

    private static Reply notAllowed() {
        return Reply.error(405, "METHOD_NOT_ALLOWED", "HTTP Method not allowed for this resource", null);
    }
}
