package io.sfintegration.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import static io.sfintegration.emulator.FieldChecks.badPicklistValue;
import static io.sfintegration.emulator.FieldChecks.bool;
import static io.sfintegration.emulator.OrgRules.sameId;

/**
 * Permission sets and what hangs off them (Object Reference, "PermissionSet", "ObjectPermissions",
 * "FieldPermissions", "PermissionSetAssignment"): API-name rules, a licence fixed at creation, object and field
 * permission dependencies and restricted picklists, one row per object or field, assignments that fit the user's
 * licences, once each, and no delete of a set that is still assigned or belongs to a profile.
 */
final class PermissionRules {

    private static final Pattern API_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,79}$");

    private final OrgStore store;
    private final LicenseSeats seats;

    PermissionRules(OrgStore store, LicenseSeats seats) {
        this.store = store;
        this.seats = seats;
    }

    void checkPermissionSet(Map<String, Object> f, Map<String, Object> current) {
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

    void checkObjectPermissions(Map<String, Object> f, Map<String, Object> current) {
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

    void checkFieldPermissions(Map<String, Object> f, Map<String, Object> current) {
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

    void checkAssignment(Map<String, Object> f) {
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
        } else if (license != null && !sameId(seats.licenseOfProfile((String) user.get("ProfileId")), licenseId)) {
            throw ApiException.bad("FIELD_INTEGRITY_EXCEPTION", "The user license doesn't match the permission set license: permission set "
                    + ps.get("Name") + " requires the " + license.get("Name") + " user license.", "PermissionSetId");
        }
    }

    void beforeDeletePermissionSet(Map<String, Object> r) {
        if (Boolean.TRUE.equals(r.get("IsOwnedByProfile"))) {
            throw ApiException.bad("DELETE_FAILED", "This permission set belongs to a profile and can't be deleted.");
        }
        for (Map<String, Object> a : store.live("PermissionSetAssignment")) {
            if (sameId(a.get("PermissionSetId"), r.get("Id"))) {
                throw ApiException.bad("DELETE_FAILED", "This permission set can't be deleted because it's assigned to users.");
            }
        }
    }

    /** A deleted set takes its object and field permissions with it. */
    void removePermissionsOf(Object permissionSetId) {
        for (String child : List.of("ObjectPermissions", "FieldPermissions")) {
            List<Map<String, Object>> rows = new ArrayList<>();
            store.live(child).forEach(x -> {
                if (sameId(x.get("ParentId"), permissionSetId)) {
                    rows.add(x);
                }
            });
            rows.forEach(x -> store.removeRaw(child, x));
        }
    }

    String psName(Object id) {
        Map<String, Object> ps = id == null ? null : store.liveById(id.toString());
        return ps == null ? String.valueOf(id) : String.valueOf(ps.get("Name"));
    }

    String pslName(Object id) {
        Map<String, Object> psl = id == null ? null : store.liveById(id.toString());
        return psl == null ? String.valueOf(id) : String.valueOf(psl.get("MasterLabel"));
    }
}
