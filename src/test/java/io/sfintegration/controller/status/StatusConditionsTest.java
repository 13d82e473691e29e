package io.sfintegration.controller.status;

import io.sfintegration.api.v1alpha1.IntegrationUserStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class StatusConditionsTest {

    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void lastTransitionTimeMovesOnlyWhenTheStatusFlips() {
        IntegrationUserStatus status = new IntegrationUserStatus();
        new StatusConditions(Clock.fixed(T0, ZoneOffset.UTC)).set(status, 1, "Ready", false, "OrgNotReady", "waiting");
        StatusConditions later = new StatusConditions(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));

        later.set(status, 2, "Ready", false, "Conflict", "another message");
        assertThat(status.condition("Ready").get().getLastTransitionTime()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(status.condition("Ready").get().getReason()).isEqualTo("Conflict");
        assertThat(status.condition("Ready").get().getObservedGeneration()).isEqualTo(2L);
        assertThat(status.getObservedGeneration()).isEqualTo(2L);

        later.set(status, 2, "Ready", true, "Available", "ok");
        assertThat(status.condition("Ready").get().getLastTransitionTime()).isEqualTo("2026-01-01T10:01:00Z");
        assertThat(status.condition("Ready").get().getStatus()).isEqualTo("True");
    }

    @Test
    void settingTheSameConditionTwiceChangesNothing() {
        IntegrationUserStatus a = new IntegrationUserStatus();
        StatusConditions c = new StatusConditions(Clock.fixed(T0, ZoneOffset.UTC));
        c.set(a, 1, "Ready", true, "Available", "ok");
        c.set(a, 1, "Synced", true, "ReconcileSuccess", "ok");
        IntegrationUserStatus b = io.fabric8.kubernetes.client.utils.Serialization.clone(a);
        new StatusConditions(Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC)).set(b, 1, "Ready", true, "Available", "ok");
        assertThat(StatusConditions.sameConditions(a.getConditions(), b.getConditions())).isTrue();
        assertThat(b.getConditions()).hasSize(2);
    }
}
