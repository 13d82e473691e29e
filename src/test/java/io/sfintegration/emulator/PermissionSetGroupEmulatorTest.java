package io.sfintegration.emulator;

import io.sfintegration.emulator.EmulatorHttp.Answer;
import io.sfintegration.testing.EmulatorRest;
import io.sfintegration.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.sfintegration.emulator.EmulatorHttp.V;
import static org.assertj.core.api.Assertions.assertThat;

/** PermissionSetGroup, its components and muting set, and the recalculation after each change (Updating, then Updated). */
class PermissionSetGroupEmulatorTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-02T12:00:00Z"));
    SalesforceEmulator emulator;
    EmulatorRest sf;
    EmulatorHttp admin;

    @BeforeEach
    void start() {
        emulator = SalesforceEmulator.start(EmulatorConfig.builder().clock(clock).build());
        sf = new EmulatorRest(emulator);
        admin = new EmulatorHttp(emulator.baseUrl(), emulator.issueAccessToken(EmulatorRest.SETUP_ADMIN));
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void aGroupRecalculatesAfterEveryChangeAndTakesOneMutingSet() {
        String group = sf.create("PermissionSetGroup", Map.of("DeveloperName", "Billing_Role", "MasterLabel", "Billing Role"));
        assertThat(status(group)).isEqualTo("Updating");
        clock.advance(GroupRules.RECALCULATION);
        assertThat(status(group)).isEqualTo("Updated");

        String set = sf.create("PermissionSet", Map.of("Name", "Billing_Read", "Label", "Billing Read"));
        sf.create("PermissionSetGroupComponent", Map.of("PermissionSetGroupId", group, "PermissionSetId", set));
        assertThat(status(group)).isEqualTo("Updating");
        clock.advance(GroupRules.RECALCULATION);
        assertThat(status(group)).isEqualTo("Updated");

        String muting = sf.create("MutingPermissionSet", Map.of("DeveloperName", "Billing_Mute", "MasterLabel", "Billing Mute"));
        sf.create("PermissionSetGroupComponent", Map.of("PermissionSetGroupId", group, "PermissionSetId", muting));
        String second = sf.create("MutingPermissionSet", Map.of("DeveloperName", "Billing_Mute2", "MasterLabel", "Billing Mute 2"));
        Answer refused = admin.post(V + "/sobjects/PermissionSetGroupComponent", Map.of("PermissionSetGroupId", group, "PermissionSetId", second));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo("FIELD_INTEGRITY_EXCEPTION");
        Answer duplicate = admin.post(V + "/sobjects/PermissionSetGroupComponent", Map.of("PermissionSetGroupId", group, "PermissionSetId", set));
        assertThat(duplicate.errorCode()).isEqualTo("DUPLICATE_VALUE");

        String user = sf.createApiOnlyUser("group.user@acme.example.com", "Group User", "group.user@acme.example.com", "guser");
        sf.create("PermissionSetAssignment", Map.of("AssigneeId", user, "PermissionSetGroupId", group));
        Answer inUse = admin.delete(V + "/sobjects/PermissionSetGroup/" + group);
        assertThat(inUse.status()).isEqualTo(400);
        assertThat(inUse.errorCode()).isEqualTo("DELETE_FAILED");
    }

    private String status(String group) {
        return sf.one("SELECT Status FROM PermissionSetGroup WHERE Id = '" + group + "'").path("Status").asText();
    }
}
