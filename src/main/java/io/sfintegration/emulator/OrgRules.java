package io.sfintegration.emulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules a real org enforces on the objects the operator touches, with Salesforce's error codes: unique,
 * email-shaped usernames; users are never deleted; the user licence comes from the profile and its seats are
 * counted; permission set licences and their seats; assignments that fit the user's licences, once each; object and
 * field permission dependencies (Object Reference: ObjectPermissions, FieldPermissions); API names of permission sets.
 * Every change is also written to SetupAuditTrail, with who made it.
 */
final class OrgRules {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern API_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,79}$");
    private static final Set<String> READ_ONLY = Set.of("Organization", "UserLicense", "PermissionSetLicense", "SetupAuditTrail", "LoginHistory",
            "ConnectedApplication", "ApexClass", "CustomPermission");
    private static final List<String> USER_REQUIRED = List.of("Username", "LastName", "Email", "Alias", "TimeZoneSidKey",
            "LocaleSidKey", "EmailEncodingKey", "LanguageLocaleKey", "ProfileId");
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "Account", List.of("Name"), "Contact", List.of("LastName"), "Lead", List.of("LastName", "Company"),
            "Opportunity", List.of("Name", "StageName", "CloseDate"), "PermissionSet", List.of("Name", "Label"),
            "ObjectPermissions", List.of("ParentId", "SobjectType"), "FieldPermissions", List.of("ParentId", "SobjectType", "Field"),
            "PermissionSetLicenseAssign", List.of("AssigneeId", "PermissionSetLicenseId"), "PermissionSetAssignment", List.of("AssigneeId"),
            "SetupEntityAccess", List.of("ParentId", "SetupEntityId"));
    private static final Map<String, List<String>> GROUP_REQUIRED = Map.of("PermissionSetGroup", List.of("DeveloperName", "MasterLabel"),
            "MutingPermissionSet", List.of("DeveloperName", "MasterLabel"),
            "PermissionSetGroupComponent", List.of("PermissionSetGroupId", "PermissionSetId"));

    private final OrgStore store;
    private final AuditTrail audit;
    private final SetupEntityRules setupEntities;
    private final GroupRules groups;

    OrgRules(OrgStore store, AuditTrail audit) {
        this.store = store;
        this.audit = audit;
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
            requireAll(USER_REQUIRED, f, false);
            f.putIfAbsent("IsActive", true);
            if (f.get("IsActive") == null) {
                f.put("IsActive", true);
            }
            checkUser(f, null);
            if (Boolean.TRUE.equals(f.get("IsActive"))) {
                requireSeat(licenseOfProfile((String) f.get("ProfileId")));
            }
            f.put("UserType", "Standard");
            return;
        }
        requireAll(REQUIRED.getOrDefault(type, GROUP_REQUIRED.getOrDefault(type, List.of())), f, false);
        switch (type) {
            case "PermissionSet" -> checkPermissionSet(f, null);
            case "ObjectPermissions" -> checkObjectPermissions(f, null);
            case "FieldPermissions" -> checkFieldPermissions(f, null);
            case "PermissionSetAssignment" -> checkAssignment(f);
            case "PermissionSetLicenseAssign" -> checkLicenseAssign(f);
            case "SetupEntityAccess" -> setupEntities.beforeCreate(f);
            case "PermissionSetGroupComponent" -> groups.beforeCreateComponent(f);
            default -> {
            }
        }
    }

    void afterCreate(String type, Map<String, Object> r, String actor) {
        switch (type) {
            case "User" -> {
                store.insertRaw("UserLogin", new HashMap<>(Map.of("UserId", r.get("Id"), "IsFrozen", false, "IsPasswordLocked", false)));
                audit.record(actor, "createduser", "Manage Users", "Created new user " + r.get("Username"));
            }
            case "PermissionSet" -> audit.record(actor, "PermSetCreate", "Manage Users", "Created permission set " + r.get("Name"));
            case "ObjectPermissions" -> audit.record(actor, "PermSetEntityPermChanged", "Manage Users",
                    "Changed " + r.get("SobjectType") + " object permissions of permission set " + psName(r.get("ParentId")));
            case "FieldPermissions" -> audit.record(actor, "PermSetFlsChanged", "Manage Users",
                    "Changed field permissions of " + r.get("Field") + " in permission set " + psName(r.get("ParentId")));
            case "PermissionSetAssignment" -> audit.record(actor, "PermSetAssign", "Manage Users",
                    "Permission set " + psName(r.get("PermissionSetId")) + ": assigned to " + username(r.get("AssigneeId")));
            case "PermissionSetLicenseAssign" -> audit.record(actor, "PermSetLicenseAssign", "Manage Users",
                    "Permission set license " + pslName(r.get("PermissionSetLicenseId")) + ": assigned to " + username(r.get("AssigneeId")));
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
            case "User" -> {
                requireAll(USER_REQUIRED, changes, true);
                checkUser(merged, current);
                boolean activating = Boolean.TRUE.equals(merged.get("IsActive")) && !Boolean.TRUE.equals(current.get("IsActive"));
                String oldLicense = licenseOfProfile((String) current.get("ProfileId"));
                String newLicense = licenseOfProfile((String) merged.get("ProfileId"));
                if (activating || (Boolean.TRUE.equals(merged.get("IsActive")) && !Objects.equals(oldLicense, newLicense))) {
                    requireSeat(newLicense);
                }
            }
            case "PermissionSet" -> checkPermissionSet(merged, current);
            case "ObjectPermissions" -> checkObjectPermissions(merged, current);
            case "FieldPermissions" -> checkFieldPermissions(merged, current);
            default -> {
            }
        }
    }

    void afterUpdate(String type, Map<String, Object> before, Map<String, Object> after, String actor) {
        switch (type) {
            case "User" -> {
                String u = (String) after.get("Username");
                if (!Objects.equals(before.get("IsActive"), after.get("IsActive"))) {
                    audit.record(actor, Boolean.TRUE.equals(after.get("IsActive")) ? "activateduser" : "deactivateduser", "Manage Users",
                            (Boolean.TRUE.equals(after.get("IsActive")) ? "Activated" : "Deactivated") + " user " + u);
                }
                if (!Objects.equals(before.get("ProfileId"), after.get("ProfileId"))) {
                    audit.record(actor, "changedprofileforuser", "Manage Users", "Changed profile for user " + u);
                }
                for (String f : List.of("Email", "FirstName", "LastName", "Alias", "TimeZoneSidKey", "LocaleSidKey", "LanguageLocaleKey", "EmailEncodingKey")) {
                    if (!Objects.equals(before.get(f), after.get(f))) {
                        audit.record(actor, "changeduser", "Manage Users", "Changed " + f + " of user " + u);
                    }
                }
            }
            case "UserLogin" -> {
                if (!Objects.equals(before.get("IsFrozen"), after.get("IsFrozen"))) {
                    audit.record(actor, Boolean.TRUE.equals(after.get("IsFrozen")) ? "frozeuser" : "unfrozeuser", "Manage Users",
                            (Boolean.TRUE.equals(after.get("IsFrozen")) ? "Froze" : "Unfroze") + " user " + username(after.get("UserId")));
                }
            }
            case "PermissionSet" -> audit.record(actor, "PermSetChanged", "Manage Users", "Changed permission set " + after.get("Name"));
            case "ObjectPermissions" -> audit.record(actor, "PermSetEntityPermChanged", "Manage Users",
                    "Changed " + after.get("SobjectType") + " object permissions of permission set " + psName(after.get("ParentId")));
            case "FieldPermissions" -> audit.record(actor, "PermSetFlsChanged", "Manage Users",
                    "Changed field permissions of " + after.get("Field") + " in permission set " + psName(after.get("ParentId")));
            default -> {
            }
        }
    }

    // ---- delete ----

    void beforeDelete(String type, Map<String, Object> r, String actor) {
        switch (type) {
            case "User" -> throw ApiException.bad("DELETE_FAILED", "Users can't be deleted. You can deactivate them instead.");
            case "UserLogin", "Profile" -> throw ApiException.bad("DELETE_FAILED", "entity type cannot be deleted: " + type);
            case "PermissionSet" -> {
                if (Boolean.TRUE.equals(r.get("IsOwnedByProfile"))) {
                    throw ApiException.bad("DELETE_FAILED", "This permission set belongs to a profile and can't be deleted.");
                }
                for (Map<String, Object> a : store.live("PermissionSetAssignment")) {
                    if (sameId(a.get("PermissionSetId"), r.get("Id"))) {
                        throw ApiException.bad("DELETE_FAILED", "This permission set can't be deleted because it's assigned to users.");
                    }
                }
            }
            case "PermissionSetGroup" -> groups.beforeDeleteGroup(r);
            case "PermissionSetLicenseAssign" -> {
                for (Map<String, Object> a : store.live("PermissionSetAssignment")) {
                    Map<String, Object> ps = store.liveById((String) a.get("PermissionSetId"));
                    if (ps != null && sameId(a.get("AssigneeId"), r.get("AssigneeId")) && sameId(ps.get("LicenseId"), r.get("PermissionSetLicenseId"))) {
                        throw ApiException.bad("FIELD_INTEGRITY_EXCEPTION", "The user still has permission set " + ps.get("Name")
                                + ", which requires this permission set license. Remove it first.");
                    }
                }
            }
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
                for (String child : List.of("ObjectPermissions", "FieldPermissions")) {
                    List<Map<String, Object>> rows = new java.util.ArrayList<>();
                    store.live(child).forEach(x -> {
                        if (sameId(x.get("ParentId"), r.get("Id"))) {
                            rows.add(x);
                        }
                    });
                    rows.forEach(x -> store.removeRaw(child, x));
                }
                setupEntities.removeChildrenOf((String) r.get("Id"));
                audit.record(actor, "PermSetDelete", "Manage Users", "Deleted permission set " + r.get("Name"));
            }
            case "PermissionSetAssignment" -> audit.record(actor, "PermSetUnassign", "Manage Users",
                    "Permission set " + psName(r.get("PermissionSetId")) + ": unassigned from " + username(r.get("AssigneeId")));
            case "PermissionSetLicenseAssign" -> audit.record(actor, "PermSetLicenseUnassign", "Manage Users",
                    "Permission set license " + pslName(r.get("PermissionSetLicenseId")) + ": unassigned from " + username(r.get("AssigneeId")));
            case "SetupEntityAccess" -> audit.record(actor, "PermSetSetupEntityAccessChanged", "Manage Users", setupEntities.describe(r, false));
            case "PermissionSetGroup" -> groups.removeComponentsOf(r.get("Id"));
            case "PermissionSetGroupComponent" -> groups.recalculate(r.get("PermissionSetGroupId"));
            case "ObjectPermissions" -> audit.record(actor, "PermSetEntityPermChanged", "Manage Users",
                    "Removed " + r.get("SobjectType") + " object permissions of permission set " + psName(r.get("ParentId")));
            case "FieldPermissions" -> audit.record(actor, "PermSetFlsChanged", "Manage Users",
                    "Removed field permissions of " + r.get("Field") + " in permission set " + psName(r.get("ParentId")));
            default -> {
            }
        }
    }

    /** Fields Salesforce computes on read. */
    void computed(String type, Map<String, Object> r) {
        switch (type) {
            case "UserLicense" -> {
                // computed on every read of the licence, also through relationships (User.Profile.UserLicense.Name):
                // a query over 10,000 users does this 10,000 times, so each profile's licence is looked up once
                Map<String, Boolean> profileCounts = new HashMap<>();
                int used = 0;
                for (Map<String, Object> u : store.live("User")) {
                    if (Boolean.TRUE.equals(u.get("IsActive")) && profileCounts.computeIfAbsent((String) u.get("ProfileId"),
                            profileId -> sameId(licenseOfProfile(profileId), r.get("Id")))) {
                        used++;
                    }
                }
                r.put("UsedLicenses", (long) used);
            }
            case "PermissionSetLicense" -> {
                // as for UserLicense: every assignment names one of a few licences, so each distinct id is compared once
                Map<Object, Boolean> sameLicense = new HashMap<>();
                int used = 0;
                for (Map<String, Object> a : store.live("PermissionSetLicenseAssign")) {
                    if (sameLicense.computeIfAbsent(a.get("PermissionSetLicenseId"), id -> sameId(id, r.get("Id")))) {
                        used++;
                    }
                }
                r.put("UsedLicenses", (long) used);
            }
            case "PermissionSetGroup" -> groups.computed(r);
            case "User" -> r.put("Name", (r.get("FirstName") == null ? "" : r.get("FirstName") + " ") + r.get("LastName"));
            default -> {
            }
        }
    }

    // ---- checks ----

    /**
     * One REQUIRED_FIELD_MISSING naming every missing field, as a real org answers ("Required fields are missing:
     * [LastName, Email]" with fields [LastName, Email]; REST API Developer Guide, "Status Codes and Error Responses",
     * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm). On update only fields
     * being set to blank count.
     */
    private static void requireAll(List<String> required, Map<String, Object> f, boolean onlyPresent) {
        List<String> missing = new java.util.ArrayList<>();
        for (String r : required) {
            if ((!onlyPresent || f.containsKey(r)) && blank(f.get(r))) {
                missing.add(r);
            }
        }
        if (!missing.isEmpty()) {
            throw ApiException.bad("REQUIRED_FIELD_MISSING", "Required fields are missing: " + missing, missing.toArray(String[]::new));
        }
    }

    /**
     * A value outside a restricted picklist (ObjectPermissions.SobjectType, FieldPermissions.Field and SobjectType are
     * restricted picklists: Object Reference, "ObjectPermissions" and "FieldPermissions") is refused with
     * INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, "bad value for restricted picklist field: X" (StatusCode list of the SOAP
     * API Developer Guide, "Core Data Types Used in API Calls",
     * https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm).
     */
    private static ApiException badPicklistValue(String field, Object value) {
        return ApiException.bad("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST", "bad value for restricted picklist field: " + value, field);
    }

    private void checkUser(Map<String, Object> f, Map<String, Object> current) {
        String username = (String) f.get("Username");
        if (!EMAIL.matcher(username).matches()) {
            throw ApiException.bad("INVALID_EMAIL_ADDRESS", "Username: invalid email address: " + username, "Username");
        }
        if (!EMAIL.matcher(String.valueOf(f.get("Email"))).matches()) {
            throw ApiException.bad("INVALID_EMAIL_ADDRESS", "Email: invalid email address: " + f.get("Email"), "Email");
        }
        if (String.valueOf(f.get("Alias")).length() > 8) {
            throw ApiException.bad("STRING_TOO_LONG", "Alias: data value too large: " + f.get("Alias") + " (max length=8)", "Alias");
        }
        for (Map<String, Object> u : store.live("User")) {
            if (current != null && sameId(u.get("Id"), current.get("Id"))) {
                continue;
            }
            if (username.equalsIgnoreCase((String) u.get("Username"))) {
                throw ApiException.bad("DUPLICATE_USERNAME", "Duplicate Username.<br>The username already exists in this or another Salesforce"
                        + " organization. Usernames must be unique across all Salesforce organizations. To resolve, use a different username"
                        + " (it doesn't need to match the user's email address).", "Username");
            }
        }
    }

    private String licenseOfProfile(String profileId) {
        Map<String, Object> profile = profileId == null ? null : store.liveById(profileId);
        return profile == null ? null : (String) profile.get("UserLicenseId");
    }

    private void requireSeat(String licenseId) {
        Map<String, Object> license = licenseId == null ? null : store.liveById(licenseId);
        if (license == null) {
            return;
        }
        Map<String, Object> computed = new HashMap<>(license);
        computed("UserLicense", computed);
        long total = ((Number) license.get("TotalLicenses")).longValue();
        long used = ((Number) computed.get("UsedLicenses")).longValue();
        if (used >= total) {
            throw ApiException.bad("LICENSE_LIMIT_EXCEEDED", "License Limit Exceeded: all " + total + " " + license.get("Name")
                    + " licenses are in use");
        }
    }

    private void checkPermissionSet(Map<String, Object> f, Map<String, Object> current) {
        String name = (String) f.get("Name");
        if (!API_NAME.matcher(name).matches() || name.contains("__") || name.endsWith("_")) {
            throw ApiException.bad("FIELD_INTEGRITY_EXCEPTION", "The API Name can only contain underscores and alphanumeric characters. It must be"
                    + " unique, begin with a letter, not include spaces, not end with an underscore, and not contain two consecutive underscores.", "Name");
        }
        for (Map<String, Object> ps : store.live("PermissionSet")) {
            if (current != null && sameId(ps.get("Id"), current.get("Id"))) {
                continue;
            }
            if (name.equalsIgnoreCase((String) ps.get("Name"))) {
                throw ApiException.bad("DUPLICATE_DEVELOPER_NAME", "The API Name you provided is already in use. Provide a unique API Name.", "Name");
            }
        }
        if (current != null && !Objects.equals(IdGenerator.key((String) current.get("LicenseId")), IdGenerator.key((String) f.get("LicenseId")))) {
            throw ApiException.bad("FIELD_INTEGRITY_EXCEPTION", "The license of a permission set can't be changed after it's created.", "LicenseId");
        }
    }

    private void checkObjectPermissions(Map<String, Object> f, Map<String, Object> current) {
        String object = (String) f.get("SobjectType");
        if (store.schemas().get(object) == null || !Schemas.STANDARD_OBJECTS.contains(store.schemas().get(object).name())) {
            throw badPicklistValue("SobjectType", object);
        }
        f.put("SobjectType", store.schemas().get(object).name());
        boolean read = bool(f, "PermissionsRead");
        boolean edit = bool(f, "PermissionsEdit");
        boolean del = bool(f, "PermissionsDelete");
        boolean viewAll = bool(f, "PermissionsViewAllRecords");
        if ((bool(f, "PermissionsCreate") || edit || viewAll) && !read) {
            throw ApiException.bad("FIELD_INTEGRITY_EXCEPTION", "Permission Read is required when Create, Edit or View All Records is enabled ("
                    + object + ")", "PermissionsRead");
        }
        if (del && !(read && edit)) {
            throw ApiException.bad("FIELD_INTEGRITY_EXCEPTION", "Permission Delete depends on permission(s): Read, Edit (" + object + ")", "PermissionsDelete");
        }
        if (bool(f, "PermissionsModifyAllRecords") && !(read && edit && del && viewAll)) {
            throw ApiException.bad("FIELD_INTEGRITY_EXCEPTION", "Permission Modify All Records depends on permission(s): Read, Edit, Delete, View All Records ("
                    + object + ")", "PermissionsModifyAllRecords");
        }
        for (String k : List.of("PermissionsRead", "PermissionsCreate", "PermissionsEdit", "PermissionsDelete", "PermissionsViewAllRecords",
                "PermissionsModifyAllRecords", "PermissionsViewAllFields")) {
            f.putIfAbsent(k, false);
        }
        if (current == null) {
            requireParent(f);
            for (Map<String, Object> o : store.live("ObjectPermissions")) {
                if (sameId(o.get("ParentId"), f.get("ParentId")) && object.equalsIgnoreCase((String) o.get("SobjectType"))) {
                    throw ApiException.bad("DUPLICATE_VALUE", "duplicate value found: ParentId, SobjectType duplicates value on record with id: " + o.get("Id"));
                }
            }
        }
    }

    private void checkFieldPermissions(Map<String, Object> f, Map<String, Object> current) {
        String field = (String) f.get("Field");
        String object = (String) f.get("SobjectType");
        int dot = field.indexOf('.');
        var schema = store.schemas().get(object);
        if (schema == null || !Schemas.STANDARD_OBJECTS.contains(schema.name())) {
            throw badPicklistValue("SobjectType", object);
        }
        var target = dot < 0 ? null : store.schemas().get(field.substring(0, dot));
        if (target == null || target.field(field.substring(dot + 1)) == null || !Schemas.STANDARD_OBJECTS.contains(target.name())) {
            throw badPicklistValue("Field", field);
        }
        if (!target.name().equals(schema.name())) {
            throw ApiException.bad("FIELD_INTEGRITY_EXCEPTION", "Invalid field '" + field + "' for SobjectType '" + object + "'", "Field");
        }
        String canonical = schema.name() + "." + schema.field(field.substring(dot + 1)).name();
        if (Schemas.REQUIRED_FIELDS.contains(canonical)) {
            throw ApiException.bad("FIELD_INTEGRITY_EXCEPTION", "You cannot deploy to a required field: " + canonical, "Field");
        }
        f.put("Field", canonical);
        f.put("SobjectType", schema.name());
        if (bool(f, "PermissionsEdit") && !bool(f, "PermissionsRead")) {
            throw ApiException.bad("FIELD_INTEGRITY_EXCEPTION", "Permission Edit depends on permission(s): Read (" + canonical + ")", "PermissionsEdit");
        }
        f.putIfAbsent("PermissionsRead", false);
        f.putIfAbsent("PermissionsEdit", false);
        if (current == null) {
            requireParent(f);
            for (Map<String, Object> o : store.live("FieldPermissions")) {
                if (sameId(o.get("ParentId"), f.get("ParentId")) && canonical.equalsIgnoreCase((String) o.get("Field"))) {
                    throw ApiException.bad("DUPLICATE_VALUE", "duplicate value found: ParentId, Field duplicates value on record with id: " + o.get("Id"));
                }
            }
        }
    }

    private void requireParent(Map<String, Object> f) {
        Map<String, Object> parent = store.liveById((String) f.get("ParentId"));
        if (parent == null) {
            throw ApiException.bad("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", "ParentId");
        }
    }

    private void checkAssignment(Map<String, Object> f) {
        Map<String, Object> user = store.liveById((String) f.get("AssigneeId"));
        String psId = (String) f.get("PermissionSetId");
        String groupId = (String) f.get("PermissionSetGroupId");
        if ((psId == null) == (groupId == null)) {
            throw ApiException.bad("REQUIRED_FIELD_MISSING", "Required fields are missing: [PermissionSetId]", "PermissionSetId");
        }
        for (Map<String, Object> a : store.live("PermissionSetAssignment")) {
            if (sameId(a.get("AssigneeId"), f.get("AssigneeId"))
                    && (psId != null ? sameId(a.get("PermissionSetId"), psId) : sameId(a.get("PermissionSetGroupId"), groupId))) {
                throw ApiException.bad("DUPLICATE_VALUE", "Duplicate PermissionSetAssignment. Assignee: " + f.get("AssigneeId")
                        + "; Permission Set: " + (psId != null ? psId : groupId));
            }
        }
        f.put("IsActive", true);
        if (psId == null) {
            return;
        }
        Map<String, Object> ps = store.liveById(psId);
        if (Boolean.TRUE.equals(ps.get("IsOwnedByProfile"))) {
            throw ApiException.bad("FIELD_INTEGRITY_EXCEPTION", "You can't assign or unassign this permission set because it's associated with a profile.", "PermissionSetId");
        }
        String licenseId = (String) ps.get("LicenseId");
        if (licenseId == null) {
            return;
        }
        Map<String, Object> license = store.liveById(licenseId);
        if (license != null && OrgStore.typeOf(license).equals("PermissionSetLicense")) {
            boolean holds = false;
            for (Map<String, Object> a : store.live("PermissionSetLicenseAssign")) {
                if (sameId(a.get("AssigneeId"), user.get("Id")) && sameId(a.get("PermissionSetLicenseId"), licenseId)) {
                    holds = true;
                }
            }
            if (!holds) {
                throw ApiException.bad("FIELD_INTEGRITY_EXCEPTION", "The user license doesn't allow the permission: permission set "
                        + ps.get("Name") + " requires the permission set license " + license.get("MasterLabel") + ", which isn't assigned to the user.", "PermissionSetId");
            }
        } else if (license != null && !sameId(licenseOfProfile((String) user.get("ProfileId")), licenseId)) {
            throw ApiException.bad("FIELD_INTEGRITY_EXCEPTION", "The user license doesn't match the permission set license: permission set "
                    + ps.get("Name") + " requires the " + license.get("Name") + " user license.", "PermissionSetId");
        }
    }

    private void checkLicenseAssign(Map<String, Object> f) {
        long used = 0;
        for (Map<String, Object> a : store.live("PermissionSetLicenseAssign")) {
            if (sameId(a.get("PermissionSetLicenseId"), f.get("PermissionSetLicenseId"))) {
                used++;
                if (sameId(a.get("AssigneeId"), f.get("AssigneeId"))) {
                    throw ApiException.bad("DUPLICATE_VALUE", "duplicate value found: the user already has this permission set license");
                }
            }
        }
        Map<String, Object> license = store.liveById((String) f.get("PermissionSetLicenseId"));
        if (used >= ((Number) license.get("TotalLicenses")).longValue()) {
            throw ApiException.bad("LICENSE_LIMIT_EXCEEDED", "License Limit Exceeded: all " + license.get("TotalLicenses") + " "
                    + license.get("MasterLabel") + " permission set licenses are in use");
        }
    }

    private String psName(Object id) {
        Map<String, Object> ps = id == null ? null : store.liveById(id.toString());
        return ps == null ? String.valueOf(id) : String.valueOf(ps.get("Name"));
    }

    private String pslName(Object id) {
        Map<String, Object> psl = id == null ? null : store.liveById(id.toString());
        return psl == null ? String.valueOf(id) : String.valueOf(psl.get("MasterLabel"));
    }

    private String username(Object id) {
        Map<String, Object> u = id == null ? null : store.liveById(id.toString());
        return u == null ? String.valueOf(id) : String.valueOf(u.get("Username"));
    }

    private static boolean bool(Map<String, Object> f, String k) {
        return Boolean.TRUE.equals(f.get(k));
    }

    private static boolean blank(Object v) {
        return v == null || v.toString().isBlank();
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
