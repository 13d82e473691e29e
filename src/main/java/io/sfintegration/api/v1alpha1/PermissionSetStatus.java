package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PermissionSetStatus extends ConditionedStatus {

    @JsonPropertyDescription("The 18-character Salesforce id of the permission set.")
    private String permissionSetId;

    @JsonPropertyDescription("The Salesforce changes applying the spec would make, one line each (at most 20, then a line saying how many more). Under Manage it is what the next reconcile does and empty once in sync; under Observe it is what switching to Manage would do. Condition Planned is True when it is not empty.")
    private List<String> plan;

    @JsonPropertyDescription("When Salesforce was last brought in line with the spec (RFC 3339).")
    private String lastSyncTime;

    @JsonPropertyDescription("Fingerprint of the spec last applied to Salesforce; the operator skips Salesforce calls while it matches.")
    private String appliedSpecHash;

    @JsonPropertyDescription("The connected apps, Apex classes and custom permissions the set grants (SetupEntityAccess rows), with their Salesforce ids.")
    private java.util.List<GrantedSetupEntity> grants;

    public java.util.List<GrantedSetupEntity> getGrants() {
        return grants;
    }

    public void setGrants(java.util.List<GrantedSetupEntity> grants) {
        this.grants = grants;
    }

    public String getPermissionSetId() {
        return permissionSetId;
    }

    public void setPermissionSetId(String permissionSetId) {
        this.permissionSetId = permissionSetId;
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

    public List<String> getPlan() {
        return plan;
    }

    public void setPlan(List<String> plan) {
        this.plan = plan;
    }
}
