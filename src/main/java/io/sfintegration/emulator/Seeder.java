package io.sfintegration.emulator;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Fills an empty store from a seed: organization, licences, profiles with their own permission sets, setup entities, users. */
final class Seeder {

    private Seeder() {
    }

    static String seed(OrgStore store, EmulatorSeed seed, String orgId) {
        Map<String, Object> org = new HashMap<>(Map.of("Id", orgId, "Name", seed.orgName(), "OrganizationType", "Enterprise Edition",
                "InstanceName", "EMU1", "IsSandbox", false, "Country", "US", "DefaultLocaleSidKey", "en_US",
                "TimeZoneSidKey", "America/Los_Angeles", "LanguageLocaleKey", "en_US", "UiSkin", "Theme3"));
        org.putAll(Map.of("ReceivesInfoEmails", false, "IsReadOnly", false, "FiscalYearStartMonth", 1L,
                "UsesStartDateAsFiscalYearName", false, "DefaultAccountAccess", "Edit", "SignupCountryIsoCode", "US"));
        // TrialExpirationDate and NamespacePrefix stay null: a production org, no namespace
        store.insertRaw("Organization", org);
        Map<String, String> licenseIds = new HashMap<>();
        for (EmulatorSeed.UserLicenseSeed l : seed.userLicenses()) {
            Map<String, Object> r = new HashMap<>(Map.of("Name", l.name(), "MasterLabel", l.name(), "LicenseDefinitionKey", l.licenseDefinitionKey(),
                    "TotalLicenses", (long) l.total(), "Status", "Active"));
            licenseIds.put(l.name(), store.insertRaw("UserLicense", r));
        }
        Map<String, String> pslIds = new HashMap<>();
        for (EmulatorSeed.PermissionSetLicenseSeed l : seed.permissionSetLicenses()) {
            pslIds.put(l.masterLabel(), store.insertRaw("PermissionSetLicense", new HashMap<>(Map.of("DeveloperName", l.developerName(), "MasterLabel", l.masterLabel(),
                    "PermissionSetLicenseKey", l.developerName(), "TotalLicenses", (long) l.total(), "Status", "Active",
                    "IsAvailableForIntegrations", true))));
        }
        Map<String, String> profileIds = new HashMap<>();
        for (EmulatorSeed.ProfileSeed p : seed.profiles()) {
            Map<String, Object> profile = new HashMap<>(Map.of("Name", p.name(), "UserType", "Standard"));
            profile.put("UserLicenseId", licenseIds.get(p.userLicense()));
            String profileId = store.insertRaw("Profile", profile);
            profileIds.put(p.name(), profileId);
            Map<String, Object> own = new HashMap<>();
            own.put("Name", "X00e" + profileId.substring(3, 15));
            own.put("Label", p.name());
            own.put("IsOwnedByProfile", true);
            own.put("ProfileId", profileId);
            own.put("Type", "Profile");
            own.put("PermissionsApiUserOnly", p.apiOnly());
            own.put("PermissionsApiEnabled", true);
            own.put("PermissionsModifyAllData", p.admin());
            own.put("PermissionsViewSetup", p.admin());
            own.put("PermissionsManageUsers", p.admin());
            for (String perm : Schemas.USER_PERMISSIONS) {
                own.putIfAbsent("Permissions" + perm, false);
            }
            store.insertRaw("PermissionSet", own);
        }
        Map<String, String> permissionSetIds = new HashMap<>();
        for (EmulatorSeed.PermissionSetSeed ps : seed.permissionSets()) {
            permissionSetIds.put(ps.name(), permissionSet(store, ps, pslIds.getOrDefault(ps.license(), licenseIds.get(ps.license()))));
        }
        SetupEntitySeed.seed(store);
        String adminId = null;
        for (EmulatorSeed.UserSeed u : seed.users()) {
            Map<String, Object> user = new HashMap<>();
            user.put("Username", u.username());
            user.put("LastName", u.lastName());
            user.put("Email", u.username());
            user.put("Alias", u.lastName().replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT).substring(0, Math.min(8, u.lastName().replaceAll("[^A-Za-z]", "").length())));
            user.put("TimeZoneSidKey", "America/Los_Angeles");
            user.put("LocaleSidKey", "en_US");
            user.put("EmailEncodingKey", "UTF-8");
            user.put("LanguageLocaleKey", "en_US");
            user.put("ProfileId", profileIds.get(u.profile()));
            user.put("IsActive", u.active() == null || u.active());
            user.put("UserType", "Standard");
            String id = store.insertRaw("User", user);
            if (adminId == null) {
                adminId = id;
            }
            store.insertRaw("UserLogin", new HashMap<>(Map.of("UserId", id, "IsFrozen", false, "IsPasswordLocked", false)));
            for (String license : u.permissionSetLicenses()) {
                store.insertRaw("PermissionSetLicenseAssign", new HashMap<>(Map.of("AssigneeId", id,
                        "PermissionSetLicenseId", require(pslIds, license, "permission set licence"))));
            }
            for (String set : u.permissionSets()) {
                store.insertRaw("PermissionSetAssignment", new HashMap<>(Map.of("AssigneeId", id,
                        "PermissionSetId", require(permissionSetIds, set, "permission set"), "IsActive", true)));
            }
            logins(store, id, u);
        }
        return adminId;
    }

    private static String permissionSet(OrgStore store, EmulatorSeed.PermissionSetSeed seed, String licenseId) {
        Map<String, Object> ps = new HashMap<>();
        ps.put("Name", seed.name());
        ps.put("Label", seed.label());
        ps.put("Description", seed.description());
        ps.put("LicenseId", licenseId);
        ps.put("IsOwnedByProfile", false);
        ps.put("Type", "Regular");
        ps.put("HasActivationRequired", false);
        for (String perm : Schemas.USER_PERMISSIONS) {
            ps.put("Permissions" + perm, seed.userPermissions().contains(perm));
        }
        String id = store.insertRaw("PermissionSet", ps);
        for (String object : seed.readObjects()) {
            Map<String, Object> row = new HashMap<>(Map.of("ParentId", id, "SobjectType", object, "PermissionsRead", true));
            for (String p : java.util.List.of("Create", "Edit", "Delete", "ViewAllRecords", "ModifyAllRecords", "ViewAllFields")) {
                row.put("Permissions" + p, false);
            }
            store.insertRaw("ObjectPermissions", row);
        }
        return id;
    }

    /** Past logins as Salesforce keeps them: a LoginHistory row each, LastLoginDate the latest (Logins does the same live). */
    private static void logins(OrgStore store, String userId, EmulatorSeed.UserSeed u) {
        java.time.Instant now = store.clock().instant();
        java.time.Instant latest = null;
        for (int i = 0; i < u.loginDaysAgo().size(); i++) {
            java.time.Instant at = now.minus(java.time.Duration.ofDays(u.loginDaysAgo().get(i)));
            latest = latest == null || at.isAfter(latest) ? at : latest;
            String application = i < u.loginApplications().size() ? u.loginApplications().get(i) : "N/A";
            // "Browser" stands for a person in the UI (login type Application); anything else is a connected app (OAuth)
            String type = "Browser".equals(application) ? "Application" : "Remote Access 2.0";
            Map<String, Object> row = new HashMap<>(Map.of("UserId", userId, "LoginTime", at, "LoginType", type,
                    "LoginUrl", "login.salesforce.com", "SourceIp", "203.0.113.10", "Status", "Success", "Application", application));
            row.putAll(Map.of("Browser", "Unknown", "Platform", "Unknown", "ApiType", "REST", "ApiVersion", "62.0"));
            store.insertRaw("LoginHistory", row);
        }
        if (latest != null) {
            store.touchRaw(userId, Map.of("LastLoginDate", latest));
        }
    }

    private static String require(Map<String, String> ids, String name, String what) {
        String id = ids.get(name);
        if (id == null) {
            throw new IllegalArgumentException("seed names unknown " + what + " " + name);
        }
        return id;
    }
}
