package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

@ValidationRule(value = "has(self.ref) != has(self.name)", message = "set exactly one of ref or name")
public class PermissionSetReference {

    @Size(max = 253)
    @JsonPropertyDescription("Name of a PermissionSet resource in the same namespace.")
    private String ref;

    @Size(max = 80)
    @Pattern("^[A-Za-z][A-Za-z0-9_]*$")
    @JsonPropertyDescription("API name of a permission set that already exists in the org and is not managed here.")
    private String name;

    public PermissionSetReference() {
    }

    public static PermissionSetReference ofRef(String ref) {
        PermissionSetReference r = new PermissionSetReference();
        r.ref = ref;
        return r;
    }

    public static PermissionSetReference ofName(String name) {
        PermissionSetReference r = new PermissionSetReference();
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
