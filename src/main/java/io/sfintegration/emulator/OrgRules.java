package io.sfintegration.emulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules a real org enforces on the objects the operator touches, with Salesforce's error codes, dispatched by
 * object to the class of each family: users ({@link UserRules}), licence seats ({@link LicenseSeats}), permission sets,
 * their object and field permissions and assignments ({@link PermissionRules}), permission set groups
 * ({@link GroupRules}) and setup entity access ({@link SetupEntityRules}). Which objects are read-only and which fields
 * are required is kept here, since describe reads the same sets. Every change is also written to SetupAuditTrail,
 * with who made it.
 */
final class OrgRules {

    private static final Set<String> READ_ONLY = Set.of("Organization", "UserLicense", "PermissionSetLicense", "SetupAuditTrail", "LoginHistory",
            "ConnectedApplication", "ApexClass", "CustomPermission");
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "Account", List.of("Name"), "Contact", List.of("LastName"), "Lead", List.of("LastName", "Company"),
            "Opportunity", List.of("Name", "StageName", "CloseDate"), "PermissionSet", List.of("Name", "Label"),
            "ObjectPermissions", List.of("ParentId", "SobjectType"), "FieldPermissions", List.of("ParentId", "SobjectType", "Field"),
            "PermissionSetLicenseAssign", List.of("AssigneeId", "PermissionSetLicenseId"), "PermissionSetAssignment", List.of("AssigneeId"),
            "SetupEntityAccess", List.of("ParentId", "SetupEntityId"));
    private static final Map<String, List<String>> GROUP_REQUIRED = Map.of("PermissionSetGroup", List.of("DeveloperName", "MasterLabel"),
            "MutingPermissionSet", List.of("DeveloperName", "MasterLabel"),
            "PermissionSetGroupComponent", List.of("PermissionSetGroupId", "PermissionSetId"));

    private final AuditTrail audit;
    private final LicenseSeats seats;
    private final UserRules users;
    private final PermissionRules permissions;
    private final SetupEntityRules setupEntities;
    private final GroupRules groups;

    OrgRules(OrgStore store, AuditTrail audit) {
        this.audit = audit;
        this.seats = new LicenseSeats(store);
        this.users = new UserRules(store, audit, seats);
        this.permissions = new PermissionRules(store, seats);
        this.setupEntities = new SetupEntityRules(store);
        this.groups = new GroupRules(store);
    }

    /** What describe says of an object: the same sets the write rules below enforce, so describe never promises a refused write. */
    static boolean createable(String type) {
        return !READ_ONLY.contains(type) && !type.equals("UserLogin");
    }

    static boolean updateable(String type) {
        return !READ_ONLY.contains(type) && !type.equals("SetupEntityAccess");
    }

    static boolean deletable(String type) {
        return !READ_ONLY.contains(type) && !List.of("User", "UserLogin", "Profile").contains(type);
    }

    SetupEntityRules setupEntities() {
        return setupEntities;
    }

    // ---- create ----

    void beforeCreate(String type, Map<String, Object> f, String actor) {
        if (READ_ONLY.contains(type) || type.equals("UserLogin")) {
            throw ApiException.bad("CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY", "entity type cannot be inserted: " + type);
        }
        if (type.equals("User")) {
            users.beforeCreate(f);
            return;
        }
        FieldChecks.requireAll(REQUIRED.getOrDefault(type, GROUP_REQUIRED.getOrDefault(type, List.of())), f, false);
        switch (type) {
            case "PermissionSet" -> permissions.checkPermissionSet(f, null);
            case "ObjectPermissions" -> permissions.checkObjectPermissions(f, null);
            case "FieldPermissions" -> permissions.checkFieldPermissions(f, null);
            case "PermissionSetAssignment" -> permissions.checkAssignment(f);
            case "PermissionSetLicenseAssign" -> seats.beforeAssign(f);
            case "SetupEntityAccess" -> setupEntities.beforeCreate(f);
            case "PermissionSetGroupComponent" -> groups.beforeCreateComponent(f);
            default -> {
            }
        }
    }

    void afterCreate(String type, Map<String, Object> r, String actor) {
        switch (type) {
            case "User" -> users.afterCreate(r, actor);
            case "PermissionSet" -> audit.record(actor, "PermSetCreate", "Manage Users", "Created permission set " + r.get("Name"));
            case "ObjectPermissions", "FieldPermissions" -> auditPermissionRow(actor, type, "Changed", r);
            case "PermissionSetAssignment" -> audit.record(actor, "PermSetAssign", "Manage Users",
                    "Permission set " + permissions.psName(r.get("PermissionSetId")) + ": assigned to " + users.username(r.get("AssigneeId")));
            case "PermissionSetLicenseAssign" -> audit.record(actor, "PermSetLicenseAssign", "Manage Users",
                    "Permission set license " + permissions.pslName(r.get("PermissionSetLicenseId")) + ": assigned to " + users.username(r.get("AssigneeId")));
            case "SetupEntityAccess" -> audit.record(actor, "PermSetSetupEntityAccessChanged", "Manage Users", setupEntities.describe(r, true));
            case "PermissionSetGroup" -> groups.recalculate(r.get("Id"));
            case "PermissionSetGroupComponent" -> groups.recalculate(r.get("PermissionSetGroupId"));
            default -> {
            }
        }
    }

    // ---- update ----

    void beforeUpdate(String type, Map<String, Object> current, Map<String, Object> changes, String actor) {
        if (READ_ONLY.contains(type)) {
            throw ApiException.bad("CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY", "entity type cannot be updated: " + type);
        }
        if (type.equals("SetupEntityAccess")) {
            // create, delete, query, retrieve only (Object Reference, "SetupEntityAccess": Supported Calls)
            throw ApiException.bad("CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY", "entity type cannot be updated: " + type);
        }
        Map<String, Object> merged = new HashMap<>(current);
        merged.putAll(changes);
        switch (type) {
            case "User" -> users.beforeUpdate(current, changes, merged);
            case "PermissionSet" -> permissions.checkPermissionSet(merged, current);
            case "ObjectPermissions" -> permissions.checkObjectPermissions(merged, current);
            case "FieldPermissions" -> permissions.checkFieldPermissions(merged, current);
            default -> {
            }
        }
    }

    void afterUpdate(String type, Map<String, Object> before, Map<String, Object> after, String actor) {
        switch (type) {
            case "User" -> users.afterUpdate(before, after, actor);
            case "UserLogin" -> users.afterLoginUpdate(before, after, actor);
            case "PermissionSet" -> audit.record(actor, "PermSetChanged", "Manage Users", "Changed permission set " + after.get("Name"));
            case "ObjectPermissions", "FieldPermissions" -> auditPermissionRow(actor, type, "Changed", after);
            default -> {
            }
        }
    }

    // ---- delete ----

    void beforeDelete(String type, Map<String, Object> r, String actor) {
        switch (type) {
            case "User" -> throw ApiException.bad("DELETE_FAILED", "Users can't be deleted. You can deactivate them instead.");
            case "UserLogin", "Profile" -> throw ApiException.bad("DELETE_FAILED", "entity type cannot be deleted: " + type);
            case "PermissionSet" -> permissions.beforeDeletePermissionSet(r);
            case "PermissionSetGroup" -> groups.beforeDeleteGroup(r);
            case "PermissionSetLicenseAssign" -> seats.beforeUnassign(r);
            default -> {
                if (READ_ONLY.contains(type)) {
                    throw ApiException.bad("DELETE_FAILED", "entity type cannot be deleted: " + type);
                }
            }
        }
    }

    void afterDelete(String type, Map<String, Object> r, String actor) {
        switch (type) {
            case "PermissionSet" -> {
                permissions.removePermissionsOf(r.get("Id"));
                setupEntities.removeChildrenOf((String) r.get("Id"));
                audit.record(actor, "PermSetDelete", "Manage Users", "Deleted permission set " + r.get("Name"));
            }
            case "PermissionSetAssignment" -> audit.record(actor, "PermSetUnassign", "Manage Users",
                    "Permission set " + permissions.psName(r.get("PermissionSetId")) + ": unassigned from " + users.username(r.get("AssigneeId")));
            case "PermissionSetLicenseAssign" -> audit.record(actor, "PermSetLicenseUnassign", "Manage Users",
                    "Permission set license " + permissions.pslName(r.get("PermissionSetLicenseId")) + ": unassigned from " + users.username(r.get("AssigneeId")));
            case "SetupEntityAccess" -> audit.record(actor, "PermSetSetupEntityAccessChanged", "Manage Users", setupEntities.describe(r, false));
            case "PermissionSetGroup" -> groups.removeComponentsOf(r.get("Id"));
            case "PermissionSetGroupComponent" -> groups.recalculate(r.get("PermissionSetGroupId"));
            case "ObjectPermissions", "FieldPermissions" -> auditPermissionRow(actor, type, "Removed", r);
            default -> {
            }
        }
    }

    /** Setup's row for a change of an object or field permission row: "Changed"/"Removed" ... of permission set X. */
    private void auditPermissionRow(String actor, String type, String verb, Map<String, Object> r) {
        String set = permissions.psName(r.get("ParentId"));
        if (type.equals("ObjectPermissions")) {
            audit.record(actor, "PermSetEntityPermChanged", "Manage Users", verb + " " + r.get("SobjectType") + " object permissions of permission set " + set);
        } else {
            audit.record(actor, "PermSetFlsChanged", "Manage Users", verb + " field permissions of " + r.get("Field") + " in permission set " + set);
        }
    }

    /** Fields Salesforce computes on read. */
    void computed(String type, Map<String, Object> r) {
        switch (type) {
            case "UserLicense" -> seats.computeUserLicense(r);
            case "PermissionSetLicense" -> seats.computePermissionSetLicense(r);
            case "PermissionSetGroup" -> groups.computed(r);
            case "User" -> UserRules.computeName(r);
            default -> {
            }
        }
    }

    /**
     * Whether both texts are ids of the same record. The rules scan whole tables with this (seats, duplicate
     * assignments), so with 10,000 users it runs ~10^9 times while seeding: records whose first 15 characters differ are
     * told apart before any checksum is worked out. Two texts that are not ids are not the same id.
     */
    static boolean sameId(Object a, Object b) {
        if (a == null || b == null) {
            return false;
        }
        String x = a.toString();
        String y = b.toString();
        if (x.length() < 15 || y.length() < 15 || !x.regionMatches(0, y, 0, 15)) {
            return false;
        }
        String key = IdGenerator.key(x);
        return key != null && key.equals(IdGenerator.key(y));
    }
}
