package io.sfintegration.salesforce.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.sfintegration.salesforce.SalesforceError;
import io.sfintegration.salesforce.SaveResult;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Reading Salesforce JSON: field names are matched case-insensitively, dotted paths follow parent relationships. */
final class JsonRecords {

    private static final DateTimeFormatter SALESFORCE_DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");

    private JsonRecords() {
    }

    static JsonNode field(JsonNode record, String path) {
        JsonNode node = record;
        for (String part : path.split("\\.")) {
            node = child(node, part);
            if (node.isMissingNode() || node.isNull()) {
                return node;
            }
        }
        return node;
    }

    static String text(JsonNode record, String path) {
        JsonNode node = field(record, path);
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }

    static boolean bool(JsonNode record, String path) {
        return field(record, path).asBoolean(false);
    }

    static int integer(JsonNode record, String path) {
        return field(record, path).asInt(0);
    }

    static Instant instant(JsonNode record, String path) {
        String value = text(record, path);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value, SALESFORCE_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e2) {
                return Instant.parse(value);
            }
        }
    }

    private static JsonNode child(JsonNode node, String name) {
        if (!node.isObject()) {
            return MissingNode.getInstance();
        }
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return MissingNode.getInstance();
    }

    /** One error: REST uses errorCode, collections use statusCode. */
    static SalesforceError error(JsonNode e) {
        String code = text(e, "errorCode");
        if (code == null) {
            code = text(e, "statusCode");
        }
        List<String> fields = new ArrayList<>();
        field(e, "fields").forEach(f -> fields.add(f.asText()));
        return new SalesforceError(code == null ? "UNKNOWN" : code, text(e, "message"), fields);
    }

    static List<SalesforceError> errors(JsonNode array) {
        List<SalesforceError> errors = new ArrayList<>();
        if (array.isObject()) {
            errors.add(error(array));
        } else {
            array.forEach(e -> errors.add(error(e)));
        }
        return errors;
    }

    /** A collection / create result {@code {id, success, errors}}. */
    static SaveResult saveResult(JsonNode node) {
        boolean success = bool(node, "success");
        List<SalesforceError> errors = errors(field(node, "errors"));
        return new SaveResult(text(node, "id"), success && errors.isEmpty(), errors);
    }
}
