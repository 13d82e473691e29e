package io.sfintegration.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The benchmark's target check fails on a regression (runs with the normal tests, not as a benchmark). */
class DriftScanTargetsTest {

    @Test
    void figuresWithinTheTargetsPass() {
        assertThat(DriftScanTargets.misses(10_000, 1, 30, 1)).isEmpty();
        assertThat(DriftScanTargets.misses(10, 1, 4, 0)).isEmpty();
        DriftScanTargets.require(1_000, 1, 5, 1);
    }

    @Test
    void aFullScanOverThirtyCallsAtTenThousandUsersFails() {
        assertThatThrownBy(() -> DriftScanTargets.require(10_000, 1, 31, 1))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("full scan of 10000 users cost 31 calls");
    }

    @Test
    void aNoChangeScanOverOneCallPerOrgFails() {
        assertThatThrownBy(() -> DriftScanTargets.require(10, 1, 4, 2))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("found nothing changed cost 2 calls");
        assertThat(DriftScanTargets.misses(10, 2, 8, 2)).isEmpty();
    }

    @Test
    void bothMissesAreReportedTogether() {
        assertThat(DriftScanTargets.misses(10_000, 1, 45, 3)).hasSize(2);
    }
}
