package io.sfintegration.controller.permissionset;

import io.sfintegration.api.v1alpha1.ObjectPermission;
import io.sfintegration.api.v1alpha1.PermissionSetSpec;
import io.sfintegration.salesforce.FieldAccess;
import io.sfintegration.salesforce.ObjectAccess;
import io.sfintegration.salesforce.PermissionSetFields;

import java.util.List;
import java.util.TreeSet;

/** The spec translated into Salesforce terms, with the licence resolved to its id. */
record DesiredPermissionSet(PermissionSetFields fields, List<ObjectAccess> objects, List<FieldAccess> fieldPermissions) {

    static DesiredPermissionSet from(PermissionSetSpec spec, String licenseId) {
        PermissionSetFields fields = new PermissionSetFields(spec.getName(), spec.getLabel(),
                spec.getDescription() == null ? "" : spec.getDescription(), licenseId,
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
