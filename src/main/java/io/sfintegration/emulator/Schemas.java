package io.sfintegration.emulator;

import io.sfintegration.emulator.soql.FieldSchema;
import io.sfintegration.emulator.soql.FieldType;
import io.sfintegration.emulator.soql.ObjectSchema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The sObjects the emulator knows, with their real names, key prefixes and fields (Object Reference for the
 * Salesforce Platform: User, Profile, UserLicense, PermissionSet, PermissionSetLicense, PermissionSetLicenseAssign,
 * PermissionSetAssignment, PermissionSetGroup, ObjectPermissions, FieldPermissions, SetupEntityAccess and the setup
 * entities it grants (ConnectedApplication, ApexClass, CustomPermission), UserLogin, SetupAuditTrail,
 * Organization, and a few standard objects for permission validation).
 */
final class Schemas {

    /** User permissions a PermissionSet carries as Permissions&lt;Name&gt; booleans (a realistic subset). */
    static final List<String> USER_PERMISSIONS = List.of("ApiEnabled", "ApiUserOnly", "ViewSetup", "ModifyAllData",
            "ViewAllData", "ManageUsers", "RunReports", "EditTask", "EditEvent", "ViewAllUsers", "ManageInternalUsers",
            "AssignPermissionSets", "CustomizeApplication", "AuthorApex", "ExportReport", "ImportLeads", "ManageDashboards",
            "ManageCases", "TransferAnyCase", "ConvertLeads", "EditPublicDocuments", "ViewRoles", "ManageSharing",
            "BulkApiHardDelete", "ViewEventLogFiles", "ManageCustomPermissions", "ViewHelpLink", "LightningExperienceUser",
            "ChatterInternalUser", "ManageProfilesPermissionsets", "PasswordNeverExpires");

    /** Objects that can carry object and field permissions. */
    static final Set<String> STANDARD_OBJECTS = Set.of("Account", "Contact", "Lead", "Opportunity", "Case");

    /** Fields that are required on their object and so cannot get field permissions. */
    static final Set<String> REQUIRED_FIELDS = Set.of("Account.Name", "Contact.LastName", "Lead.LastName", "Lead.Company",
            "Opportunity.Name", "Opportunity.StageName", "Opportunity.CloseDate");

    private final Map<String, ObjectSchema> byName = new LinkedHashMap<>();

    Schemas() {
        // the Organization fields clients read (the Salesforce CLI asks for Name, InstanceName, IsSandbox,
        // TrialExpirationDate, NamespacePrefix and OrganizationType at login): Object Reference, "Organization"
        object("Organization", "00D", f -> {
            f.text("Name").readOnly();
            f.text("Division").readOnly();
            f.text("Street").readOnly();
            f.text("City").readOnly();
            f.text("State").readOnly();
            f.text("PostalCode").readOnly();
            f.text("Country").readOnly();
            f.text("Phone").readOnly();
            f.text("PrimaryContact").readOnly();
            f.text("DefaultLocaleSidKey").readOnly();
            f.text("TimeZoneSidKey").readOnly();
            f.text("LanguageLocaleKey").readOnly();
            f.bool("ReceivesInfoEmails").readOnly();
            f.bool("IsReadOnly").readOnly();
            f.text("UiSkin").readOnly();
            f.integer("FiscalYearStartMonth").readOnly();
            f.bool("UsesStartDateAsFiscalYearName").readOnly();
            f.text("DefaultAccountAccess").readOnly();
            f.text("OrganizationType").readOnly();
            f.text("InstanceName").readOnly();
            f.bool("IsSandbox").readOnly();
            f.datetime("TrialExpirationDate").readOnly();
            f.text("NamespacePrefix").readOnly();
            f.text("SignupCountryIsoCode").readOnly();
        });
        object("UserLicense", "100", f -> {
            f.text("Name").readOnly();
            f.text("MasterLabel").readOnly();
            f.text("LicenseDefinitionKey").readOnly();
            f.integer("TotalLicenses").readOnly();
            f.integer("UsedLicenses").readOnly();
            f.text("Status").readOnly();
        });
        object("Profile", "00e", f -> {
            f.text("Name");
            f.ref("UserLicenseId", "UserLicense", "UserLicense").readOnly();
            f.text("UserType").readOnly();
            f.text("Description");
        });
        object("User", "005", f -> {
            f.text("Username");
            f.text("LastName");
            f.text("FirstName");
            f.text("Name").readOnly();
            f.email("Email");
            f.text("Alias");
            f.text("CommunityNickname");
            f.text("TimeZoneSidKey");
            f.text("LocaleSidKey");
            f.text("EmailEncodingKey");
            f.text("LanguageLocaleKey");
            f.ref("ProfileId", "Profile", "Profile");
            f.bool("IsActive");
            f.text("UserType").readOnly();
            f.text("FederationIdentifier");
            f.text("Department");
            f.text("Title");
            // set by every login, API logins included; it moves SystemModstamp, not LastModifiedDate
            f.datetime("LastLoginDate").readOnly();
        });
        // one row per login attempt, read-only (Object Reference, "LoginHistory")
        object("LoginHistory", "0Ya", f -> {
            f.ref("UserId", "User", null).readOnly();
            f.datetime("LoginTime").readOnly();
            f.text("LoginType").readOnly();
            f.text("LoginUrl").readOnly();
            f.text("SourceIp").readOnly();
            f.text("Status").readOnly();
            f.text("Application").readOnly();
            f.text("Browser").readOnly();
            f.text("Platform").readOnly();
            f.text("ApiType").readOnly();
            f.text("ApiVersion").readOnly();
        });
        object("UserLogin", "060", f -> {
            f.ref("UserId", "User", null).readOnly();
            f.bool("IsFrozen");
            f.bool("IsPasswordLocked");
        });
        object("PermissionSetLicense", "0PL", f -> {
            f.text("DeveloperName").readOnly();
            f.text("MasterLabel").readOnly();
            f.text("PermissionSetLicenseKey").readOnly();
            f.integer("TotalLicenses").readOnly();
            f.integer("UsedLicenses").readOnly();
            f.text("Status").readOnly();
            f.date("ExpirationDate").readOnly();
            f.bool("IsAvailableForIntegrations").readOnly();
        });
        object("PermissionSet", "0PS", f -> {
            f.text("Name");
            f.text("Label");
            f.text("Description");
            f.ref("LicenseId", List.of("UserLicense", "PermissionSetLicense"), "License");
            f.bool("IsOwnedByProfile").readOnly();
            f.ref("ProfileId", "Profile", "Profile").readOnly();
            f.text("Type").readOnly();
            f.text("NamespacePrefix").readOnly();
            f.bool("HasActivationRequired");
            for (String p : USER_PERMISSIONS) {
                f.bool("Permissions" + p);
            }
        });
        object("PermissionSetGroup", "0PG", f -> {
            f.text("DeveloperName");
            f.text("MasterLabel");
            f.text("Description");
            f.text("Status").readOnly();
        });
        // a group's components: permission sets and at most one muting permission set (Object Reference,
        // "PermissionSetGroupComponent", "MutingPermissionSet"); key prefixes as real orgs show them
        object("MutingPermissionSet", "0QM", f -> {
            f.text("DeveloperName");
            f.text("MasterLabel");
            f.text("Description");
            for (String p : USER_PERMISSIONS) {
                f.bool("Permissions" + p);
            }
        });
        object("PermissionSetGroupComponent", "0PC", f -> {
            f.ref("PermissionSetGroupId", "PermissionSetGroup", "PermissionSetGroup").createOnly();
            f.ref("PermissionSetId", List.of("PermissionSet", "MutingPermissionSet"), "PermissionSet").createOnly();
        });
        object("PermissionSetAssignment", "0Pa", f -> {
            f.ref("AssigneeId", "User", "Assignee").createOnly();
            f.ref("PermissionSetId", "PermissionSet", "PermissionSet").createOnly();
            f.ref("PermissionSetGroupId", "PermissionSetGroup", "PermissionSetGroup").createOnly();
            f.datetime("ExpirationDate");
            f.bool("IsActive").readOnly();
        });
        object("PermissionSetLicenseAssign", "2LA", f -> {
            f.ref("AssigneeId", "User", "Assignee").createOnly();
            f.ref("PermissionSetLicenseId", "PermissionSetLicense", "PermissionSetLicense").createOnly();
        });
        object("ObjectPermissions", "110", f -> {
            f.ref("ParentId", "PermissionSet", "Parent").createOnly();
            f.text("SobjectType").createOnly();
            for (String p : List.of("Read", "Create", "Edit", "Delete", "ViewAllRecords", "ModifyAllRecords", "ViewAllFields")) {
                f.bool("Permissions" + p);
            }
        });
        object("FieldPermissions", "01k", f -> {
            f.ref("ParentId", "PermissionSet", "Parent").createOnly();
            f.text("SobjectType").createOnly();
            f.text("Field").createOnly();
            f.bool("PermissionsRead");
            f.bool("PermissionsEdit");
        });
        // the setup entities a permission set can grant through SetupEntityAccess (Object Reference, "SetupEntityAccess",
        // https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_setupentityaccess.htm):
        // read-only here, created in Setup or by deployments; key prefixes as real orgs show them
        object("ConnectedApplication", "0H4", f -> {
            f.text("Name").readOnly();
            // Permitted Users = "Admin approved users are pre-authorized" (Object Reference, "ConnectedApplication")
            f.bool("OptionsAllowAdminApprovedUsersOnly").readOnly();
        });
        object("ApexClass", "01p", f -> {
            f.text("Name").readOnly();
            f.text("NamespacePrefix").readOnly();
            f.text("Status").readOnly();
            f.number("ApiVersion").readOnly();
        });
        object("CustomPermission", "0CP", f -> {
            f.text("DeveloperName").readOnly();
            f.text("MasterLabel").readOnly();
            f.text("NamespacePrefix").readOnly();
        });
        // SetupEntityType is not createable: Salesforce derives it from the entity (Filter, Group, Nillable, Restricted
        // picklist, Sort); the object supports create, delete, query, retrieve, no update
        object("SetupEntityAccess", "0J0", f -> {
            f.ref("ParentId", "PermissionSet", "Parent").createOnly();
            f.ref("SetupEntityId", List.of("ApexClass", "ConnectedApplication", "CustomPermission"), null).createOnly();
            f.text("SetupEntityType").readOnly();
        });
        object("SetupAuditTrail", "0Ym", f -> {
            f.text("Action").readOnly();
            f.text("Section").readOnly();
            f.text("Display").readOnly();
            f.text("DelegateUser").readOnly();
        });
        // the standard objects permissions are checked against (Object Reference: Account, Contact, Lead, Opportunity,
        // Case): the fields clients set, in describe's order
        object("Account", "001", f -> f.texts("Name", "Phone", "Industry", "Website", "Type").number("AnnualRevenue"));
        object("Contact", "003", f -> f.texts("LastName", "FirstName").email("Email").text("Phone").ref("AccountId", "Account", "Account"));
        object("Lead", "00Q", f -> f.texts("LastName", "FirstName", "Company").email("Email").text("Status"));
        object("Opportunity", "006", f -> f.texts("Name", "StageName").date("CloseDate").number("Amount")
                .ref("AccountId", "Account", "Account"));
        object("Case", "500", f -> f.texts("Subject", "Description", "Status", "Origin").ref("AccountId", "Account", "Account"));
    }

    ObjectSchema get(String name) {
        return name == null ? null : byName.get(name.toLowerCase(Locale.ROOT));
    }

    ObjectSchema byPrefix(String prefix) {
        for (ObjectSchema s : byName.values()) {
            if (s.keyPrefix().equals(prefix)) {
                return s;
            }
        }
        return null;
    }

    Collection<ObjectSchema> all() {
        return byName.values();
    }

    private void object(String name, String prefix, java.util.function.Consumer<FieldList> fields) {
        FieldList list = new FieldList();
        list.add(new FieldSchema("Id", FieldType.ID, null, List.of(), false, false, false));
        fields.accept(list);
        if (!name.equals("Organization") && !name.equals("UserLicense") && !name.equals("PermissionSetLicense") && !name.equals("LoginHistory")) {
            list.add(new FieldSchema("CreatedDate", FieldType.DATETIME, null, List.of(), false, false, false));
            list.add(new FieldSchema("CreatedById", FieldType.REFERENCE, "CreatedBy", List.of("User"), false, false, false));
            list.add(new FieldSchema("LastModifiedDate", FieldType.DATETIME, null, List.of(), false, false, false));
            list.add(new FieldSchema("LastModifiedById", FieldType.REFERENCE, "LastModifiedBy", List.of("User"), false, false, false));
        }
        list.add(new FieldSchema("SystemModstamp", FieldType.DATETIME, null, List.of(), false, false, false));
        list.add(new FieldSchema("IsDeleted", FieldType.BOOLEAN, null, List.of(), false, false, false));
        Map<String, FieldSchema> map = new LinkedHashMap<>();
        for (FieldSchema f : list.fields) {
            map.put(f.name().toLowerCase(Locale.ROOT), f);
        }
        byName.put(name.toLowerCase(Locale.ROOT), new ObjectSchema(name, prefix, map));
    }

    /** Builder for an object's fields; the last added field can be marked read-only or create-only. */
    private static final class FieldList {
        final List<FieldSchema> fields = new ArrayList<>();

        FieldList add(FieldSchema f) {
            fields.add(f);
            return this;
        }

        FieldList text(String name) {
            return add(new FieldSchema(name, FieldType.STRING, null, List.of(), true, true, true));
        }

        FieldList texts(String... names) {
            for (String name : names) {
                text(name);
            }
            return this;
        }

        FieldList email(String name) {
            return add(new FieldSchema(name, FieldType.EMAIL, null, List.of(), true, true, true));
        }

        FieldList bool(String name) {
            return add(new FieldSchema(name, FieldType.BOOLEAN, null, List.of(), true, true, false));
        }

        FieldList integer(String name) {
            return add(new FieldSchema(name, FieldType.INT, null, List.of(), true, true, true));
        }

        FieldList number(String name) {
            return add(new FieldSchema(name, FieldType.DOUBLE, null, List.of(), true, true, true));
        }

        FieldList date(String name) {
            return add(new FieldSchema(name, FieldType.DATE, null, List.of(), true, true, true));
        }

        FieldList datetime(String name) {
            return add(new FieldSchema(name, FieldType.DATETIME, null, List.of(), true, true, true));
        }

        FieldList ref(String name, String target, String relationship) {
            return ref(name, List.of(target), relationship);
        }

        FieldList ref(String name, List<String> targets, String relationship) {
            return add(new FieldSchema(name, FieldType.REFERENCE, relationship, targets, true, true, true));
        }

        void readOnly() {
            FieldSchema f = fields.remove(fields.size() - 1);
            fields.add(new FieldSchema(f.name(), f.type(), f.relationshipName(), f.referenceTo(), false, false, f.nillable()));
        }

        void createOnly() {
            FieldSchema f = fields.remove(fields.size() - 1);
            fields.add(new FieldSchema(f.name(), f.type(), f.relationshipName(), f.referenceTo(), true, false, f.nillable()));
        }
    }
}
