package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

/** A permission set group to assign: a PermissionSetGroup resource, or an existing group by API name. */
@ValidationRule(value = "has(self.ref) != has(self.name)", message = "set exactly one of ref or name")
public class PermissionSetGroupReference {

    @Size(max = 253)
    @JsonPropertyDescription("Name of a PermissionSetGroup resource in the same namespace.")
    private String ref;

    @Size(max = 80)
    @Pattern("^[A-Za-z][A-Za-z0-9_]*$")
    @JsonPropertyDescription("API name (DeveloperName) of a permission set group that already exists in the org and is not managed here.")
    private String name;

    public static PermissionSetGroupReference ofRef(String ref) {
        PermissionSetGroupReference r = new PermissionSetGroupReference();
        r.ref = ref;
        return r;
    }

    public static PermissionSetGroupReference ofName(String name) {
        PermissionSetGroupReference r = new PermissionSetGroupReference();
        r.name = name;
        return r;
    }

    public String getRef() {
        return ref;
    }

    public void setRef(String ref) {
        this.ref = ref;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
