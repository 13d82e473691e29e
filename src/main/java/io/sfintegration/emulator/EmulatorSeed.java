package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the emulated org starts with. The default is a typical Enterprise org: five free Salesforce Integration seats,
 * the API-only profile and the Salesforce API Integration permission set licence. Loadable from a JSON file of the
 * same shape (see {@code src/main/resources/emulator/default-seed.json}).
 */
public record EmulatorSeed(String orgName, List<UserLicenseSeed> userLicenses, List<PermissionSetLicenseSeed> permissionSetLicenses,
                           List<ProfileSeed> profiles, List<UserSeed> users, List<PermissionSetSeed> permissionSets) {

    public EmulatorSeed {
        permissionSets = permissionSets == null ? List.of() : permissionSets;
    }

    public EmulatorSeed(String orgName, List<UserLicenseSeed> userLicenses, List<PermissionSetLicenseSeed> permissionSetLicenses,
                        List<ProfileSeed> profiles, List<UserSeed> users) {
        this(orgName, userLicenses, permissionSetLicenses, profiles, users, List.of());
    }

    public record UserLicenseSeed(String name, String licenseDefinitionKey, int total) {
    }

    public record PermissionSetLicenseSeed(String developerName, String masterLabel, int total) {
    }

    /** apiOnly sets PermissionsApiUserOnly on the profile's own permission set. */
    public record ProfileSeed(String name, String userLicense, boolean apiOnly, boolean admin) {
    }

    /**
     * A user. The optional parts describe a brownfield org: assignments people made in Setup ({@code permissionSets},
     * {@code permissionSetLicenses}), {@code active}, and logins {@code loginDaysAgo} (one LoginHistory row each,
     * LastLoginDate from the most recent; {@code loginApplications} names the connected app of each, so one user
     * shared by two integrations shows two applications; "Browser" is a person's UI login, login type Application).
     */
    public record UserSeed(String username, String lastName, String profile, Boolean active, List<String> permissionSets,
                           List<String> permissionSetLicenses, List<Integer> loginDaysAgo, List<String> loginApplications) {

        public UserSeed {
            permissionSets = permissionSets == null ? List.of() : permissionSets;
            permissionSetLicenses = permissionSetLicenses == null ? List.of() : permissionSetLicenses;
            loginDaysAgo = loginDaysAgo == null ? List.of() : loginDaysAgo;
            loginApplications = loginApplications == null ? List.of() : loginApplications;
        }

        public UserSeed(String username, String lastName, String profile) {
            this(username, lastName, profile, null, null, null, null, null);
        }
    }

    /**
     * A permission set people made in Setup: {@code license} is a permission set licence or user licence name, or
     * null for none; {@code userPermissions} are the Permissions&lt;Name&gt; flags it turns on; {@code readObjects}
     * get read access.
     */
    public record PermissionSetSeed(String name, String label, String description, String license, List<String> userPermissions,
                                    List<String> readObjects) {
        public PermissionSetSeed {
            userPermissions = userPermissions == null ? List.of() : userPermissions;
            readObjects = readObjects == null ? List.of() : readObjects;
        }
    }

    public static final String ADMIN = "admin@emulator.example.com";
    public static final String SETUP_ADMIN = "setup.admin@emulator.example.com";

    public static EmulatorSeed defaults() {
        return new EmulatorSeed("Emulated Org",
                List.of(new UserLicenseSeed("Salesforce Integration", "SFDC_INTEGRATION", 5),
                        new UserLicenseSeed("Salesforce", "SFDC", 10)),
                List.of(new PermissionSetLicenseSeed("SalesforceAPIIntegrationPsl", "Salesforce API Integration", 10)),
                List.of(new ProfileSeed("Minimum Access - API Only Integrations", "Salesforce Integration", true, false),
                        new ProfileSeed("System Administrator", "Salesforce", false, true),
                        new ProfileSeed("Standard User", "Salesforce", false, false)),
                List.of(new UserSeed(ADMIN, "Admin", "System Administrator"),
                        new UserSeed(SETUP_ADMIN, "Setup Admin", "System Administrator")));
    }

    public static EmulatorSeed fromFile(Path file) {
        try {
            return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).readValue(file.toFile(), EmulatorSeed.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read seed " + file, e);
        }
    }

    /** Seeds shipped in the jar, selectable by name ({@code --seed brownfield}): default and brownfield. */
    public static final List<String> BUILT_IN = List.of("default", "brownfield");

    /** A built-in seed by name, or else a seed file by path. */
    public static EmulatorSeed named(String nameOrPath) {
        if (!BUILT_IN.contains(nameOrPath)) {
            return fromFile(Path.of(nameOrPath));
        }
        try (var in = EmulatorSeed.class.getResourceAsStream("/emulator/" + nameOrPath + "-seed.json")) {
            if (in == null) {
                throw new IllegalStateException("built-in seed " + nameOrPath + " is missing from the jar");
            }
            return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false).readValue(in, EmulatorSeed.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in seed " + nameOrPath, e);
        }
    }

    /**
     * A brownfield org (src/main/resources/emulator/brownfield-seed.json): integration users made by hand over the
     * years, several on System Administrator or a full Salesforce licence, one shared by two integrations, some
     * unused for months, and the permission sets people gave them.
     */
    public static EmulatorSeed brownfield() {
        return named("brownfield");
    }

    /** The same org with this many Salesforce Integration seats and API Integration licences (benchmarks). */
    public EmulatorSeed withIntegrationSeats(int seats) {
        List<UserLicenseSeed> licenses = new ArrayList<>();
        for (UserLicenseSeed l : userLicenses) {
            licenses.add(l.name().equals("Salesforce Integration") ? new UserLicenseSeed(l.name(), l.licenseDefinitionKey(), seats) : l);
        }
        List<PermissionSetLicenseSeed> psls = permissionSetLicenses.stream()
                .map(p -> new PermissionSetLicenseSeed(p.developerName(), p.masterLabel(), Math.max(p.total(), seats))).toList();
        return new EmulatorSeed(orgName, licenses, psls, profiles, users, permissionSets);
    }

    /** Adds the deprecated Salesforce API Only System Integrations profile that older orgs still have. */
    public EmulatorSeed withLegacyProfile() {
        List<ProfileSeed> more = new ArrayList<>(profiles);
        more.add(new ProfileSeed("Salesforce API Only System Integrations", "Salesforce Integration", true, false));
        return new EmulatorSeed(orgName, userLicenses, permissionSetLicenses, more, users, permissionSets);
    }

    /** Without the new profile: an older org that only has the deprecated one. */
    public EmulatorSeed legacyOnly() {
        List<ProfileSeed> older = new ArrayList<>(withLegacyProfile().profiles());
        older.removeIf(p -> p.name().equals("Minimum Access - API Only Integrations"));
        return new EmulatorSeed(orgName, userLicenses, permissionSetLicenses, older, users, permissionSets);
    }
}
