package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** One setup entity the permission set grants (a SetupEntityAccess row), as resolved in the org. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GrantedSetupEntity {

    @JsonPropertyDescription("SetupEntityType: ConnectedApplication, ApexClass or CustomPermission.")
    private String type;

    @JsonPropertyDescription("The name as the spec gives it.")
    private String name;

    @JsonPropertyDescription("Salesforce id of the connected app, Apex class or custom permission.")
    private String id;

    public GrantedSetupEntity() {
    }

    public GrantedSetupEntity(String type, String name, String id) {
        this.type = type;
        this.name = name;
        this.id = id;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GrantedSetupEntity g && Objects.equals(type, g.type) && Objects.equals(name, g.name) && Objects.equals(id, g.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, name, id);
    }
}
