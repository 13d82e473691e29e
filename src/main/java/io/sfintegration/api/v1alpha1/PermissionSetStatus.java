package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class PermissionSetStatus extends ConditionedStatus {

    @JsonPropertyDescription("The 18-character Salesforce id of the permission set.")
    private String permissionSetId;

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
}
