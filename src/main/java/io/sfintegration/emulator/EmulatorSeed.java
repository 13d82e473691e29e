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
                           List<ProfileSeed> profiles, List<UserSeed> users) {

    public record UserLicenseSeed(String name, String licenseDefinitionKey, int total) {
    }

    public record PermissionSetLicenseSeed(String developerName, String masterLabel, int total) {
    }

    /** apiOnly sets PermissionsApiUserOnly on the profile's own permission set. */
    public record ProfileSeed(String name, String userLicense, boolean apiOnly, boolean admin) {
    }

    public record UserSeed(String username, String lastName, String profile) {
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

    /** The same org with this many Salesforce Integration seats and API Integration licences (benchmarks). */
    public EmulatorSeed withIntegrationSeats(int seats) {
        List<UserLicenseSeed> licenses = new ArrayList<>();
        for (UserLicenseSeed l : userLicenses) {
            licenses.add(l.name().equals("Salesforce Integration") ? new UserLicenseSeed(l.name(), l.licenseDefinitionKey(), seats) : l);
        }
        List<PermissionSetLicenseSeed> psls = permissionSetLicenses.stream()
                .map(p -> new PermissionSetLicenseSeed(p.developerName(), p.masterLabel(), Math.max(p.total(), seats))).toList();
        return new EmulatorSeed(orgName, licenses, psls, profiles, users);
    }

    /** Adds the deprecated Salesforce API Only System Integrations profile that older orgs still have. */
    public EmulatorSeed withLegacyProfile() {
        List<ProfileSeed> more = new ArrayList<>(profiles);
        more.add(new ProfileSeed("Salesforce API Only System Integrations", "Salesforce Integration", true, false));
        return new EmulatorSeed(orgName, userLicenses, permissionSetLicenses, more, users);
    }

    /** Without the new profile: an older org that only has the deprecated one. */
    public EmulatorSeed legacyOnly() {
        List<ProfileSeed> older = new ArrayList<>(withLegacyProfile().profiles());
        older.removeIf(p -> p.name().equals("Minimum Access - API Only Integrations"));
        return new EmulatorSeed(orgName, userLicenses, permissionSetLicenses, older, users);
    }
}
