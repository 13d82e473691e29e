package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * /composite/sobjects (REST API Developer Guide, "sObject Collections"): create (POST), update (PATCH) and delete
 * (DELETE ?ids=) up to 200 records in one call, with per-record results; allOrNone rolls all of them back when one fails.
 */
final class CollectionsApi {

    static final int MAX_RECORDS = 200;

    private final OrgStore store;

    CollectionsApi(OrgStore store) {
        this.store = store;
    }

    Reply handle(String method, Map<String, String> query, JsonNode body, String userId, String version) {
        List<Op> ops = new ArrayList<>();
        boolean allOrNone;
        switch (method) {
            case "POST", "PATCH" -> {
                JsonNode records = body == null ? null : body.get("records");
                if (records == null || !records.isArray()) {
                    return Reply.error(400, "JSON_PARSER_ERROR", "records is required and must be an array", null);
                }
                if (records.size() > MAX_RECORDS) {
                    return Reply.error(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than " + MAX_RECORDS + " records into this call", null);
                }
                allOrNone = body.path("allOrNone").asBoolean(false);
                for (JsonNode r : records) {
                    String type = r.path("attributes").path("type").asText(null);
                    String id = r.hasNonNull("id") ? r.get("id").asText() : r.hasNonNull("Id") ? r.get("Id").asText() : null;
                    ops.add(new Op(method, type, id, r));
                }
            }
            case "DELETE" -> {
                String ids = query.get("ids");
                if (ids == null || ids.isBlank()) {
                    return Reply.error(400, "MISSING_ARGUMENT", "ids parameter is required", null);
                }
                String[] list = ids.split(",");
                if (list.length > MAX_RECORDS) {
                    return Reply.error(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than " + MAX_RECORDS + " records into this call", null);
                }
                allOrNone = Boolean.parseBoolean(query.getOrDefault("allOrNone", "false"));
                for (String id : list) {
                    ops.add(new Op("DELETE", null, id.trim(), null));
                }
            }
            default -> {
                return Reply.error(405, "METHOD_NOT_ALLOWED", "HTTP Method not allowed for this resource", null);
            }
        }
        if (!allOrNone) {
            ArrayNode out = Reply.JSON.createArrayNode();
            for (Op op : ops) {
                out.add(apply(op, userId));
            }
            return Reply.of(200, out);
        }
        try {
            List<ObjectNode> results = store.atomically(() -> {
                List<ObjectNode> r = new ArrayList<>();
                for (Op op : ops) {
                    r.add(apply(op, userId));
                }
                if (r.stream().anyMatch(x -> !x.path("success").asBoolean())) {
                    throw new RolledBack(r);
                }
                return r;
            });
            ArrayNode out = Reply.JSON.createArrayNode();
            results.forEach(out::add);
            return Reply.of(200, out);
        } catch (RolledBack e) {
            ArrayNode out = Reply.JSON.createArrayNode();
            for (ObjectNode r : e.results) {
                if (r.path("success").asBoolean()) {
                    ObjectNode rolled = Reply.JSON.createObjectNode();
                    rolled.putNull("id");
                    rolled.put("success", false);
                    ArrayNode errors = rolled.putArray("errors");
                    ObjectNode err = errors.addObject();
                    err.put("statusCode", "ALL_OR_NONE_OPERATION_ROLLED_BACK");
                    err.put("message", "Record rolled back because not all records were valid and the request was using AllOrNone header");
                    err.putArray("fields");
                    out.add(rolled);
                } else {
                    out.add(r);
                }
            }
            return Reply.of(200, out);
        }
    }

    /**
     * Retrieve up to 2,000 records of one type in one call: {@code GET /composite/sobjects/{type}?ids=a,b&fields=X,Y}
     * or {@code POST} with {@code {"ids":[...],"fields":[...]}} (REST API Developer Guide, "Get Multiple Records with
     * Fewer Round-Trips", https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_composite_sobjects_collections_retrieve.htm).
     * The answer is an array in the order of the ids, with null for an id that names no record of that type.
     */
    Reply retrieve(String method, String type, Map<String, String> query, JsonNode body, String version) {
        var schema = store.schemas().get(type);
        if (schema == null) {
            return Reply.error(404, "NOT_FOUND", "The requested resource does not exist", null);
        }
        List<String> ids = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        switch (method) {
            case "GET" -> {
                split(query.get("ids"), ids);
                split(query.get("fields"), fields);
            }
            case "POST" -> {
                if (body == null || !body.path("ids").isArray()) {
                    return Reply.error(400, "JSON_PARSER_ERROR", "ids is required and must be an array", null);
                }
                body.path("ids").forEach(i -> ids.add(i.asText()));
                body.path("fields").forEach(f -> fields.add(f.asText()));
            }
            default -> {
                return Reply.error(405, "METHOD_NOT_ALLOWED", "HTTP Method not allowed for this resource", null);
            }
        }
        if (ids.isEmpty()) {
            return Reply.error(400, "MISSING_ARGUMENT", "ids parameter is required", null);
        }
        if (fields.isEmpty()) {
            return Reply.error(400, "MISSING_ARGUMENT", "fields parameter is required", null);
        }
        if (ids.size() > 2000) {
            return Reply.error(400, "EXCEEDED_ID_LIMIT", "record limit reached. cannot submit more than 2000 records into this call", null);
        }
        List<String> canonical = new ArrayList<>();
        for (String f : fields) {
            var fs = schema.field(f);
            if (fs == null) {
                return Reply.error(400, "INVALID_FIELD", "No such column '" + f + "' on entity '" + schema.name() + "'. If you are attempting"
                        + " to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or"
                        + " the describe call for the appropriate names.", null);
            }
            canonical.add(fs.name());
        }
        ArrayNode out = Reply.JSON.createArrayNode();
        for (String id : ids) {
            if (IdGenerator.key(id) == null) {
                return Reply.error(400, "MALFORMED_ID", "malformed id " + id, null);
            }
            Map<String, Object> r = store.byId(id);
            if (r == null || !OrgStore.typeOf(r).equals(schema.name())) {
                out.addNull();
            } else {
                out.add(RecordJson.record(schema, r, version, canonical));
            }
        }
        return Reply.of(200, out);
    }

    private static void split(String csv, List<String> into) {
        if (csv != null) {
            for (String s : csv.split(",")) {
                if (!s.isBlank()) {
                    into.add(s.trim());
                }
            }
        }
    }

    private record Op(String method, String type, String id, JsonNode record) {
    }

    private static final class RolledBack extends RuntimeException {
        final transient List<ObjectNode> results;

        RolledBack(List<ObjectNode> results) {
            super(null, null, false, false);
            this.results = results;
        }
    }

    private ObjectNode apply(Op op, String userId) {
        ObjectNode result = Reply.JSON.createObjectNode();
        try {
            String id;
            switch (op.method()) {
                case "POST" -> {
                    if (op.type() == null) {
                        throw ApiException.bad("INVALID_TYPE", "Must send a concrete entity type.");
                    }
                    if (op.id() != null) {
                        throw ApiException.bad("INVALID_FIELD", "cannot specify Id in an insert call", "Id");
                    }
                    if (store.schemas().get(op.type()) == null) {
                        throw ApiException.bad("INVALID_TYPE", "sObject type '" + op.type() + "' is not supported.");
                    }
                    id = store.create(op.type(), RecordJson.fields(op.record()), userId);
                }
                case "PATCH" -> {
                    if (op.id() == null) {
                        throw ApiException.bad("MISSING_ARGUMENT", "Id not specified in an update call", "Id");
                    }
                    String type = op.type() != null ? op.type() : typeOfId(op.id());
                    java.util.Map<String, Object> fields = RecordJson.fields(op.record());
                    fields.keySet().removeIf(k -> k.equalsIgnoreCase("id"));
                    store.update(type, op.id(), fields, userId);
                    id = op.id();
                }
                default -> {
                    store.delete(typeOfId(op.id()), op.id(), userId);
                    id = op.id();
                }
            }
            result.put("id", id.length() == 15 ? IdGenerator.to18(id) : id);
            result.put("success", true);
            result.putArray("errors");
        } catch (ApiException e) {
            if (op.id() != null && !op.method().equals("POST")) {
                result.put("id", op.id());
            } else {
                result.putNull("id");
            }
            result.put("success", false);
            ArrayNode errors = result.putArray("errors");
            ObjectNode err = errors.addObject();
            err.put("statusCode", e.errorCode);
            err.put("message", e.getMessage());
            ArrayNode fields = err.putArray("fields");
            e.fields.forEach(fields::add);
        }
        return result;
    }

    private String typeOfId(String id) {
        Map<String, Object> r = store.byId(id);
        if (r == null) {
            if (IdGenerator.key(id) == null) {
                throw ApiException.bad("MALFORMED_ID", "malformed id " + id);
            }
            throw ApiException.bad("ENTITY_IS_DELETED", "entity is deleted");
        }
        return OrgStore.typeOf(r);
    }
}
