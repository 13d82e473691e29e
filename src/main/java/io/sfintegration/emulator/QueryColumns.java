package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sfintegration.emulator.soql.FieldSchema;
import io.sfintegration.emulator.soql.FieldType;
import io.sfintegration.emulator.soql.ObjectSchema;
import io.sfintegration.emulator.soql.SoqlEngine;

import java.util.Arrays;
import java.util.List;

/**
 * The answer to {@code GET /query?q=...&columns=true}: the query's columns instead of its rows. Not in the REST API
 * guide, but every Salesforce org answers it and the Salesforce CLI asks it after each {@code sf data query} that
 * returned rows (plugin-data's retrieveColumns reads columnMetadata[].columnName and the nested joinColumns of parent
 * relationships, and aggregate for COUNT(...)).
 */
final class QueryColumns {

    private QueryColumns() {
    }

    static ObjectNode of(String soql, SoqlEngine engine, Schemas schemas) {
        List<String> items = engine.selectList(soql);
        ObjectSchema root = schemas.get(engine.fromObject(soql));
        ObjectNode out = Reply.JSON.createObjectNode();
        ArrayNode columns = out.putArray("columnMetadata");
        boolean idSelected = false;
        for (String item : items) {
            if (item.startsWith("count:")) {
                ObjectNode c = column(columns, item.substring("count:".length()), item.substring("count:".length()), "Integer");
                c.put("aggregate", true);
                c.put("numberType", true);
                continue;
            }
            List<String> path = Arrays.asList(item.split("\\."));
            idSelected |= path.size() == 1 && path.get(0).equalsIgnoreCase("Id");
            add(schemas, columns, root, path, "");
        }
        out.put("entityName", root == null ? engine.fromObject(soql) : root.name());
        out.put("groupBy", false);
        out.put("idSelected", idSelected);
        if (root != null) {
            out.put("keyPrefix", root.keyPrefix());
        } else {
            out.putNull("keyPrefix");
        }
        return out;
    }

    /** Adds one path; the parent relationships of a path share one column with the fields under joinColumns. */
    private static void add(Schemas schemas, ArrayNode columns, ObjectSchema schema, List<String> path, String prefix) {
        String head = path.get(0);
        if (path.size() == 1) {
            FieldSchema f = schema == null ? null : schema.field(head);
            String name = f == null ? head : f.name();
            ObjectNode c = column(columns, name, prefix + name, apexType(f));
            c.put("insertable", f != null && f.createable());
            c.put("updatable", f != null && f.updateable());
            c.put("booleanType", f != null && f.type() == FieldType.BOOLEAN);
            c.put("numberType", f != null && (f.type() == FieldType.INT || f.type() == FieldType.DOUBLE));
            c.put("textType", f != null && (f.type() == FieldType.STRING || f.type() == FieldType.EMAIL || f.type() == FieldType.TEXTAREA
                    || f.type() == FieldType.PICKLIST));
            return;
        }
        FieldSchema ref = schema == null ? null : schema.relationship(head);
        String name = ref == null ? head : ref.relationshipName();
        ObjectNode parent = null;
        for (var existing : columns) {
            if (existing.path("columnName").asText().equals(name) && existing.path("joinColumns").size() > 0) {
                parent = (ObjectNode) existing;
            }
        }
        if (parent == null) {
            parent = column(columns, name, prefix + name, null);
        }
        ObjectSchema target = null;
        if (ref != null && !ref.referenceTo().isEmpty()) {
            target = ref.referenceTo().size() == 1 ? schemas.get(ref.referenceTo().get(0)) : null;
        }
        add(schemas, (ArrayNode) parent.get("joinColumns"), target, path.subList(1, path.size()), prefix + name + ".");
    }

    private static ObjectNode column(ArrayNode columns, String name, String display, String apexType) {
        ObjectNode c = columns.addObject();
        c.put("aggregate", false);
        if (apexType == null) {
            c.putNull("apexType");
        } else {
            c.put("apexType", apexType);
        }
        c.put("booleanType", false);
        c.put("columnName", name);
        c.put("custom", false);
        c.put("displayName", display);
        c.putNull("foreignKeyName");
        c.put("insertable", false);
        c.putArray("joinColumns");
        c.put("numberType", false);
        c.put("textType", false);
        c.put("updatable", false);
        return c;
    }

    private static String apexType(FieldSchema f) {
        if (f == null) {
            return null;
        }
        return switch (f.type()) {
            case ID, REFERENCE -> "Id";
            case BOOLEAN -> "Boolean";
            case INT -> "Integer";
            case DOUBLE -> "Double";
            case DATE -> "Date";
            case DATETIME -> "Datetime";
            default -> "String";
        };
    }
}
