package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class IntegrationUserStatus extends ConditionedStatus {

    @JsonPropertyDescription("The 18-character Salesforce id of the user.")
    private String userId;

    @JsonPropertyDescription("The Salesforce id of the user's profile.")
    private String profileId;

    @JsonPropertyDescription("Permission sets assigned to the user, including those assigned by people (managed=false).")
    private List<AssignedPermissionSet> assignedPermissionSets = new ArrayList<>();

    @JsonPropertyDescription("Permission set groups assigned to the user, including those assigned by people (managed=false).")
    private List<AssignedPermissionSet> assignedPermissionSetGroups;

    @JsonPropertyDescription("Permission set licences assigned to the user.")
    private List<AssignedPermissionSet> assignedPermissionSetLicenses = new ArrayList<>();

    @JsonPropertyDescription("The Salesforce changes applying the spec would make, one line each (at most 20, then a line saying how many more). Under Manage it is what the next reconcile does and empty once in sync; under Observe it is what switching to Manage would do. Condition Planned is True when it is not empty.")
    private List<String> plan;

    @JsonPropertyDescription("The user's last login (User.LastLoginDate, API logins included), to the day, RFC 3339; absent when the user never logged in.")
    private String lastLoginTime;

    @JsonPropertyDescription("What makes this user risky, one line each: admin profile, full Salesforce licence, ModifyAllData, password never expires.")
    private List<String> findings;

    @JsonPropertyDescription("When Salesforce was last brought in line with the spec (RFC 3339).")
    private String lastSyncTime;

    @JsonPropertyDescription("Fingerprint of the desired state last applied to Salesforce; the operator skips Salesforce calls while it matches.")
    private String appliedSpecHash;

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getProfileId() {
        return profileId;
    }

    public void setProfileId(String profileId) {
        this.profileId = profileId;
    }

    public List<AssignedPermissionSet> getAssignedPermissionSetGroups() {
        return assignedPermissionSetGroups;
    }

    public void setAssignedPermissionSetGroups(List<AssignedPermissionSet> assignedPermissionSetGroups) {
        this.assignedPermissionSetGroups = assignedPermissionSetGroups;
    }

    public List<AssignedPermissionSet> getAssignedPermissionSets() {
        return assignedPermissionSets;
    }

    public void setAssignedPermissionSets(List<AssignedPermissionSet> assignedPermissionSets) {
        this.assignedPermissionSets = assignedPermissionSets;
    }

    public List<AssignedPermissionSet> getAssignedPermissionSetLicenses() {
        return assignedPermissionSetLicenses;
    }

    public void setAssignedPermissionSetLicenses(List<AssignedPermissionSet> assignedPermissionSetLicenses) {
        this.assignedPermissionSetLicenses = assignedPermissionSetLicenses;
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

    public String getLastLoginTime() {
        return lastLoginTime;
    }

    public void setLastLoginTime(String lastLoginTime) {
        this.lastLoginTime = lastLoginTime;
    }

    public List<String> getFindings() {
        return findings;
    }

    public void setFindings(List<String> findings) {
        this.findings = findings;
    }
}
