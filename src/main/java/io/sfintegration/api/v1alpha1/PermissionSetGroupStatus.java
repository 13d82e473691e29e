package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PermissionSetGroupStatus extends ConditionedStatus {

    @JsonPropertyDescription("The 18-character Salesforce id of the permission set group.")
    private String permissionSetGroupId;

    @JsonPropertyDescription("The group's recalculation state as Salesforce last reported it: Updating, Outdated, Updated or Failed.")
    private String groupStatus;

    @JsonPropertyDescription("The Salesforce id of the group's muting permission set, when spec.mutingPermissionSet is set.")
    private String mutingPermissionSetId;

    @JsonPropertyDescription("API names of the permission sets in the group.")
    private List<String> permissionSets;

    @JsonPropertyDescription("The Salesforce changes applying the spec would make, one line each (at most 20, then a line saying how many more). Under Manage it is what the next reconcile does and empty once in sync; under Observe it is what switching to Manage would do. Condition Planned is True when it is not empty.")
    private List<String> plan;

    @JsonPropertyDescription("When Salesforce was last brought in line with the spec (RFC 3339).")
    private String lastSyncTime;

    @JsonPropertyDescription("Fingerprint of the spec last applied to Salesforce; the operator skips Salesforce calls while it matches.")
    private String appliedSpecHash;

    public String getPermissionSetGroupId() {
        return permissionSetGroupId;
    }

    public void setPermissionSetGroupId(String permissionSetGroupId) {
        this.permissionSetGroupId = permissionSetGroupId;
    }

    public String getGroupStatus() {
        return groupStatus;
    }

    public void setGroupStatus(String groupStatus) {
        this.groupStatus = groupStatus;
    }

    public String getMutingPermissionSetId() {
        return mutingPermissionSetId;
    }

    public void setMutingPermissionSetId(String mutingPermissionSetId) {
        this.mutingPermissionSetId = mutingPermissionSetId;
    }

    public List<String> getPermissionSets() {
        return permissionSets;
    }

    public void setPermissionSets(List<String> permissionSets) {
        this.permissionSets = permissionSets;
    }

    public List<String> getPlan() {
        return plan;
    }

    public void setPlan(List<String> plan) {
        this.plan = plan;
    }

    public String getLastSyncTime() {
        return lastSyncTime;
    }

    public void setLastSyncTime(String lastSyncTime) {
        this.lastSyncTime = lastSyncTime;
    }

    public String getAppliedSpecHash() {
        return appliedSpecHash;
    }

    public void setAppliedSpecHash(String appliedSpecHash) {
        this.appliedSpecHash = appliedSpecHash;
    }
}
