package io.sfintegration.controller.policy;

import io.sfintegration.api.v1alpha1.IntegrationUserSpec;
import io.sfintegration.api.v1alpha1.ObjectPermission;
import io.sfintegration.api.v1alpha1.OrgPolicy;
import io.sfintegration.api.v1alpha1.PermissionSetGroupReference;
import io.sfintegration.api.v1alpha1.PermissionSetGroupSpec;
import io.sfintegration.api.v1alpha1.PermissionSetReference;
import io.sfintegration.api.v1alpha1.PermissionSetSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The platform team's guardrails ({@code spec.policy} of the org), checked against a resource's spec before anything
 * is sent to Salesforce. Pure: reads only the two specs, so a tightened policy is enforced on the next reconcile of
 * every resource using the org, and a violation costs no API call.
 */
public final class OrgPolicyCheck {

    /**
     * User permissions that hand over the org (data, users, code, setup, security), so no integration should get them
     * through self-service. Names are PermissionSet fields without the "Permissions" prefix (Object Reference,
     * PermissionSet: PermissionsModifyAllData, PermissionsManageProfilesPermissionsets, ...).
     */
    public static final List<String> DEFAULT_FORBIDDEN_USER_PERMISSIONS = List.of(
            "ModifyAllData", "ViewAllData", "ManageUsers", "ManageInternalUsers", "AuthorApex", "CustomizeApplication",
            "ModifyMetadata", "ManageProfilesPermissionsets", "AssignPermissionSets", "ManageRoles", "ManageSharing",
            "ResetPasswords", "ManageRemoteAccess", "ManageAuthProviders", "ManageEncryptionKeys", "ManagePasswordPolicies",
            "ManageLoginAccessPolicies", "FreezeUsers");

    private OrgPolicyCheck() {
    }

    /** The first rule a PermissionSet breaks, as a message naming the rule and the offending value. */
    public static Optional<String> permissionSet(OrgPolicy policy, PermissionSetSpec spec) {
        List<String> forbidden = policy == null || policy.getForbiddenUserPermissions() == null
                ? DEFAULT_FORBIDDEN_USER_PERMISSIONS : policy.getForbiddenUserPermissions();
        List<String> offending = new ArrayList<>();
        for (String permission : spec.getUserPermissions() == null ? List.<String>of() : spec.getUserPermissions()) {
            String name = bare(permission);
            if (forbidden.stream().map(OrgPolicyCheck::bare).anyMatch(f -> f.equalsIgnoreCase(name))) {
                offending.add(permission);
            }
        }
        if (!offending.isEmpty()) {
            return Optional.of("policy.forbiddenUserPermissions forbids userPermissions " + String.join(", ", offending));
        }
        boolean allowModifyAll = policy != null && Boolean.TRUE.equals(policy.getAllowModifyAllRecords());
        boolean allowViewAll = policy != null && Boolean.TRUE.equals(policy.getAllowViewAllRecords());
        for (ObjectPermission object : spec.getObjectPermissions() == null ? List.<ObjectPermission>of() : spec.getObjectPermissions()) {
            if (object.isModifyAllRecords() && !allowModifyAll) {
                return Optional.of("policy.allowModifyAllRecords is false, and objectPermissions " + object.getObject() + " sets modifyAllRecords");
            }
            if (object.isViewAllRecords() && !allowViewAll) {
                return Optional.of("policy.allowViewAllRecords is false, and objectPermissions " + object.getObject() + " sets viewAllRecords");
            }
        }
        return Optional.empty();
    }

    /**
     * The first existing permission set an IntegrationUser names that the policy does not allow.
     *
     * @param noneWhenAbsent true for a ClusterSalesforceOrg, whose tenants may name no existing set unless listed
     */
    public static Optional<String> user(OrgPolicy policy, IntegrationUserSpec spec, boolean noneWhenAbsent) {
        return unlisted(policy, noneWhenAbsent, "permissionSets", names(spec.getPermissionSets(), PermissionSetReference::getName))
                // an existing group bundles existing sets: named groups are held to the same list
                .or(() -> unlisted(policy, noneWhenAbsent, "permissionSetGroups",
                        names(spec.getPermissionSetGroups(), PermissionSetGroupReference::getName)));
    }

    /** The first existing permission set a PermissionSetGroup bundles by name that the policy does not allow. */
    public static Optional<String> group(OrgPolicy policy, PermissionSetGroupSpec spec, boolean noneWhenAbsent) {
        return unlisted(policy, noneWhenAbsent, "permissionSets", names(spec.getPermissionSets(), PermissionSetReference::getName));
    }

    private static <T> List<String> names(List<T> refs, java.util.function.Function<T, String> name) {
        return refs == null ? List.of() : refs.stream().map(name).filter(java.util.Objects::nonNull).toList();
    }

    private static Optional<String> unlisted(OrgPolicy policy, boolean noneWhenAbsent, String field, List<String> names) {
        List<String> allowed = policy == null ? null : policy.getAllowedPermissionSetNames();
        if (allowed == null && !noneWhenAbsent) {
            return Optional.empty();
        }
        List<Pattern> patterns = (allowed == null ? List.<String>of() : allowed).stream().map(OrgPolicyCheck::glob).toList();
        return names.stream().filter(name -> patterns.stream().noneMatch(p -> p.matcher(name).matches())).findFirst()
                .map(name -> "policy.allowedPermissionSetNames " + (allowed == null ? "is absent (none allowed)" : allowed)
                        + " does not allow " + field + " name " + name);
    }

    private static String bare(String permission) {
        String p = permission.trim();
        return p.regionMatches(true, 0, "Permissions", 0, "Permissions".length()) && p.length() > "Permissions".length()
                ? p.substring("Permissions".length()) : p;
    }

    /** A glob (* any run, ? one character) over an API name; API names are case-insensitive in Salesforce. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

}
