package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** Access to one object; the dependency rules are Salesforce's (ObjectPermissions, Object Reference). */
@ValidationRule(value = "!(self.create || self.edit || self.viewAllRecords) || self.read",
        message = "create, edit and viewAllRecords need read")
@ValidationRule(value = "!self.delete || (self.read && self.edit)", message = "delete needs read and edit")
@ValidationRule(value = "!self.modifyAllRecords || (self.read && self.edit && self.delete && self.viewAllRecords)",
        message = "modifyAllRecords needs read, edit, delete and viewAllRecords")
public class ObjectPermission {

    @Required
    @Size(max = 120)
    @Pattern("^[A-Za-z][A-Za-z0-9_]*$")
    @JsonPropertyDescription("API name of the object, e.g. Account or Invoice__c.")
    private String object;

    @Default("false")
    @JsonPropertyDescription("Read records.")
    private boolean read;

    @Default("false")
    @JsonPropertyDescription("Create records (needs read).")
    private boolean create;

    @Default("false")
    @JsonPropertyDescription("Edit records (needs read).")
    private boolean edit;

    @Default("false")
    @JsonPropertyDescription("Delete records (needs read and edit).")
    private boolean delete;

    @Default("false")
    @JsonPropertyDescription("View all records regardless of sharing (needs read).")
    private boolean viewAllRecords;

    @Default("false")
    @JsonPropertyDescription("Modify all records regardless of sharing (needs read, edit, delete and viewAllRecords).")
    private boolean modifyAllRecords;

    public ObjectPermission() {
    }

    public ObjectPermission(String object, boolean read, boolean create, boolean edit, boolean delete,
                            boolean viewAllRecords, boolean modifyAllRecords) {
        this.object = object;
        this.read = read;
        this.create = create;
        this.edit = edit;
        this.delete = delete;
        this.viewAllRecords = viewAllRecords;
        this.modifyAllRecords = modifyAllRecords;
    }

    public String getObject() {
        return object;
    }

    public void setObject(String object) {
        this.object = object;
    }

    public boolean isRead() {
        return read;
    }

    public void setRead(boolean read) {
        this.read = read;
    }

    public boolean isCreate() {
        return create;
    }

    public void setCreate(boolean create) {
        this.create = create;
    }

    public boolean isEdit() {
        return edit;
    }

    public void setEdit(boolean edit) {
        this.edit = edit;
    }

    public boolean isDelete() {
        return delete;
    }

    public void setDelete(boolean delete) {
        this.delete = delete;
    }

    public boolean isViewAllRecords() {
        return viewAllRecords;
    }

    public void setViewAllRecords(boolean viewAllRecords) {
        this.viewAllRecords = viewAllRecords;
    }

    public boolean isModifyAllRecords() {
        return modifyAllRecords;
    }

    public void setModifyAllRecords(boolean modifyAllRecords) {
        this.modifyAllRecords = modifyAllRecords;
    }
}
