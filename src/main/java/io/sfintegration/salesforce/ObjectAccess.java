package io.sfintegration.salesforce;

/** An ObjectPermissions row (id and parentId are null for one not yet created). */
public record ObjectAccess(String id, String parentId, String object, boolean read, boolean create, boolean edit,
                           boolean delete, boolean viewAllRecords, boolean modifyAllRecords) {

    public boolean samePermissions(ObjectAccess o) {
        return read == o.read && create == o.create && edit == o.edit && delete == o.delete
                && viewAllRecords == o.viewAllRecords && modifyAllRecords == o.modifyAllRecords;
    }

    public ObjectAccess withIds(String id, String parentId) {
        return new ObjectAccess(id, parentId, object, read, create, edit, delete, viewAllRecords, modifyAllRecords);
    }
}
