package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.ArrayList;
import java.util.List;

public class PermissionSetSpec {

    public static final String API_INTEGRATION_LICENSE = "Salesforce API Integration";
    public static final String NO_LICENSE = "None";

    @Required
    @ValidationRule(value = "self == oldSelf", message = "orgRef is immutable: the permission set belongs to the org it was made in; create a new resource instead")
    @JsonPropertyDescription("The org this permission set lives in: a SalesforceOrg in the same namespace, or a ClusterSalesforceOrg that allows this namespace. Immutable.")
    private OrgReference orgRef;

    @Required
    @Size(min = 1, max = 80)
    @Pattern("^[A-Za-z][A-Za-z0-9_]*$")
    @ValidationRule(value = "self == oldSelf", message = "name is immutable: create a new PermissionSet instead")
    @ValidationRule(value = "!self.contains('__') && !self.endsWith('_')",
            message = "name must not contain two consecutive underscores or end with an underscore")
    @JsonPropertyDescription("API name of the permission set (letters, digits and underscores, starting with a letter; no trailing or double underscore). Immutable.")
    private String name;

    @Required
    @Size(min = 1, max = 80)
    @JsonPropertyDescription("Label shown in Setup.")
    private String label;

    @Size(max = 255)
    @JsonPropertyDescription("Description shown in Setup.")
    private String description;

    @Default(API_INTEGRATION_LICENSE)
    @JsonPropertyDescription("Permission set licence the set requires, by name. Defaults to Salesforce API Integration, which integration users need; None for a set without a licence.")
    private String license = API_INTEGRATION_LICENSE;

    @JsonPropertyDescription("Object permissions. Objects not listed get no access; rows removed from this list are removed in Salesforce.")
    @Size(max = 500)
    private List<ObjectPermission> objectPermissions = new ArrayList<>();

    @JsonPropertyDescription("Field permissions. Fields not listed get no access; rows removed from this list are removed in Salesforce.")
    @Size(max = 5000)
    private List<FieldPermission> fieldPermissions = new ArrayList<>();

    @JsonPropertyDescription("User permissions to enable, by name without the Permissions prefix (e.g. ApiEnabled). Every other user permission is off.")
    @Size(max = 500)
    private List<@Pattern("^[A-Za-z][A-Za-z0-9]*$") String> userPermissions = new ArrayList<>();

    @Default("Manage")
    @JsonPropertyDescription("Manage (default) creates and converges the Salesforce record; Observe only reads it (an existing record is found and linked without adoption), fills the status and status.plan, and never writes to Salesforce, not even on deletion. Switching to Manage needs spec.adoption for a record the operator did not create.")
    private ManagementPolicy managementPolicy = ManagementPolicy.Manage;
    @JsonPropertyDescription("Connected apps (or External Client Apps) the set grants, by the app's name: users with the set may log in through an app whose Permitted Users is \"Admin approved users are pre-authorized\". Setup: Permission Sets > Assigned Connected Apps. Apps not listed are removed from the set.")
    @Size(max = 100)
    private List<@Pattern("^[A-Za-z0-9][A-Za-z0-9_ .-]*$") String> connectedApps = new ArrayList<>();

    @JsonPropertyDescription("Apex classes the set grants access to (for Apex REST and web services), by class name, with the namespace prefix for a managed package's class (ns__ClassName). Setup: Permission Sets > Apex Class Access. Classes not listed are removed from the set.")
    @Size(max = 500)
    private List<@Pattern("^[A-Za-z][A-Za-z0-9_]*$") String> apexClasses = new ArrayList<>();

    @JsonPropertyDescription("Custom permissions the set enables, by developer name (ns__Name for a managed package's). Setup: Permission Sets > Custom Permissions. Custom permissions not listed are removed from the set.")
    @Size(max = 500)
    private List<@Pattern("^[A-Za-z][A-Za-z0-9_]*$") String> customPermissions = new ArrayList<>();

    @Default("Never")
    @JsonPropertyDescription("Never refuses to take over an existing permission set the operator does not own (it is neither changed nor ever deleted); IfUnmanaged adopts it.")
    private AdoptionPolicy adoption = AdoptionPolicy.Never;

    @Default("Delete")
    @JsonPropertyDescription("Delete removes the permission set from Salesforce when this resource is deleted, once nothing is assigned to it, and only if the operator created it (an adopted set is never deleted); Orphan leaves it.")
    private PermissionSetDeletionPolicy deletionPolicy = PermissionSetDeletionPolicy.Delete;

    @JsonPropertyDescription("Overrides the org's drift policy for this permission set.")
    private DriftPolicy driftPolicy;

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

    public String getLicense() {
        return license;
    }

    public void setLicense(String license) {
        this.license = license;
    }

    public List<ObjectPermission> getObjectPermissions() {
        return objectPermissions;
    }

    public void setObjectPermissions(List<ObjectPermission> objectPermissions) {
        this.objectPermissions = objectPermissions == null ? new ArrayList<>() : objectPermissions;
    }

    public List<FieldPermission> getFieldPermissions() {
        return fieldPermissions;
    }

    public void setFieldPermissions(List<FieldPermission> fieldPermissions) {
        this.fieldPermissions = fieldPermissions == null ? new ArrayList<>() : fieldPermissions;
    }

    public List<String> getUserPermissions() {
        return userPermissions;
    }

    public void setUserPermissions(List<String> userPermissions) {
        this.userPermissions = userPermissions == null ? new ArrayList<>() : userPermissions;
    }

    public List<String> getConnectedApps() {
        return connectedApps;
    }

    public void setConnectedApps(List<String> connectedApps) {
        this.connectedApps = connectedApps == null ? new ArrayList<>() : connectedApps;
    }

    public List<String> getApexClasses() {
        return apexClasses;
    }

    public void setApexClasses(List<String> apexClasses) {
        this.apexClasses = apexClasses == null ? new ArrayList<>() : apexClasses;
    }

    public List<String> getCustomPermissions() {
        return customPermissions;
    }

    public void setCustomPermissions(List<String> customPermissions) {
        this.customPermissions = customPermissions == null ? new ArrayList<>() : customPermissions;
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

    public DriftPolicy getDriftPolicy() {
        return driftPolicy;
    }

    public void setDriftPolicy(DriftPolicy driftPolicy) {
        this.driftPolicy = driftPolicy;
    }

    public ManagementPolicy getManagementPolicy() {
        return managementPolicy;
    }

    public void setManagementPolicy(ManagementPolicy managementPolicy) {
        this.managementPolicy = managementPolicy;
    }

    public boolean observeOnly() {
        return managementPolicy == ManagementPolicy.Observe;
    }
}
