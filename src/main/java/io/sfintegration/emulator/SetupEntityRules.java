package io.sfintegration.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SetupEntityAccess as a real org keeps it (Object Reference, "SetupEntityAccess",
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_setupentityaccess.htm):
 * a row grants the parent permission set access to one existing setup entity; SetupEntityType is derived from the
 * entity, one row per set and entity, no update; the rows go with their permission set. Also answers whether a user
 * holds access to an entity through the permission sets of their profile and assignments (groups included).
 */
final class SetupEntityRules {

    /** The entity types the emulator models; SetupEntityType takes the object's name. */
    static final Set<String> TYPES = Set.of("ApexClass", "ConnectedApplication", "CustomPermission");

    private final OrgStore store;

    SetupEntityRules(OrgStore store) {
        this.store = store;
    }

    void beforeCreate(Map<String, Object> f) {
        Map<String, Object> parent = store.liveById((String) f.get("ParentId"));
        if (parent == null || !"PermissionSet".equals(OrgStore.typeOf(parent))) {
            throw ApiException.bad("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", "ParentId");
        }
        Map<String, Object> entity = store.liveById((String) f.get("SetupEntityId"));
        if (entity == null || !TYPES.contains(OrgStore.typeOf(entity))) {
            throw ApiException.bad("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", "SetupEntityId");
        }
        for (Map<String, Object> row : store.live("SetupEntityAccess")) {
            if (OrgRules.sameId(row.get("ParentId"), parent.get("Id")) && OrgRules.sameId(row.get("SetupEntityId"), entity.get("Id"))) {
                throw ApiException.bad("DUPLICATE_VALUE", "duplicate value found: SetupEntityId duplicates value on record with id: " + row.get("Id"));
            }
        }
        f.put("SetupEntityType", OrgStore.typeOf(entity));
    }

    /** The SetupAuditTrail line, naming the entity as Setup's history does. */
    String describe(Map<String, Object> row, boolean granted) {
        Map<String, Object> entity = store.liveById((String) row.get("SetupEntityId"));
        Map<String, Object> parent = store.liveById((String) row.get("ParentId"));
        String name = entity == null ? String.valueOf(row.get("SetupEntityId")) : entityName(entity);
        return (granted ? "Enabled " : "Disabled ") + row.get("SetupEntityType") + " access to " + name + " in permission set "
                + (parent == null ? row.get("ParentId") : parent.get("Name"));
    }

    static String entityName(Map<String, Object> entity) {
        Object name = entity.containsKey("DeveloperName") ? entity.get("DeveloperName") : entity.get("Name");
        Object ns = entity.get("NamespacePrefix");
        return ns == null ? String.valueOf(name) : ns + "__" + name;
    }

    /** Rows of a permission set that is going away go with it. */
    void removeChildrenOf(String permissionSetId) {
        List<Map<String, Object>> rows = new ArrayList<>();
        store.live("SetupEntityAccess").forEach(r -> {
            if (OrgRules.sameId(r.get("ParentId"), permissionSetId)) {
                rows.add(r);
            }
        });
        rows.forEach(r -> store.removeRaw("SetupEntityAccess", r));
    }

    /**
     * Whether the user has access to the entity: through the permission set their profile owns, a permission set
     * assigned to them, or a permission set in a group assigned to them ("Admin approved users are pre-authorized"
     * admits users whose profile or permission sets grant the app).
     */
    boolean userHasAccess(String userId, String entityId) {
        Map<String, Object> user = store.liveById(userId);
        if (user == null) {
            return false;
        }
        List<Object> sets = new ArrayList<>();
        store.live("PermissionSet").forEach(ps -> {
            if (Boolean.TRUE.equals(ps.get("IsOwnedByProfile")) && OrgRules.sameId(ps.get("ProfileId"), user.get("ProfileId"))) {
                sets.add(ps.get("Id"));
            }
        });
        List<Object> groups = new ArrayList<>();
        store.live("PermissionSetAssignment").forEach(a -> {
            if (OrgRules.sameId(a.get("AssigneeId"), userId)) {
                if (a.get("PermissionSetId") != null) {
                    sets.add(a.get("PermissionSetId"));
                } else if (a.get("PermissionSetGroupId") != null) {
                    groups.add(a.get("PermissionSetGroupId"));
                }
            }
        });
        if (!groups.isEmpty() && store.schemas().get("PermissionSetGroupComponent") != null) {
            store.live("PermissionSetGroupComponent").forEach(c -> {
                if (groups.stream().anyMatch(g -> OrgRules.sameId(g, c.get("PermissionSetGroupId")))) {
                    sets.add(c.get("PermissionSetId"));
                }
            });
        }
        for (Map<String, Object> row : store.live("SetupEntityAccess")) {
            if (OrgRules.sameId(row.get("SetupEntityId"), entityId) && sets.stream().anyMatch(s -> OrgRules.sameId(s, row.get("ParentId")))) {
                return true;
            }
        }
        return false;
    }
}
