package io.sfintegration.salesforce;

/**
 * A FieldPermissions row (id and parentId are null for one not yet created).
 *
 * @param field qualified, e.g. Account.Phone; its object is the SobjectType
 */
public record FieldAccess(String id, String parentId, String field, boolean read, boolean edit) {

    public String object() {
        int dot = field.indexOf('.');
        return dot < 0 ? field : field.substring(0, dot);
    }

    public boolean samePermissions(FieldAccess o) {
        return read == o.read && edit == o.edit;
    }

    public FieldAccess withIds(String id, String parentId) {
        return new FieldAccess(id, parentId, field, read, edit);
    }
}
