package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The API versions a current org serves and the resources it lists for each. A real org answers every version from
 * 31.0 (Summer '14) to the newest one, and clients pin old ones: the Salesforce CLI hard-codes v51.0 in its login
 * flows. Labels follow the release train (three releases a year; "List Available REST API Versions",
 * https://developer.salesforce.com/docs/platform/api-rest/guide/dome-versions.md). The newest is Winter '27, 68.0
 * ("List Available REST Resources", https://developer.salesforce.com/docs/platform/api-rest/guide/dome-discoveryresource.md).
 */
final class ApiVersions {

    static final int OLDEST = 31;
    static final int NEWEST = 68;
    static final String LATEST = NEWEST + ".0";

    /**
     * The resource names a real org lists under /services/data/vXX.X/ (the discovery page's example, in its order);
     * "identity" is an absolute URL, the others are relative. The emulator implements sobjects, query, queryAll,
     * composite, limits, tooling (query), search and parameterizedSearch (empty results), recent (empty) and identity.
     */
    private static final List<String> RESOURCES = List.of("tooling", "metadata", "eclair", "folders", "prechatForms",
            "contact-tracing", "jsonxform", "chatter", "payments", "tabs", "appMenu", "quickActions", "queryAll", "commerce",
            "wave", "iot", "analytics", "search", "smartdatadiscovery", "identity", "composite", "parameterizedSearch",
            "fingerprint", "theme", "nouns", "domino", "event", "serviceTemplates", "recent", "connect", "licensing",
            "limits", "process", "async-queries", "query", "match-engine", "emailConnect", "compactLayouts",
            "knowledgeManagement", "sobjects", "actions", "support");

    private ApiVersions() {
    }

    static List<String> all() {
        List<String> out = new ArrayList<>();
        for (int v = OLDEST; v <= NEWEST; v++) {
            out.add(v + ".0");
        }
        return out;
    }

    /** "68.0" for "latest", the version itself when served, else null. */
    static String resolve(String requested) {
        if ("latest".equals(requested)) {
            return LATEST;
        }
        if (requested == null || !requested.matches("\\d{2}\\.0")) {
            return null;
        }
        int major = Integer.parseInt(requested.substring(0, 2));
        return major >= OLDEST && major <= NEWEST ? requested : null;
    }

    /** "Summer '14" for 31.0, "Winter '15" for 32.0, ... "Winter '27" for 68.0. */
    static String label(int major) {
        int sinceWinter15 = major - 32;
        String season = switch (Math.floorMod(sinceWinter15, 3)) {
            case 0 -> "Winter";
            case 1 -> "Spring";
            default -> "Summer";
        };
        int year = 15 + Math.floorDiv(sinceWinter15, 3);
        return season + " '" + year;
    }

    /** GET /services/data: the versions list, without authentication as in Salesforce. */
    static ArrayNode list() {
        ArrayNode list = Reply.JSON.createArrayNode();
        for (int v = OLDEST; v <= NEWEST; v++) {
            ObjectNode n = list.addObject();
            n.put("label", label(v));
            n.put("url", "/services/data/v" + v + ".0");
            n.put("version", v + ".0");
        }
        return list;
    }

    /** GET /services/data/vXX.X/: resource names to URLs; identity is the caller's identity URL. */
    static ObjectNode resources(String version, String identityUrl) {
        ObjectNode map = Reply.JSON.createObjectNode();
        for (String r : RESOURCES) {
            map.put(r, r.equals("identity") ? identityUrl : "/services/data/v" + version + "/" + r);
        }
        return map;
    }
}
