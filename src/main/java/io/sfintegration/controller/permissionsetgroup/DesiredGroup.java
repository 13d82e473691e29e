package io.sfintegration.controller.permissionsetgroup;

import io.sfintegration.api.v1alpha1.PermissionSetGroupSpec;
import io.sfintegration.controller.ownership.Installation;
import io.sfintegration.salesforce.PermissionSetGroupFields;
import io.sfintegration.salesforce.PermissionSetGroupIds;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The group as Salesforce should hold it: its fields (description tagged with this installation), the ids of its
 * permission sets by API name, and the muting set (name, fields, muted user permissions) when the spec mutes any.
 */
record DesiredGroup(PermissionSetGroupFields fields, Map<String, String> permissionSets, PermissionSetGroupFields mutingFields,
                    Set<String> muted) {

    static final int MAX_NAME = 80;
    static final int MAX_DESCRIPTION = 255;

    static DesiredGroup of(PermissionSetGroupSpec spec, Map<String, String> permissionSets, Installation installation) {
        PermissionSetGroupFields fields = new PermissionSetGroupFields(spec.getName(), spec.getLabel(),
                installation.tagged(spec.getDescription(), MAX_DESCRIPTION));
        if (!spec.mutes()) {
            return new DesiredGroup(fields, permissionSets, null, Set.of());
        }
        String label = "Muted in " + spec.getLabel();
        PermissionSetGroupFields muting = new PermissionSetGroupFields(mutingName(spec.getName()),
                label.substring(0, Math.min(MAX_NAME, label.length())),
                installation.tagged("Permissions muted in permission set group " + spec.getName(), MAX_DESCRIPTION));
        return new DesiredGroup(fields, permissionSets, muting, new LinkedHashSet<>(spec.getMutingPermissionSet().getUserPermissions()));
    }

    static String mutingName(String groupName) {
        return PermissionSetGroupIds.mutingName(groupName);
    }

    boolean mutes() {
        return mutingFields != null;
    }
}
