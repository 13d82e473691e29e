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
        for (EmulatorSeed.PermissionSetLicenseSeed l : seed.permissionSetLicenses()) {
            store.insertRaw("PermissionSetLicense", new HashMap<>(Map.of("DeveloperName", l.developerName(), "MasterLabel", l.masterLabel(),
                    "PermissionSetLicenseKey", l.developerName(), "TotalLicenses", (long) l.total(), "Status", "Active",
                    "IsAvailableForIntegrations", true)));
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
            user.put("IsActive", true);
            user.put("UserType", "Standard");
            String id = store.insertRaw("User", user);
            if (adminId == null) {
                adminId = id;
            }
            store.insertRaw("UserLogin", new HashMap<>(Map.of("UserId", id, "IsFrozen", false, "IsPasswordLocked", false)));
        }
        return adminId;
    }
}
