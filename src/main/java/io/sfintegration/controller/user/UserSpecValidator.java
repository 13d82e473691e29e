package io.sfintegration.controller.user;

import io.sfintegration.api.v1alpha1.IntegrationUserSpec;
import io.sfintegration.api.v1alpha1.PermissionSetReference;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The spec rules the CRD schema states, checked again before any Salesforce call (not every API server enforces them). */
public final class UserSpecValidator {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern PS_NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,79}$");

    private UserSpecValidator() {
    }

    public static List<String> problems(IntegrationUserSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec.getOrgRef() == null || blank(spec.getOrgRef().getName())) {
            problems.add("spec.orgRef.name is required");
        }
        if (blank(spec.getUsername()) || !EMAIL.matcher(spec.getUsername()).matches() || spec.getUsername().length() > 80) {
            problems.add("spec.username '" + spec.getUsername() + "' must be email-shaped (e.g. erp@acme.example.com), at most 80 characters");
        }
        if (blank(spec.getEmail()) || !EMAIL.matcher(spec.getEmail()).matches()) {
            problems.add("spec.email '" + spec.getEmail() + "' must be an email address");
        }
        if (blank(spec.getLastName())) {
            problems.add("spec.lastName is required");
        }
        if (spec.getAlias() != null && (spec.getAlias().isEmpty() || spec.getAlias().length() > 8)) {
            problems.add("spec.alias must be 1 to 8 characters");
        }
        if (spec.getProfile() != null && spec.getProfile().isBlank()) {
            problems.add("spec.profile must not be empty");
        }
        Set<String> seen = new HashSet<>();
        for (PermissionSetReference ref : spec.getPermissionSets()) {
            boolean hasRef = !blank(ref.getRef());
            boolean hasName = !blank(ref.getName());
            if (hasRef == hasName) {
                problems.add("each permissionSets entry needs exactly one of ref or name");
                continue;
            }
            if (hasName && !PS_NAME.matcher(ref.getName()).matches()) {
                problems.add("permissionSets name '" + ref.getName() + "' is not a permission set API name");
            }
            String key = hasRef ? "ref:" + ref.getRef() : "name:" + ref.getName().toLowerCase(Locale.ROOT);
            if (!seen.add(key)) {
                problems.add("permissionSets lists " + (hasRef ? ref.getRef() : ref.getName()) + " more than once");
            }
        }
        if (spec.getPermissionSetLicenses() != null) {
            for (String l : spec.getPermissionSetLicenses()) {
                if (blank(l)) {
                    problems.add("permissionSetLicenses must not contain empty names");
                }
            }
        }
        return problems;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
