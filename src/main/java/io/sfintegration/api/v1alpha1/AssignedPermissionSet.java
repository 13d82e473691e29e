package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.Objects;

/** One assignment found on the user: of a permission set, or of a permission set licence. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AssignedPermissionSet {

    @JsonPropertyDescription("API name of the permission set, or name of the permission set licence.")
    private String name;

    @JsonPropertyDescription("Salesforce id of the permission set or licence.")
    private String id;

    @JsonPropertyDescription("Salesforce id of the assignment record.")
    private String assignmentId;

    @JsonPropertyDescription("True when the operator made this assignment and will remove it when the spec no longer lists it; false for assignments made by people, which are left alone.")
    private Boolean managed;

    public AssignedPermissionSet() {
    }

    public AssignedPermissionSet(String name, String id, String assignmentId, boolean managed) {
        this.name = name;
        this.id = id;
        this.assignmentId = assignmentId;
        this.managed = managed;
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

    public String getAssignmentId() {
        return assignmentId;
    }

    public void setAssignmentId(String assignmentId) {
        this.assignmentId = assignmentId;
    }

    public Boolean getManaged() {
        return managed;
    }

    public void setManaged(Boolean managed) {
        this.managed = managed;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AssignedPermissionSet other && Objects.equals(name, other.name) && Objects.equals(id, other.id)
                && Objects.equals(assignmentId, other.assignmentId) && Objects.equals(managed, other.managed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, id, assignmentId, managed);
    }
}
