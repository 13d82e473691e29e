package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sfintegration.emulator.soql.FieldSchema;
import io.sfintegration.emulator.soql.ObjectSchema;

/** describeGlobal, sObject basic information and describe, in Salesforce's shapes (the parts clients read). */
final class Describe {

    private Describe() {
    }

    static ObjectNode global(Schemas schemas, String version) {
        ObjectNode out = Reply.JSON.createObjectNode();
        out.put("encoding", "UTF-8");
        out.put("maxBatchSize", 200);
        ArrayNode list = out.putArray("sobjects");
        schemas.all().forEach(s -> list.add(summary(s, version)));
        return out;
    }

    static ObjectNode basic(ObjectSchema schema, String version) {
        ObjectNode out = Reply.JSON.createObjectNode();
        out.set("objectDescribe", summary(schema, version));
        out.putArray("recentItems");
        return out;
    }

    static ObjectNode full(ObjectSchema schema, String version) {
        ObjectNode out = summary(schema, version);
        ArrayNode fields = out.putArray("fields");
        for (FieldSchema f : schema.fields().values()) {
            ObjectNode n = fields.addObject();
            n.put("name", f.name());
            n.put("label", f.name());
            n.put("type", f.type().describeName());
            n.put("createable", f.createable());
            n.put("updateable", f.updateable());
            n.put("nillable", f.nillable());
            n.put("filterable", true);
            n.put("custom", false);
            n.put("length", f.type().describeName().equals("string") ? 255 : 0);
            if (f.relationshipName() != null) {
                n.put("relationshipName", f.relationshipName());
            } else {
                n.putNull("relationshipName");
            }
            ArrayNode refs = n.putArray("referenceTo");
            f.referenceTo().forEach(refs::add);
        }
        out.putArray("childRelationships");
        out.putArray("recordTypeInfos");
        return out;
    }

    private static ObjectNode summary(ObjectSchema s, String version) {
        ObjectNode n = Reply.JSON.createObjectNode();
        n.put("name", s.name());
        n.put("label", s.name());
        n.put("labelPlural", s.name() + "s");
        n.put("keyPrefix", s.keyPrefix());
        n.put("custom", false);
        n.put("createable", OrgRules.createable(s.name()));
        n.put("updateable", OrgRules.updateable(s.name()));
        n.put("deletable", OrgRules.deletable(s.name()));
        n.put("queryable", true);
        n.put("retrieveable", true);
        ObjectNode urls = n.putObject("urls");
        String base = "/services/data/v" + version + "/sobjects/" + s.name();
        urls.put("sobject", base);
        urls.put("describe", base + "/describe");
        urls.put("rowTemplate", base + "/{ID}");
        return n;
    }
}
