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

    /**
     * The same, giving nothing that the set found in Salesforce lacks (spec.drift.restoreAccess false and a person
     * removed access): a permission, object or field access is kept only where Salesforce still has it; what the spec
     * does not want is still taken away.
     */
    DesiredPermissionSet holding(io.sfintegration.salesforce.PermissionSetState found) {
        if (found == null) {
            return this;
        }
        java.util.Set<String> have = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        have.addAll(found.fields().userPermissions());
        java.util.Set<String> permissions = new TreeSet<>();
        fields.userPermissions().stream().filter(have::contains).forEach(permissions::add);
        PermissionSetFields held = new PermissionSetFields(fields.name(), fields.label(), fields.description(), fields.licenseId(), permissions);
        List<ObjectAccess> objects = new java.util.ArrayList<>();
        for (ObjectAccess want : this.objects) {
            found.objectPermissions().stream().filter(o -> o.object().equalsIgnoreCase(want.object())).findFirst()
                    .map(h -> new ObjectAccess(null, null, want.object(), want.read() && h.read(), want.create() && h.create(),
                            want.edit() && h.edit(), want.delete() && h.delete(), want.viewAllRecords() && h.viewAllRecords(),
                            want.modifyAllRecords() && h.modifyAllRecords()))
                    .filter(o -> o.read() || o.create() || o.edit() || o.delete() || o.viewAllRecords() || o.modifyAllRecords())
                    .ifPresent(objects::add);
        }
        List<FieldAccess> fieldAccess = new java.util.ArrayList<>();
        for (FieldAccess want : this.fieldPermissions) {
            found.fieldPermissions().stream().filter(f -> f.field().equalsIgnoreCase(want.field())).findFirst()
                    .map(h -> new FieldAccess(null, null, want.field(), want.read() && h.read(), want.edit() && h.edit()))
                    .filter(f -> f.read() || f.edit())
                    .ifPresent(fieldAccess::add);
        }
        return new DesiredPermissionSet(held, List.copyOf(objects), List.copyOf(fieldAccess));
    }
}
