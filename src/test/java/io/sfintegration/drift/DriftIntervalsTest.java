package io.sfintegration.drift;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DriftIntervalsTest {

    @Test
    void parsesTheSpecNotation() {
        Duration fallback = Duration.ofMinutes(10);
        assertThat(DriftIntervals.parse("30s", fallback)).isEqualTo(Duration.ofSeconds(30));
        assertThat(DriftIntervals.parse("10m", fallback)).isEqualTo(Duration.ofMinutes(10));
        assertThat(DriftIntervals.parse("1h30m", fallback)).isEqualTo(Duration.ofMinutes(90));
        assertThat(DriftIntervals.parse("0s", fallback)).isEqualTo(fallback);
        assertThat(DriftIntervals.parse("ten minutes", fallback)).isEqualTo(fallback);
        assertThat(DriftIntervals.parse(null, fallback)).isEqualTo(fallback);
    }

    @Test
    void formatsBackTheSameWay() {
        assertThat(DriftIntervals.format(Duration.ofMinutes(20))).isEqualTo("20m");
        assertThat(DriftIntervals.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(DriftIntervals.format(Duration.ofHours(24))).isEqualTo("24h");
        assertThat(DriftIntervals.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(DriftIntervals.format(Duration.ofSeconds(3661))).isEqualTo("1h1m1s");
    }

    @Test
    void auditRowsNameRecordsAsWholeWords() {
        assertThat(AuditAttribution.names("Changed email for user bob@acme.example from a to b", "bob@acme.example")).isTrue();
        assertThat(AuditAttribution.names("Froze user bob@acme.example.", "bob@acme.example")).isTrue();
        assertThat(AuditAttribution.names("Froze user bob@acme.example.com", "bob@acme.example")).isFalse();
        assertThat(AuditAttribution.names("Froze user xbob@acme.example", "bob@acme.example")).isFalse();
        assertThat(AuditAttribution.names("Changed permission set Billing Integration: View Setup enabled", "Billing Integration")).isTrue();
        assertThat(AuditAttribution.names("Changed permission set Billing_Integration_2", "Billing_Integration")).isFalse();
    }
}
