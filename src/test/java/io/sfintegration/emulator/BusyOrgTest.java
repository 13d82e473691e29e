package io.sfintegration.emulator;

import io.sfintegration.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.sfintegration.emulator.EmulatorHttp.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.sfintegration.emulator.EmulatorHttp.V;
import static org.assertj.core.api.Assertions.assertThat;

/** Logins and the background activity of a busy org, on a clock the test moves (no background thread). */
class BusyOrgTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private SalesforceEmulator emulator;
    private EmulatorHttp http;

    @BeforeEach
    void start() {
        emulator = SalesforceEmulator.start(EmulatorConfig.builder().clock(clock).activity(null, Duration.ZERO).build());
        http = new EmulatorHttp(emulator.baseUrl(), emulator.issueAccessToken(EmulatorSeed.ADMIN));
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void aLoginSetsLastLoginDateAndSystemModstampButNotLastModifiedDateAndWritesLoginHistory() {
        JsonNode before = admin();
        clock.advance(Duration.ofMinutes(5));
        emulator.issueAccessToken(EmulatorSeed.ADMIN);
        JsonNode after = admin();
        assertThat(after.path("LastLoginDate").asText()).startsWith("2026-12-01T10:05:00");
        assertThat(after.path("SystemModstamp").asText()).startsWith("2026-12-01T10:05:00");
        assertThat(after.path("LastModifiedDate").asText()).isEqualTo(before.path("LastModifiedDate").asText());
        JsonNode history = query("SELECT UserId, LoginTime, Status FROM LoginHistory WHERE UserId = '" + after.path("Id").asText() + "'");
        assertThat(history.path("totalSize").asInt()).isEqualTo(2);
        assertThat(history.path("records").get(1).path("Status").asText()).isEqualTo("Success");
    }

    @Test
    void backgroundActivityDoesWhatItsRatesOweAndStopsOnReset() {
        Answer set = http.put("/__emulator/activity", Map.of("loginsPerMinute", 30, "userEditsPerMinute", 12, "setupChangesPerMinute", 10));
        assertThat(set.status()).isEqualTo(204);
        int auditBefore = query("SELECT COUNT() FROM SetupAuditTrail").path("totalSize").asInt();
        clock.advance(Duration.ofMinutes(2));
        emulator.activity().runDue();
        JsonNode state = http.get("/__emulator/activity").body();
        assertThat(state.path("counts").path("logins").asLong()).isEqualTo(60);
        assertThat(state.path("counts").path("userEdits").asLong()).isEqualTo(24);
        assertThat(state.path("counts").path("setupChanges").asLong()).isEqualTo(20);
        assertThat(state.path("rates").path("loginsPerMinute").asDouble()).isEqualTo(30);
        // setup changes are audited; people's titles are not, but they move the people's LastModifiedDate
        assertThat(query("SELECT COUNT() FROM SetupAuditTrail").path("totalSize").asInt()).isEqualTo(auditBefore + 20);
        assertThat(query("SELECT COUNT() FROM SetupAuditTrail WHERE Section = 'Manage Users'").path("totalSize").asInt())
                .isGreaterThanOrEqualTo(4);
        assertThat(query("SELECT Id FROM User WHERE Title LIKE 'Account Executive%'").path("totalSize").asInt()).isEqualTo(OrgActivity.PEOPLE);
        assertThat(query("SELECT COUNT() FROM LoginHistory").path("totalSize").asInt()).isGreaterThanOrEqualTo(60);
        // nothing of the seeded admin changed but its logins
        assertThat(admin().path("Title").isNull()).isTrue();

        assertThat(http.post("/__emulator/reset", null).status()).isEqualTo(204);
        clock.advance(Duration.ofMinutes(2));
        emulator.activity().runDue();
        assertThat(http.get("/__emulator/activity").body().path("counts").path("logins").asLong()).isZero();
    }

    private JsonNode admin() {
        return query("SELECT Id, LastLoginDate, SystemModstamp, LastModifiedDate, Title FROM User WHERE Username = '" + EmulatorSeed.ADMIN + "'")
                .path("records").get(0);
    }

    private JsonNode query(String soql) {
        return http.get(V + "/query?q=" + URLEncoder.encode(soql, StandardCharsets.UTF_8)).body();
    }
}
