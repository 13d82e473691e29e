package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sfintegration.emulator.soql.SoqlEngine;
import io.sfintegration.emulator.soql.SoqlResult;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The part of the Tooling API (/services/data/vXX.X/tooling/query) that clients touch when they connect: the
 * Salesforce CLI asks for SandboxProcess, SourceMember and similar objects. Objects the emulator stores are queried
 * for real; the development objects below exist and are empty (no sandboxes, no source tracking, no Apex); any other
 * object is INVALID_TYPE as in a real org. Answers have the Tooling API's shape, with size and entityTypeName
 * ("Tooling API: query", https://developer.salesforce.com/docs/atlas.en-us.api_tooling.meta/api_tooling/intro_rest_resources.htm).
 */
final class ToolingApi {

    private static final Set<String> EMPTY_OBJECTS = Set.of("sandboxprocess", "sandboxinfo", "sourcemember", "apexclass",
            "apextrigger", "apexpage", "apexcomponent", "customobject", "customfield", "entitydefinition", "fielddefinition",
            "flow", "flowdefinition", "lightningcomponentbundle", "auradefinitionbundle", "staticresource", "apexlog",
            "traceflag", "debuglevel", "apexcodecoverageaggregate", "apextestqueueitem", "apextestresult", "installedsubscriberpackage");
    private static final java.util.regex.Pattern FROM = java.util.regex.Pattern.compile("(?i)\\bFROM\\s+([A-Za-z0-9_]+)");

    private final OrgStore store;
    private final SoqlEngine soql;

    ToolingApi(OrgStore store, SoqlEngine soql) {
        this.store = store;
        this.soql = soql;
    }

    Reply handle(String method, List<String> parts, Map<String, String> query, String version) {
        if (!method.equals("GET")) {
            return Reply.error(405, "METHOD_NOT_ALLOWED", "HTTP Method not allowed for this resource", null);
        }
        if (parts.isEmpty()) {
            ObjectNode out = Reply.JSON.createObjectNode();
            for (String r : List.of("query", "sobjects")) {
                out.put(r, "/services/data/v" + version + "/tooling/" + r);
            }
            return Reply.of(200, out);
        }
        if (parts.size() == 1 && parts.get(0).equals("query")) {
            return query(query.get("q"), version);
        }
        return Reply.error(404, "NOT_FOUND", "The requested resource does not exist", null);
    }

    private Reply query(String q, String version) {
        if (q == null || q.isBlank()) {
            return Reply.error(400, "MALFORMED_QUERY", "A query string parameter (q) is required", null);
        }
        java.util.regex.Matcher m = FROM.matcher(q);
        if (!m.find()) {
            return Reply.error(400, "MALFORMED_QUERY", "unexpected token: '<EOF>'", null);
        }
        String object = m.group(1);
        ObjectNode out = Reply.JSON.createObjectNode();
        ArrayNode rows = Reply.JSON.createArrayNode();
        int total = 0;
        if (store.schemas().get(object) != null) {
            SoqlResult result = soql.execute(q, store, version, false);
            result.records().forEach(r -> rows.add(JsonTrees.of(r)));
            total = result.totalSize();
            object = store.schemas().get(object).name();
        } else if (!EMPTY_OBJECTS.contains(object.toLowerCase(Locale.ROOT))) {
            return Reply.error(400, "INVALID_TYPE", "sObject type '" + object + "' is not supported.", null);
        }
        out.put("size", total);
        out.put("totalSize", total);
        out.put("done", true);
        out.putNull("queryLocator");
        out.put("entityTypeName", object);
        out.set("records", rows);
        return Reply.of(200, out);
    }
}
