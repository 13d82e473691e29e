package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * POST /composite (REST API Developer Guide, "Composite"): up to 25 subrequests, at most 5 of them queries or sObject
 * collections, run in order; later ones may use @{referenceId.path} from earlier results, with [] indexing into JSON
 * arrays; with allOrNone everything is rolled back when one fails. The whole request is one API call.
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_composite_post.htm
 */
final class CompositeApi {

    /** @{ref.field.path} or, into an array result such as an sObject collection's, @{ref[2].id}. */
    private static final Pattern REFERENCE = Pattern.compile("@\\{([A-Za-z0-9_]+)((?:\\[\\d+])*)\\.([^}]+)}");
    private static final Pattern INDEXED = Pattern.compile("([A-Za-z0-9_]*)\\[(\\d+)]");
    private static final int MAX_SUBREQUESTS = 25;
    private static final int MAX_QUERIES = 5;

    private final RestApi rest;

    CompositeApi(RestApi rest) {
        this.rest = rest;
    }

    Reply run(JsonNode body, String userId, String version) {
        JsonNode subs = body == null ? null : body.get("compositeRequest");
        if (subs == null || !subs.isArray() || subs.isEmpty()) {
            return Reply.error(400, "JSON_PARSER_ERROR", "compositeRequest is required and must be a non-empty array", null);
        }
        if (subs.size() > MAX_SUBREQUESTS) {
            return Reply.error(400, "LIMIT_EXCEEDED", "Maximum number of subrequests exceeded: " + subs.size() + " (limit " + MAX_SUBREQUESTS + ")", null);
        }
        int queries = 0;
        for (JsonNode s : subs) {
            String url = s.path("url").asText();
            if (url.contains("/query") || url.contains("/queryAll") || url.contains("/composite/sobjects")) {
                queries++;
            }
        }
        if (queries > MAX_QUERIES) {
            return Reply.error(400, "LIMIT_EXCEEDED", "Maximum number of query and sObject Collections subrequests exceeded: "
                    + queries + " (limit " + MAX_QUERIES + ")", null);
        }
        boolean allOrNone = body.path("allOrNone").asBoolean(false);
        if (!allOrNone) {
            ArrayNode out = Reply.JSON.createArrayNode();
            execute(subs, userId, false).forEach(out::add);
            return wrap(out);
        }
        // all or none: hold the org for the whole request and put it back if any part fails
        try {
            List<ObjectNode> responses = rest.store().atomically(() -> {
                List<ObjectNode> r = execute(subs, userId, true);
                if (r.stream().anyMatch(x -> !x.path("httpStatusCode").asText().startsWith("2"))) {
                    throw new RolledBack(r);
                }
                return r;
            });
            ArrayNode out = Reply.JSON.createArrayNode();
            responses.forEach(out::add);
            return wrap(out);
        } catch (RolledBack e) {
            ArrayNode out = Reply.JSON.createArrayNode();
            for (int i = 0; i < subs.size(); i++) {
                ObjectNode r = i < e.responses.size() && !e.responses.get(i).path("httpStatusCode").asText().startsWith("2")
                        ? e.responses.get(i) : halted(subs.get(i).path("referenceId").asText());
                out.add(r);
            }
            return wrap(out);
        }
    }

    /** Signals that an allOrNone request failed, so the store is rolled back. */
    private static final class RolledBack extends RuntimeException {
        final transient List<ObjectNode> responses;

        RolledBack(List<ObjectNode> responses) {
            super(null, null, false, false);
            this.responses = responses;
        }
    }

    private List<ObjectNode> execute(JsonNode subs, String userId, boolean stopOnFailure) {
        Map<String, JsonNode> results = new HashMap<>();
        Map<String, Boolean> failed = new HashMap<>();
        List<ObjectNode> responses = new ArrayList<>();
        for (JsonNode s : subs) {
            String ref = s.path("referenceId").asText();
            String method = s.path("method").asText("GET").toUpperCase(Locale.ROOT);
            ObjectNode response = Reply.JSON.createObjectNode();
            Reply reply;
            try {
                String url = resolve(s.path("url").asText(), results, failed, true);
                JsonNode subBody = s.has("body") ? Reply.JSON.readTree(resolve(Reply.JSON.writeValueAsString(s.get("body")), results, failed, false)) : null;
                reply = dispatch(method, url, subBody, userId);
            } catch (ApiException e) {
                reply = Reply.error(e);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                reply = Reply.error(400, "JSON_PARSER_ERROR", e.getOriginalMessage(), null);
            }
            response.set("body", reply.body() == null ? Reply.JSON.nullNode() : reply.body());
            ObjectNode headers = response.putObject("httpHeaders");
            reply.headers().forEach(headers::put);
            response.put("httpStatusCode", reply.status());
            response.put("referenceId", ref);
            responses.add(response);
            results.put(ref, reply.body());
            failed.put(ref, !reply.ok());
            if (!reply.ok() && stopOnFailure) {
                break;
            }
        }
        return responses;
    }

    private Reply wrap(ArrayNode responses) {
        ObjectNode out = Reply.JSON.createObjectNode();
        out.set("compositeResponse", responses);
        return Reply.of(200, out);
    }

    private static ObjectNode halted(String ref) {
        ObjectNode r = Reply.JSON.createObjectNode();
        r.set("body", Reply.error(400, "PROCESSING_HALTED", "The transaction was rolled back since another operation in the same transaction failed.", null).body());
        r.putObject("httpHeaders");
        r.put("httpStatusCode", 400);
        r.put("referenceId", ref);
        return r;
    }

    private Reply dispatch(String method, String url, JsonNode body, String userId) {
        String path = url.replaceFirst("^/+services/data/", "");
        Map<String, String> query = new LinkedHashMap<>();
        int q = path.indexOf('?');
        if (q >= 0) {
            for (String pair : path.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            path = path.substring(0, q);
        }
        if (path.matches("v\\d+\\.\\d/composite/?")) {
            return Reply.error(400, "INVALID_API_INPUT", "Composite requests can't be nested", null);
        }
        return rest.handle(method, path, query, body, userId, Map.of());
    }

    /** Replaces @{ref.path} with the value from an earlier result; a reference to a failed or unknown result fails. */
    private static String resolve(String text, Map<String, JsonNode> results, Map<String, Boolean> failed, boolean urlEncode) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1);
            String path = m.group(2).isEmpty() ? m.group(3) : m.group(2) + "." + m.group(3);
            String shown = ref + (m.group(2).isEmpty() ? "." : "") + path;
            if (!results.containsKey(ref) || Boolean.TRUE.equals(failed.get(ref))) {
                throw ApiException.bad("PROCESSING_HALTED", "Invalid reference specified. No value for " + shown
                        + " found in " + ref + ". Provided referenceId ('" + ref + "') must match an earlier successful subrequest.");
            }
            JsonNode value = navigate(results.get(ref), path);
            if (value == null || value.isMissingNode() || value.isNull()) {
                throw ApiException.bad("INVALID_FIELD", "Invalid reference specified. No value for " + shown + " found in " + ref);
            }
            String s = value.asText();
            m.appendReplacement(out, Matcher.quoteReplacement(urlEncode ? s : s.replace("\\", "\\\\").replace("\"", "\\\"")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static JsonNode navigate(JsonNode node, String path) {
        JsonNode current = node;
        for (String part : path.split("\\.")) {
            Matcher idx = INDEXED.matcher(part);
            if (idx.matches()) {
                if (!idx.group(1).isEmpty()) {
                    current = current == null ? null : current.get(idx.group(1));
                }
                current = current == null ? null : current.get(Integer.parseInt(idx.group(2)));
            } else {
                current = current == null ? null : current.get(part);
            }
        }
        return current;
    }
}
