package io.sfintegration.controller.permissionsetgroup;

import io.sfintegration.api.v1alpha1.PermissionSetGroupSpec;
import io.sfintegration.api.v1alpha1.PermissionSetReference;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Problems of a spec that the API server's schema may not have caught (the embedded API and old servers do not
 * enforce CEL): found before any Salesforce call, so an invalid spec costs none.
 */
final class GroupSpecValidator {

    private GroupSpecValidator() {
    }

    static List<String> problems(PermissionSetGroupSpec spec) {
        List<String> problems = new ArrayList<>();
        if (spec == null || spec.getOrgRef() == null || spec.getOrgRef().getName() == null) {
            problems.add("spec.orgRef.name is required");
            return problems;
        }
        if (spec.getName() == null || !spec.getName().matches("^[A-Za-z][A-Za-z0-9_]{0,79}$") || spec.getName().contains("__") || spec.getName().endsWith("_")) {
            problems.add("spec.name must be an API name (letters, digits, single underscores, starting with a letter, at most 80)");
        }
        if (spec.getLabel() == null || spec.getLabel().isBlank()) {
            problems.add("spec.label is required");
        }
        Set<String> seen = new HashSet<>();
        for (PermissionSetReference ref : spec.getPermissionSets()) {
            boolean hasRef = ref.getRef() != null && !ref.getRef().isBlank();
            boolean hasName = ref.getName() != null && !ref.getName().isBlank();
            if (hasRef == hasName) {
                problems.add("each spec.permissionSets entry needs exactly one of ref or name");
            } else if (!seen.add((hasRef ? "ref:" + ref.getRef() : "name:" + ref.getName()).toLowerCase(Locale.ROOT))) {
                problems.add("spec.permissionSets lists " + (hasRef ? ref.getRef() : ref.getName()) + " twice");
            }
        }
        if (spec.getMutingPermissionSet() != null) {
            spec.getMutingPermissionSet().getUserPermissions().stream().filter(p -> !p.matches("^[A-Za-z][A-Za-z0-9]*$"))
                    .forEach(p -> problems.add("spec.mutingPermissionSet.userPermissions: '" + p + "' is not a permission name"));
        }
        return problems;
    }
}
