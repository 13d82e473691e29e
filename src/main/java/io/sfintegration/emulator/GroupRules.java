package io.sfintegration.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Permission set groups (Object Reference, "PermissionSetGroup", "PermissionSetGroupComponent", "MutingPermissionSet"):
 * a group bundles permission sets through component rows, at most one of them a muting permission set; after every
 * change Salesforce recalculates the group's permissions, and its Status reads Updating until that is done, then
 * Updated. The recalculation is modelled on the store's clock, so a test moves time instead of sleeping.
 */
final class GroupRules {

    /** How long a recalculation takes. */
    static final Duration RECALCULATION = Duration.ofSeconds(2);
    private static final String RECALCULATED_AT = "__recalculatedAt";

    private final OrgStore store;

    GroupRules(OrgStore store) {
        this.store = store;
    }

    void beforeCreateComponent(Map<String, Object> f) {
        Map<String, Object> group = store.liveById((String) f.get("PermissionSetGroupId"));
        if (group == null || !"PermissionSetGroup".equals(OrgStore.typeOf(group))) {
            throw ApiException.bad("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", "PermissionSetGroupId");
        }
        Map<String, Object> set = store.liveById((String) f.get("PermissionSetId"));
        String type = set == null ? null : OrgStore.typeOf(set);
        if (set == null || !("PermissionSet".equals(type) || "MutingPermissionSet".equals(type))
                || Boolean.TRUE.equals(set.get("IsOwnedByProfile"))) {
            throw ApiException.bad("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", "PermissionSetId");
        }
        for (Map<String, Object> c : store.live("PermissionSetGroupComponent")) {
            if (!OrgRules.sameId(c.get("PermissionSetGroupId"), group.get("Id"))) {
                continue;
            }
            if (OrgRules.sameId(c.get("PermissionSetId"), set.get("Id"))) {
                throw ApiException.bad("DUPLICATE_VALUE", "duplicate value found: PermissionSetId duplicates value on record with id: " + c.get("Id"));
            }
            Map<String, Object> other = store.liveById((String) c.get("PermissionSetId"));
            if ("MutingPermissionSet".equals(type) && other != null && "MutingPermissionSet".equals(OrgStore.typeOf(other))) {
                throw ApiException.bad("FIELD_INTEGRITY_EXCEPTION", "A permission set group can contain only one muting permission set.", "PermissionSetId");
            }
        }
    }

    /** A group that changed recalculates: Updating now, Updated once RECALCULATION has passed. */
    void recalculate(Object groupId) {
        Map<String, Object> group = groupId == null ? null : store.liveById(groupId.toString());
        if (group != null) {
            group.put(RECALCULATED_AT, store.clock().instant().plus(RECALCULATION));
            group.put("SystemModstamp", store.clock().instant());
        }
    }

    void computed(Map<String, Object> r) {
        Object done = r.get(RECALCULATED_AT);
        r.put("Status", done instanceof Instant at && store.clock().instant().isBefore(at) ? "Updating" : "Updated");
    }

    void beforeDeleteGroup(Map<String, Object> group) {
        for (Map<String, Object> a : store.live("PermissionSetAssignment")) {
            if (OrgRules.sameId(a.get("PermissionSetGroupId"), group.get("Id"))) {
                throw ApiException.bad("DELETE_FAILED", "This permission set group can't be deleted because it's assigned to users.");
            }
        }
    }

    void removeComponentsOf(Object groupId) {
        List<Map<String, Object>> rows = new ArrayList<>();
        store.live("PermissionSetGroupComponent").forEach(c -> {
            if (OrgRules.sameId(c.get("PermissionSetGroupId"), groupId)) {
                rows.add(c);
            }
        });
        rows.forEach(c -> store.removeRaw("PermissionSetGroupComponent", c));
    }
}
