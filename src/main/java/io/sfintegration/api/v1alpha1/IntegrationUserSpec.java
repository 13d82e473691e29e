package io.sfintegration.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;

import java.util.ArrayList;
import java.util.List;

public class IntegrationUserSpec {

    public static final String DEFAULT_PROFILE = "Minimum Access - API Only Integrations";
    public static final String LEGACY_PROFILE = "Salesforce API Only System Integrations";
    public static final String DEFAULT_PERMISSION_SET_LICENSE = "Salesforce API Integration";
    static final String EMAIL_PATTERN = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

    @Required
    @ValidationRule(value = "self == oldSelf", message = "orgRef is immutable: the user belongs to the org it was made in; create a new resource instead")
    @JsonPropertyDescription("The org the user lives in: a SalesforceOrg in the same namespace, or a ClusterSalesforceOrg that allows this namespace. Immutable.")
    private OrgReference orgRef;

    @Required
    @Size(max = 80)
    @Pattern(EMAIL_PATTERN)
    @ValidationRule(value = "self == oldSelf", message = "username is immutable: Salesforce usernames stay taken, create a new IntegrationUser instead")
    @JsonPropertyDescription("Salesforce username, email-shaped and unique across all Salesforce orgs. Immutable.")
    private String username;

    @Required
    @Size(max = 128)
    @Pattern(EMAIL_PATTERN)
    @JsonPropertyDescription("Email address for notifications about this user (the integration's owner).")
    private String email;

    @Size(max = 40)
    @JsonPropertyDescription("First name.")
    private String firstName;

    @Required
    @Size(min = 1, max = 80)
    @JsonPropertyDescription("Last name, e.g. the integration's name.")
    private String lastName;

    @Size(min = 1, max = 8)
    @JsonPropertyDescription("Alias, at most 8 characters. Defaults to the start of the username.")
    private String alias;

    @Default("America/Los_Angeles")
    @JsonPropertyDescription("Time zone (TimeZoneSidKey), e.g. Europe/Paris.")
    private String timeZone = "America/Los_Angeles";

    @Default("en_US")
    @JsonPropertyDescription("Locale (LocaleSidKey), e.g. en_US.")
    private String locale = "en_US";

    @Default("en_US")
    @JsonPropertyDescription("Language (LanguageLocaleKey), e.g. en_US.")
    private String language = "en_US";

    @Default("UTF-8")
    @JsonPropertyDescription("Email encoding (EmailEncodingKey).")
    private String emailEncoding = "UTF-8";

    @Default(DEFAULT_PROFILE)
    @JsonPropertyDescription("Profile by name. Defaults to Minimum Access - API Only Integrations (falling back to the deprecated Salesforce API Only System Integrations in older orgs). Only API-only profiles are accepted.")
    private String profile = DEFAULT_PROFILE;

    @Size(max = 20)
    @JsonPropertyDescription("Permission set licences to assign, by name (MasterLabel or DeveloperName). Defaults to Salesforce API Integration. Assigned before the permission sets, as Salesforce requires.")
    private List<String> permissionSetLicenses;

    @Size(max = 100)
    @JsonPropertyDescription("Permission sets to assign: each either a PermissionSet resource (ref) or an existing permission set's API name (name).")
    private List<PermissionSetReference> permissionSets = new ArrayList<>();

    @Size(max = 20)
    @JsonPropertyDescription("Permission set groups to assign (PermissionSetAssignment with PermissionSetGroupId): each either a PermissionSetGroup resource (ref) or an existing group's API name (name). Not authoritative, like permissionSets: only assignments the operator made are removed.")
    private List<PermissionSetGroupReference> permissionSetGroups = new ArrayList<>();

    @Default("true")
    @JsonPropertyDescription("Whether the user is active. Deactivating frees the licence seat.")
    private Boolean active = true;

    @Default("false")
    @JsonPropertyDescription("Whether the user is frozen (UserLogin.IsFrozen): cannot log in, but keeps its seat.")
    private Boolean frozen = false;

    @Default("Manage")
    @JsonPropertyDescription("Manage (default) creates and converges the Salesforce record; Observe only reads it (an existing record is found and linked without adoption), fills the status and status.plan, and never writes to Salesforce, not even on deletion. Switching to Manage needs spec.adoption for a record the operator did not create.")
    private ManagementPolicy managementPolicy = ManagementPolicy.Manage;

    @Default("90d")
    @Pattern("^[1-9][0-9]{0,3}d$")
    @JsonPropertyDescription("A user whose last login (User.LastLoginDate) is older than this many days, or who never logged in, is reported unused (condition Unused, the drift report, sfio_integration_users_unused). Days, e.g. 90d.")
    private String unusedAfter = "90d";

    @Default("Never")
    @JsonPropertyDescription("Never refuses to take over an existing Salesforce user the operator did not create; IfUnmanaged adopts it.")
    private AdoptionPolicy adoption = AdoptionPolicy.Never;

    @Default("Deactivate")
    @JsonPropertyDescription("What happens in Salesforce when this resource is deleted: Deactivate (default), Freeze or Orphan. Users are never deleted.")
    private UserDeletionPolicy deletionPolicy = UserDeletionPolicy.Deactivate;

    @JsonPropertyDescription("Overrides the org's drift policy for this user.")
    private DriftPolicy driftPolicy;

    public OrgReference getOrgRef() {
        return orgRef;
    }

    public void setOrgRef(OrgReference orgRef) {
        this.orgRef = orgRef;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getFirstName() {
        return firstName;
    }

    public void setFirstName(String firstName) {
        this.firstName = firstName;
    }

    public String getLastName() {
        return lastName;
    }

    public void setLastName(String lastName) {
        this.lastName = lastName;
    }

    public String getAlias() {
        return alias;
    }

    public void setAlias(String alias) {
        this.alias = alias;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public String getLocale() {
        return locale;
    }

    public void setLocale(String locale) {
        this.locale = locale;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public String getEmailEncoding() {
        return emailEncoding;
    }

    public void setEmailEncoding(String emailEncoding) {
        this.emailEncoding = emailEncoding;
    }

    public String getProfile() {
        return profile;
    }

    public void setProfile(String profile) {
        this.profile = profile;
    }

    public List<String> getPermissionSetLicenses() {
        return permissionSetLicenses;
    }

    public void setPermissionSetLicenses(List<String> permissionSetLicenses) {
        this.permissionSetLicenses = permissionSetLicenses;
    }

    public List<PermissionSetGroupReference> getPermissionSetGroups() {
        return permissionSetGroups;
    }

    public void setPermissionSetGroups(List<PermissionSetGroupReference> permissionSetGroups) {
        this.permissionSetGroups = permissionSetGroups == null ? new ArrayList<>() : permissionSetGroups;
    }

    public List<PermissionSetReference> getPermissionSets() {
        return permissionSets;
    }

    public void setPermissionSets(List<PermissionSetReference> permissionSets) {
        this.permissionSets = permissionSets == null ? new ArrayList<>() : permissionSets;
    }

    public Boolean getActive() {
        return active;
    }

    public void setActive(Boolean active) {
        this.active = active;
    }

    public Boolean getFrozen() {
        return frozen;
    }

    public void setFrozen(Boolean frozen) {
        this.frozen = frozen;
    }

    public AdoptionPolicy getAdoption() {
        return adoption;
    }

    public void setAdoption(AdoptionPolicy adoption) {
        this.adoption = adoption;
    }

    public UserDeletionPolicy getDeletionPolicy() {
        return deletionPolicy;
    }

    public void setDeletionPolicy(UserDeletionPolicy deletionPolicy) {
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

    public String getUnusedAfter() {
        return unusedAfter;
    }

    public void setUnusedAfter(String unusedAfter) {
        this.unusedAfter = unusedAfter;
    }

    /** spec.unusedAfter in days (90 when unset). */
    public int unusedAfterDays() {
        return unusedAfter == null || unusedAfter.isBlank() ? 90 : Integer.parseInt(unusedAfter.substring(0, unusedAfter.length() - 1));
    }
}
