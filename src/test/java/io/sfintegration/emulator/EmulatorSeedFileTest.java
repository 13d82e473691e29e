package io.sfintegration.emulator;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The default seed shipped as a file is the same org as {@link EmulatorSeed#defaults()}; the brownfield seed is a lived-in org. */
class EmulatorSeedFileTest {

    private static final Path DEFAULT_SEED = Path.of("src/main/resources/emulator/default-seed.json");

    @Test
    void defaultSeedFileEqualsTheBuiltInDefault() {
        assertThat(EmulatorSeed.fromFile(DEFAULT_SEED)).isEqualTo(EmulatorSeed.defaults());
    }

    @Test
    void anEmulatorStartsFromTheSeedFile() {
        try (SalesforceEmulator emulator = SalesforceEmulator.start(EmulatorConfig.builder().seedFile(DEFAULT_SEED).build())) {
            EmulatorHttp http = new EmulatorHttp(emulator.baseUrl(), emulator.issueAccessToken(EmulatorSeed.ADMIN));
            assertThat(http.records("SELECT Name FROM Profile")).hasSize(3);
            assertThat(http.records("SELECT TotalLicenses FROM UserLicense WHERE Name = 'Salesforce Integration'").get(0)
                    .path("TotalLicenses").asInt()).isEqualTo(5);
        }
    }

    @Test
    void builtInSeedsAreSelectableByName() {
        assertThat(EmulatorSeed.named("default")).isEqualTo(EmulatorSeed.defaults());
        assertThat(EmulatorSeed.named(DEFAULT_SEED.toString())).isEqualTo(EmulatorSeed.defaults());
        assertThat(EmulatorSeed.brownfield().orgName()).isEqualTo("Brownfield Org");
    }

    @Test
    void theBrownfieldOrgHasLegacyIntegrationUsersAsSalesforceWouldShowThem() {
        try (SalesforceEmulator emulator = SalesforceEmulator.start(EmulatorConfig.builder().seed(EmulatorSeed.brownfield()).build())) {
            EmulatorHttp http = new EmulatorHttp(emulator.baseUrl(), emulator.issueAccessToken(EmulatorSeed.ADMIN));
            // integration users on System Administrator and on a full Salesforce licence
            assertThat(http.records("SELECT Username FROM User WHERE Profile.Name = 'System Administrator' AND Username LIKE '%brownfield%'"))
                    .extracting(u -> u.path("Username").asText())
                    .containsExactlyInAnyOrder("erp.sync@brownfield.example.com", "old.reporting@brownfield.example.com");
            assertThat(http.records("SELECT Username FROM User WHERE Profile.UserLicense.Name = 'Salesforce Integration'"))
                    .extracting(u -> u.path("Username").asText())
                    .containsExactlyInAnyOrder("legacy.etl@brownfield.example.com", "billing.api@brownfield.example.com");
            // one user shared by two integrations: two connected apps in its login history
            assertThat(http.records("SELECT Application FROM LoginHistory WHERE UserId IN (SELECT Id FROM User WHERE Username = 'erp.sync@brownfield.example.com')"))
                    .extracting(r -> r.path("Application").asText()).containsExactlyInAnyOrder("SAP Connector", "Snowflake Loader");
            // unused for months: LastLoginDate far in the past
            String lastLogin = http.records("SELECT LastLoginDate FROM User WHERE Username = 'marketing.sync@brownfield.example.com'")
                    .get(0).path("LastLoginDate").asText();
            assertThat(java.time.OffsetDateTime.parse(lastLogin.replaceAll("([+-]\\d{2})(\\d{2})$", "$1:$2")).toInstant())
                    .isBefore(java.time.Instant.now().minus(java.time.Duration.ofDays(180)));
            // assignments people made, and a permission set with ModifyAllData and PasswordNeverExpires
            assertThat(http.records("SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE Assignee.Username = 'legacy.etl@brownfield.example.com'"))
                    .extracting(r -> r.path("PermissionSet").path("Name").asText()).contains("Legacy_Integration");
            assertThat(http.records("SELECT PermissionsModifyAllData, PermissionsPasswordNeverExpires FROM PermissionSet WHERE Name = 'Legacy_Integration'").get(0)
                    .path("PermissionsModifyAllData").asBoolean()).isTrue();
            assertThat(http.records("SELECT UsedLicenses FROM UserLicense WHERE Name = 'Salesforce Integration'").get(0)
                    .path("UsedLicenses").asInt()).isEqualTo(2);
            assertThat(http.records("SELECT IsActive FROM User WHERE Username = 'old.reporting@brownfield.example.com'").get(0)
                    .path("IsActive").asBoolean()).isFalse();
        }
    }
}
