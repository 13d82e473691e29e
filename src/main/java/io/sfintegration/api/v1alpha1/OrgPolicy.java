package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

import java.util.List;

/**
 * What the resources using an org may ask for, checked before any Salesforce write. No schema defaults: an absent
 * field means the operator's built-in rule, so a newer operator's tighter list reaches stored objects.
 */
public class OrgPolicy {

    @JsonPropertyDescription("User permissions (API names without the Permissions prefix, e.g. ModifyAllData) that no PermissionSet using this org may grant. "
            + "Absent: the built-in list ModifyAllData, ViewAllData, ManageUsers, ManageInternalUsers, AuthorApex, CustomizeApplication, ModifyMetadata, "
            + "ManageProfilesPermissionsets, AssignPermissionSets, ManageRoles, ManageSharing, ResetPasswords, ManageRemoteAccess, ManageAuthProviders, "
            + "ManageEncryptionKeys, ManagePasswordPolicies, ManageLoginAccessPolicies, FreezeUsers. A list replaces it; [] forbids nothing.")
    private List<String> forbiddenUserPermissions;

    @JsonPropertyDescription("Whether a PermissionSet may set objectPermissions[].modifyAllRecords. Default false.")
    private Boolean allowModifyAllRecords;

    @JsonPropertyDescription("Whether a PermissionSet may set objectPermissions[].viewAllRecords. Default false.")
    private Boolean allowViewAllRecords;

    @JsonPropertyDescription("API names (glob patterns with * and ?) of existing permission sets that IntegrationUser.spec.permissionSets[].name may reference. "
            + "Absent on a SalesforceOrg: any; absent on a ClusterSalesforceOrg: none (tenants bring their own PermissionSet resources).")
    private List<String> allowedPermissionSetNames;

    // ClusterSalesforceOrg only: the SalesforceOrg CRD refuses it with a CEL rule (CrdPostProcessing), since a
    // namespaced org already belongs to one namespace and the platform does not set its policy
    @Min(0)
    @JsonPropertyDescription("ClusterSalesforceOrg only: how many IntegrationUsers one namespace may hold in this org (licence seats cost money). "
            + "The oldest (creationTimestamp, then name) are within the quota; the others are Ready=False PolicyViolation and take no seat. Absent: no quota.")
    private Integer maxUsersPerNamespace;

    public Integer getMaxUsersPerNamespace() {
        return maxUsersPerNamespace;
    }

    public void setMaxUsersPerNamespace(Integer maxUsersPerNamespace) {
        this.maxUsersPerNamespace = maxUsersPerNamespace;
    }

    public List<String> getForbiddenUserPermissions() {
        return forbiddenUserPermissions;
    }

    public void setForbiddenUserPermissions(List<String> forbiddenUserPermissions) {
        this.forbiddenUserPermissions = forbiddenUserPermissions;
    }

    public Boolean getAllowModifyAllRecords() {
        return allowModifyAllRecords;
    }

    public void setAllowModifyAllRecords(Boolean allowModifyAllRecords) {
        this.allowModifyAllRecords = allowModifyAllRecords;
    }

    public Boolean getAllowViewAllRecords() {
        return allowViewAllRecords;
    }

    public void setAllowViewAllRecords(Boolean allowViewAllRecords) {
        this.allowViewAllRecords = allowViewAllRecords;
    }

    public List<String> getAllowedPermissionSetNames() {
        return allowedPermissionSetNames;
    }

    public void setAllowedPermissionSetNames(List<String> allowedPermissionSetNames) {
        this.allowedPermissionSetNames = allowedPermissionSetNames;
    }
}
