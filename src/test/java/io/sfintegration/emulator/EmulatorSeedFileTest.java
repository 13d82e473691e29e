package io.sfintegration.emulator;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The default seed shipped as a file is the same org as {@link EmulatorSeed#defaults()}. */
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
}
