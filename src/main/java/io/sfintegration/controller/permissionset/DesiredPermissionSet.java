package io.sfintegration.controller.permissionset;

import io.sfintegration.api.v1alpha1.ObjectPermission;
import io.sfintegration.api.v1alpha1.PermissionSetSpec;
import io.sfintegration.controller.ownership.Installation;
import io.sfintegration.salesforce.FieldAccess;
import io.sfintegration.salesforce.ObjectAccess;
import io.sfintegration.salesforce.PermissionSetFields;

import java.util.List;
import java.util.TreeSet;

/** The spec translated into Salesforce terms, with the licence resolved to its id. */
record DesiredPermissionSet(PermissionSetFields fields, List<ObjectAccess> objects, List<FieldAccess> fieldPermissions) {

    /** Salesforce's limit on PermissionSet.Description (Object Reference, PermissionSet). */
    static final int DESCRIPTION_MAX = 255;

    /**
     * @param installation whose tag ends the description in Salesforce; null for the drift comparison, which compares
     *                     descriptions without tags
     */
    static DesiredPermissionSet from(PermissionSetSpec spec, String licenseId, Installation installation) {
        String description = spec.getDescription() == null ? "" : spec.getDescription().strip();
        PermissionSetFields fields = new PermissionSetFields(spec.getName(), spec.getLabel(),
                installation == null ? description : installation.tagged(description, DESCRIPTION_MAX), licenseId,
                new TreeSet<>(spec.getUserPermissions()));
        // rows granting nothing are the same as no row: Salesforce keeps no ObjectPermissions row without access
        List<ObjectAccess> objects = spec.getObjectPermissions().stream()
                .filter(o -> o.isRead() || o.isCreate() || o.isEdit() || o.isDelete() || o.isViewAllRecords() || o.isModifyAllRecords())
                .map(DesiredPermissionSet::toAccess)
                .toList();
        List<FieldAccess> fieldPermissions = spec.getFieldPermissions().stream()
                .filter(f -> f.isRead() || f.isEdit())
                .map(f -> new FieldAccess(null, null, f.getField(), f.isRead(), f.isEdit()))
                .toList();
        return new DesiredPermissionSet(fields, objects, fieldPermissions);
    }

    private static ObjectAccess toAccess(ObjectPermission o) {
        return new ObjectAccess(null, null, o.getObject(), o.isRead(), o.isCreate(), o.isEdit(), o.isDelete(),
                o.isViewAllRecords(), o.isModifyAllRecords());
    }

}
