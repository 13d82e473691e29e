package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.ArrayList;
import java.util.List;

public class PermissionSetGroupSpec {

    @Required
    @ValidationRule(value = "self == oldSelf", message = "orgRef is immutable: the group belongs to the org it was made in; create a new resource instead")
    @JsonPropertyDescription("The SalesforceOrg this permission set group lives in, resolved as for PermissionSet. Immutable.")
    private OrgReference orgRef;

    @Required
    @Size(min = 1, max = 80)
    @Pattern("^[A-Za-z][A-Za-z0-9_]*$")
    @ValidationRule(value = "self == oldSelf", message = "name is immutable: create a new PermissionSetGroup instead")
    @ValidationRule(value = "!self.contains('__') && !self.endsWith('_')",
            message = "name must not contain two consecutive underscores or end with an underscore")
    @JsonPropertyDescription("API name (DeveloperName) of the permission set group (letters, digits and underscores, starting with a letter; no trailing or double underscore). Setup: Permission Set Groups > API Name. Immutable.")
    private String name;

    @Required
    @Size(min = 1, max = 80)
    @JsonPropertyDescription("Label shown in Setup (Permission Set Groups > Label).")
    private String label;

    @Size(max = 255)
    @JsonPropertyDescription("Description shown in Setup (Permission Set Groups > Description).")
    private String description;

    @JsonPropertyDescription("The permission sets in the group, each a ref to a PermissionSet resource in the same namespace or the name of an existing set (as IntegrationUser.spec.permissionSets). Setup: Permission Set Groups > Permission Sets in Group. Sets not listed are removed from a group the operator owns.")
    @Size(max = 100)
    private List<PermissionSetReference> permissionSets = new ArrayList<>();

    @JsonPropertyDescription("Permissions to mute for the group's users, kept in a muting permission set the group owns (named <name>_Muting). Setup: Permission Set Groups > Muting Permission Set in Group. Omit for none.")
    private MutedPermissions mutingPermissionSet;

    @Default("Manage")
    @JsonPropertyDescription("Manage (default) creates and converges the group; Observe only reads it, fills the status and status.plan, and never writes to Salesforce, not even on deletion.")
    private ManagementPolicy managementPolicy = ManagementPolicy.Manage;

    @Default("Never")
    @JsonPropertyDescription("Never refuses to take over an existing group the operator does not own (it is neither changed nor ever deleted); IfUnmanaged adopts it.")
    private AdoptionPolicy adoption = AdoptionPolicy.Never;

    @Default("Delete")
    @JsonPropertyDescription("Delete removes the group (and its muting set) from Salesforce when this resource is deleted, once nothing is assigned to it, and only if the operator created it; Orphan leaves it.")
    private PermissionSetDeletionPolicy deletionPolicy = PermissionSetDeletionPolicy.Delete;

    public OrgReference getOrgRef() {
        return orgRef;
    }

    public void setOrgRef(OrgReference orgRef) {
        this.orgRef = orgRef;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getLabel() {
        return label;
    }

    public void setLabel(String label) {
        this.label = label;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<PermissionSetReference> getPermissionSets() {
        return permissionSets;
    }

    public void setPermissionSets(List<PermissionSetReference> permissionSets) {
        this.permissionSets = permissionSets == null ? new ArrayList<>() : permissionSets;
    }

    public MutedPermissions getMutingPermissionSet() {
        return mutingPermissionSet;
    }

    public void setMutingPermissionSet(MutedPermissions mutingPermissionSet) {
        this.mutingPermissionSet = mutingPermissionSet;
    }

    public ManagementPolicy getManagementPolicy() {
        return managementPolicy;
    }

    public void setManagementPolicy(ManagementPolicy managementPolicy) {
        this.managementPolicy = managementPolicy;
    }

    public AdoptionPolicy getAdoption() {
        return adoption;
    }

    public void setAdoption(AdoptionPolicy adoption) {
        this.adoption = adoption;
    }

    public PermissionSetDeletionPolicy getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(PermissionSetDeletionPolicy deletionPolicy) {
        this.deletionPolicy = deletionPolicy;
    }

    public boolean observeOnly() {
        return managementPolicy == ManagementPolicy.Observe;
    }

    /** Whether the spec asks for muted permissions (an empty list asks for none). */
    public boolean mutes() {
        return mutingPermissionSet != null && !mutingPermissionSet.getUserPermissions().isEmpty();
    }
}
