package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;

/** An HTTP answer of the emulated org: status, JSON body (or none) and extra headers. */
record Reply(int status, JsonNode body, Map<String, String> headers) {

    static final ObjectMapper JSON = new ObjectMapper();

    static Reply of(int status, JsonNode body) {
        return new Reply(status, body, Map.of());
    }

    static Reply noContent() {
        return new Reply(204, null, Map.of());
    }

    /** Salesforce's REST error body: [{"message","errorCode","fields"}] (REST API Developer Guide, "Status Codes and Error Responses"). */
    static Reply error(int status, String errorCode, String message, List<String> fields) {
        ArrayNode array = JSON.createArrayNode();
        ObjectNode e = array.addObject();
        e.put("message", message);
        e.put("errorCode", errorCode);
        if (fields != null && !fields.isEmpty()) {
            ArrayNode f = e.putArray("fields");
            fields.forEach(f::add);
        }
        return of(status, array);
    }

    static Reply error(ApiException e) {
        return error(e.status, e.errorCode, e.getMessage(), e.fields);
    }

    boolean ok() {
        return status < 300;
    }
}
