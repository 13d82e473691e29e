package io.sfintegration.salesforce.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sfintegration.salesforce.GroupComponent;
import io.sfintegration.salesforce.MutingSetState;
import io.sfintegration.salesforce.PermissionSetGroupFields;
import io.sfintegration.salesforce.PermissionSetGroupIds;
import io.sfintegration.salesforce.PermissionSetGroupState;
import io.sfintegration.salesforce.SalesforceError;
import io.sfintegration.salesforce.SalesforceException;
import io.sfintegration.salesforce.SaveResult;
import io.sfintegration.salesforce.Soql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The REST requests for permission set groups (Object Reference: "PermissionSetGroup", "PermissionSetGroupComponent",
 * "MutingPermissionSet"): one composite of three queries reads groups with their components and muting sets; the
 * group and the muting set are single sObject writes, components go in sObject collections.
 */
final class GroupOperations {

    private final RestOperations rest;
    private final Supplier<List<String>> userPermissions;

    GroupOperations(RestOperations rest, Supplier<List<String>> userPermissions) {
        this.rest = rest;
        this.userPermissions = userPermissions;
    }

    Map<String, PermissionSetGroupState> find(Collection<String> names) {
        Map<String, PermissionSetGroupState> found = new LinkedHashMap<>();
        List<String> wanted = names.stream().distinct().toList();
        if (wanted.isEmpty()) {
            return found;
        }
        List<String> permissions = userPermissions.get();
        StringBuilder mutingFields = new StringBuilder("Id, DeveloperName, MasterLabel, Description");
        permissions.forEach(p -> mutingFields.append(", Permissions").append(p));
        for (List<String> chunk : Chunks.forInList(wanted)) {
            String in = Soql.inList(chunk);
            List<String> muting = chunk.stream().map(PermissionSetGroupIds::mutingName).toList();
            List<List<JsonNode>> rows = rest.queries(List.of(
                    "SELECT Id, DeveloperName, MasterLabel, Description, Status FROM PermissionSetGroup WHERE DeveloperName IN " + in,
                    "SELECT Id, PermissionSetGroupId, PermissionSetId FROM PermissionSetGroupComponent"
                            + " WHERE PermissionSetGroup.DeveloperName IN " + in,
                    "SELECT " + mutingFields + " FROM MutingPermissionSet WHERE DeveloperName IN " + Soql.inList(muting)));
            Map<String, List<GroupComponent>> components = new HashMap<>();
            for (JsonNode r : rows.get(1)) {
                GroupComponent c = new GroupComponent(JsonRecords.text(r, "Id"), JsonRecords.text(r, "PermissionSetGroupId"),
                        JsonRecords.text(r, "PermissionSetId"));
                components.computeIfAbsent(Soql.idKey(c.groupId()), k -> new ArrayList<>()).add(c);
            }
            Map<String, MutingSetState> mutingSets = new HashMap<>();
            for (JsonNode r : rows.get(2)) {
                Set<String> muted = new LinkedHashSet<>();
                permissions.stream().filter(p -> JsonRecords.bool(r, "Permissions" + p)).forEach(muted::add);
                MutingSetState m = new MutingSetState(JsonRecords.text(r, "Id"), fields(r), muted);
                mutingSets.put(Soql.key(m.fields().developerName()), m);
            }
            for (JsonNode r : rows.get(0)) {
                String id = JsonRecords.text(r, "Id");
                PermissionSetGroupFields fields = fields(r);
                found.put(Soql.key(fields.developerName()), new PermissionSetGroupState(id, fields, JsonRecords.text(r, "Status"),
                        components.getOrDefault(Soql.idKey(id), List.of()), mutingSets.get(Soql.key(PermissionSetGroupIds.mutingName(fields.developerName())))));
            }
        }
        return found;
    }

    private static PermissionSetGroupFields fields(JsonNode r) {
        return new PermissionSetGroupFields(JsonRecords.text(r, "DeveloperName"), JsonRecords.text(r, "MasterLabel"),
                JsonRecords.text(r, "Description"));
    }

    SaveResult createGroup(PermissionSetGroupFields fields) {
        return write("POST", "sobjects/PermissionSetGroup", body(fields, true));
    }

    /** One group: a single create (its refusal as Salesforce words it); more: sObject collections of 200. */
    List<SaveResult> createGroups(List<PermissionSetGroupFields> groups) {
        if (groups.size() <= 1) {
            return groups.stream().map(this::createGroup).toList();
        }
        return rest.create(groups.stream().map(g -> {
            ObjectNode body = body(g, true);
            body.putObject("attributes").put("type", "PermissionSetGroup");
            return body;
        }).toList());
    }

    SaveResult updateGroup(String groupId, PermissionSetGroupFields fields) {
        if (!Soql.isId(groupId)) {
            return malformed();
        }
        SaveResult result = write("PATCH", "sobjects/PermissionSetGroup/" + groupId, body(fields, false));
        return result.success() ? SaveResult.ok(groupId) : result;
    }

    List<SaveResult> addComponents(List<GroupComponent> components) {
        if (components.isEmpty()) {
            return List.of();
        }
        return rest.create(components.stream().map(c -> {
            ObjectNode body = rest.json().createObjectNode();
            body.putObject("attributes").put("type", "PermissionSetGroupComponent");
            body.put("PermissionSetGroupId", c.groupId());
            body.put("PermissionSetId", c.permissionSetId());
            return body;
        }).toList());
    }

    SaveResult saveMuting(String id, PermissionSetGroupFields fields, Set<String> muted) {
        ObjectNode body = body(fields, id == null);
        for (String p : userPermissions.get()) {
            body.put("Permissions" + p, muted.stream().anyMatch(m -> m.equalsIgnoreCase(p)));
        }
        if (id == null) {
            return write("POST", "sobjects/MutingPermissionSet", body);
        }
        if (!Soql.isId(id)) {
            return malformed();
        }
        SaveResult result = write("PATCH", "sobjects/MutingPermissionSet/" + id, body);
        return result.success() ? SaveResult.ok(id) : result;
    }

    /** DeveloperName is written on create only: it is the name the group is found by. */
    private ObjectNode body(PermissionSetGroupFields fields, boolean create) {
        ObjectNode body = rest.json().createObjectNode();
        if (create) {
            body.put("DeveloperName", fields.developerName());
        }
        body.put("MasterLabel", fields.label());
        if (fields.description() == null) {
            body.putNull("Description");
        } else {
            body.put("Description", fields.description());
        }
        return body;
    }

    /** A record-level refusal (400/404) becomes a failed result; anything else about the call is thrown. */
    private SaveResult write(String method, String path, ObjectNode body) {
        try {
            ApiResponse answer = rest.send(method, path, body, "sobject");
            return SaveResult.ok(answer.body() == null ? null : JsonRecords.text(answer.body(), "id"));
        } catch (SalesforceException e) {
            if ((e.httpStatus() == 400 || e.httpStatus() == 404) && !e.errors().isEmpty()) {
                return SaveResult.failed(e.errors());
            }
            throw e;
        }
    }

    private static SaveResult malformed() {
        return SaveResult.failed(List.of(SalesforceError.of("MALFORMED_ID", "not a Salesforce id")));
    }
}
