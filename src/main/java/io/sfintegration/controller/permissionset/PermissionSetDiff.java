package io.sfintegration.controller.permissionset;

import io.sfintegration.salesforce.Soql;
import io.sfintegration.salesforce.FieldAccess;
import io.sfintegration.salesforce.ObjectAccess;
import io.sfintegration.salesforce.PermissionChanges;
import io.sfintegration.salesforce.PermissionSetFields;
import io.sfintegration.salesforce.PermissionSetState;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What must change in Salesforce to make a permission set match the spec; also names the differences for drift. */
final class PermissionSetDiff {
    private PermissionSetDiff() {
    }

    static boolean fieldsDiffer(PermissionSetFields desired, PermissionSetFields actual) {
        return !differences(desired, actual).isEmpty();
    }

    /** Human-readable differences of the permission-set-level fields: "field: expected X, found Y". */
    static List<String> differences(PermissionSetFields desired, PermissionSetFields actual) {
        List<String> out = new ArrayList<>();
        if (!Objects.equals(desired.label(), actual.label())) {
            out.add("label: expected '" + desired.label() + "', found '" + actual.label() + "'");
        }
        if (!Objects.equals(nullToEmpty(desired.description()), nullToEmpty(actual.description()))) {
            out.add("description: expected '" + desired.description() + "', found '" + actual.description() + "'");
        }
        if (!Soql.sameIdOrBothAbsent(desired.licenseId(), actual.licenseId())) {
            out.add("licence: expected " + desired.licenseId() + ", found " + actual.licenseId());
        }
        Set<String> want = lower(desired.userPermissions());
        Set<String> have = lower(actual.userPermissions());
        if (!want.equals(have)) {
            out.add("userPermissions: expected " + desired.userPermissions() + ", found " + actual.userPermissions());
        }
        return out;
    }

    static PermissionChanges rows(String parentId, List<ObjectAccess> desiredObjects, List<FieldAccess> desiredFields,
                                  PermissionSetState actual) {
        Map<String, ObjectAccess> haveObjects = actual.objectPermissions().stream()
                .collect(Collectors.toMap(o -> o.object().toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));
        Map<String, FieldAccess> haveFields = actual.fieldPermissions().stream()
                .collect(Collectors.toMap(f -> f.field().toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));
        List<ObjectAccess> createObjects = new ArrayList<>();
        List<ObjectAccess> updateObjects = new ArrayList<>();
        List<FieldAccess> createFields = new ArrayList<>();
        List<FieldAccess> updateFields = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        for (ObjectAccess want : desiredObjects) {
            ObjectAccess have = haveObjects.remove(want.object().toLowerCase(Locale.ROOT));
            if (have == null) {
                createObjects.add(want.withIds(null, parentId));
            } else if (!have.samePermissions(want)) {
                updateObjects.add(want.withIds(have.id(), parentId));
            }
        }
        for (FieldAccess want : desiredFields) {
            FieldAccess have = haveFields.remove(want.field().toLowerCase(Locale.ROOT));
            if (have == null) {
                createFields.add(want.withIds(null, parentId));
            } else if (!have.samePermissions(want)) {
                updateFields.add(want.withIds(have.id(), parentId));
            }
        }
        // field rows go before object rows: Salesforce refuses to drop object access while field access needs it
        haveFields.values().forEach(f -> deletes.add(f.id()));
        haveObjects.values().forEach(o -> deletes.add(o.id()));
        return new PermissionChanges(createObjects, updateObjects, createFields, updateFields, deletes);
    }

    /** Human-readable row differences for drift reports. */
    static List<String> rowDifferences(List<ObjectAccess> desiredObjects, List<FieldAccess> desiredFields, PermissionSetState actual) {
        PermissionChanges c = rows(actual.id(), desiredObjects, desiredFields, actual);
        List<String> out = new ArrayList<>();
        c.createObjects().forEach(o -> out.add("objectPermissions " + o.object() + ": expected " + describe(o) + ", found none"));
        c.updateObjects().forEach(o -> out.add("objectPermissions " + o.object() + ": expected " + describe(o) + ", found "
                + describe(find(actual.objectPermissions(), o.id()))));
        c.createFields().forEach(f -> out.add("fieldPermissions " + f.field() + ": expected " + describe(f) + ", found none"));
        c.updateFields().forEach(f -> out.add("fieldPermissions " + f.field() + ": expected " + describe(f) + ", found "
                + describe(actual.fieldPermissions().stream().filter(a -> a.id().equals(f.id())).findFirst().orElse(f))));
        for (String id : c.deleteIds()) {
            actual.objectPermissions().stream().filter(o -> o.id().equals(id)).findFirst()
                    .ifPresent(o -> out.add("objectPermissions " + o.object() + ": expected none, found " + describe(o)));
            actual.fieldPermissions().stream().filter(f -> f.id().equals(id)).findFirst()
                    .ifPresent(f -> out.add("fieldPermissions " + f.field() + ": expected none, found " + describe(f)));
        }
        return out;
    }

    private static ObjectAccess find(List<ObjectAccess> rows, String id) {
        return rows.stream().filter(o -> o.id().equals(id)).findFirst().orElseThrow();
    }

    static String describe(ObjectAccess o) {
        List<String> p = new ArrayList<>();
        if (o.read()) p.add("read");
        if (o.create()) p.add("create");
        if (o.edit()) p.add("edit");
        if (o.delete()) p.add("delete");
        if (o.viewAllRecords()) p.add("viewAllRecords");
        if (o.modifyAllRecords()) p.add("modifyAllRecords");
        return p.isEmpty() ? "no access" : String.join("+", p);
    }

    static String describe(FieldAccess f) {
        return f.edit() ? "read+edit" : f.read() ? "read" : "no access";
    }

    private static Set<String> lower(Set<String> names) {
        Set<String> out = new TreeSet<>();
        names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
        return out;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
