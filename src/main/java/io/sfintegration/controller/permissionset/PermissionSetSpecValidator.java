package io.sfintegration.controller.permissionset;

import io.sfintegration.api.v1alpha1.FieldPermission;
import io.sfintegration.api.v1alpha1.ObjectPermission;
import io.sfintegration.api.v1alpha1.PermissionSetSpec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Rejects specs Salesforce would reject, before any call: the same rules as the CRD schema and its CEL rules (the
 * API server enforces those, but not every cluster validates, and the mock API server does not), plus the ones CEL
 * cannot express cheaply (duplicates). Dependency rules: ObjectPermissions in the Object Reference.
 */
public final class PermissionSetSpecValidator {

    private static final Pattern API_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,79}$");
    private static final Pattern OBJECT = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*$");
    private static final Pattern FIELD = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*\\.[A-Za-z][A-Za-z0-9_]*$");
    private static final Pattern USER_PERMISSION = Pattern.compile("^[A-Za-z][A-Za-z0-9]*$");

    private PermissionSetSpecValidator() {
    }

    /** Problems with the spec, each a sentence a person can act on; empty when valid. */
    public static List<String> problems(PermissionSetSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec.getOrgRef() == null || blank(spec.getOrgRef().getName())) {
            problems.add("spec.orgRef.name is required");
        }
        String name = spec.getName();
        if (blank(name) || !API_NAME.matcher(name).matches() || name.contains("__") || name.endsWith("_")) {
            problems.add("spec.name '" + name + "' is not a valid API name: use letters, digits and single underscores, start with a letter, do not end with an underscore, at most 80 characters");
        }
        if (blank(spec.getLabel()) || spec.getLabel().length() > 80) {
            problems.add("spec.label is required and at most 80 characters");
        }
        if (spec.getDescription() != null && spec.getDescription().length() > 255) {
            problems.add("spec.description is at most 255 characters");
        }
        Set<String> objects = new HashSet<>();
        for (ObjectPermission p : spec.getObjectPermissions()) {
            String o = p.getObject();
            if (blank(o) || !OBJECT.matcher(o).matches()) {
                problems.add("objectPermissions: '" + o + "' is not an object API name");
                continue;
            }
            if (!objects.add(o.toLowerCase(Locale.ROOT))) {
                problems.add("objectPermissions: " + o + " is listed more than once");
            }
            if ((p.isCreate() || p.isEdit() || p.isViewAllRecords()) && !p.isRead()) {
                problems.add("objectPermissions " + o + ": create, edit and viewAllRecords need read");
            }
            if (p.isDelete() && !(p.isRead() && p.isEdit())) {
                problems.add("objectPermissions " + o + ": delete needs read and edit");
            }
            if (p.isModifyAllRecords() && !(p.isRead() && p.isEdit() && p.isDelete() && p.isViewAllRecords())) {
                problems.add("objectPermissions " + o + ": modifyAllRecords needs read, edit, delete and viewAllRecords");
            }
        }
        Set<String> fields = new HashSet<>();
        for (FieldPermission f : spec.getFieldPermissions()) {
            String field = f.getField();
            if (blank(field) || !FIELD.matcher(field).matches()) {
                problems.add("fieldPermissions: '" + field + "' is not of the form Object.Field");
                continue;
            }
            if (!fields.add(field.toLowerCase(Locale.ROOT))) {
                problems.add("fieldPermissions: " + field + " is listed more than once");
            }
            if (f.isEdit() && !f.isRead()) {
                problems.add("fieldPermissions " + field + ": edit needs read");
            }
        }
        problems.addAll(grantProblems(spec));
        for (String u : spec.getUserPermissions()) {
            if (blank(u) || !USER_PERMISSION.matcher(u).matches()) {
                problems.add("userPermissions: '" + u + "' is not a permission name (e.g. ApiEnabled)");
            }
        }
        return problems;
    }

    private static final Pattern ENTITY_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*$");
    private static final Pattern APP_NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_ .-]*$");

    private static List<String> grantProblems(PermissionSetSpec spec) {
        List<String> problems = new ArrayList<>();
        check(problems, "connectedApps", spec.getConnectedApps(), APP_NAME);
        check(problems, "apexClasses", spec.getApexClasses(), ENTITY_NAME);
        check(problems, "customPermissions", spec.getCustomPermissions(), ENTITY_NAME);
        return problems;
    }

    private static void check(List<String> problems, String field, List<String> names, Pattern pattern) {
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (blank(n) || !pattern.matcher(n).matches()) {
                problems.add(field + ": '" + n + "' is not a valid name");
            } else if (!seen.add(n.toLowerCase(Locale.ROOT))) {
                problems.add(field + ": " + n + " is listed more than once");
            }
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
