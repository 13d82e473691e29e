package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "!self.edit || self.read", message = "edit needs read")
public class FieldPermission {

    @Required
    @Size(max = 120)
    @Pattern("^[A-Za-z][A-Za-z0-9_]*\\.[A-Za-z][A-Za-z0-9_]*$")
    @JsonPropertyDescription("Object and field API names, e.g. Account.Phone.")
    private String field;

    @Default("false")
    @JsonPropertyDescription("Read the field.")
    private boolean read;

    @Default("false")
    @JsonPropertyDescription("Edit the field (needs read).")
    private boolean edit;

    public FieldPermission() {
    }

    public FieldPermission(String field, boolean read, boolean edit) {
        this.field = field;
        this.read = read;
        this.edit = edit;
    }

    public String getField() {
        return field;
    }

    public void setField(String field) {
        this.field = field;
    }

    public boolean isRead() {
        return read;
    }

    public void setRead(boolean read) {
        this.read = read;
    }

    public boolean isEdit() {
        return edit;
    }

    public void setEdit(boolean edit) {
        this.edit = edit;
    }
}
