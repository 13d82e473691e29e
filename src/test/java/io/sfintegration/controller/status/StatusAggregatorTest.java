package io.sfintegration.controller.status;

import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.IntegrationUserStatus;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusAggregatorTest {

    final List<String> warnings = new ArrayList<>();
    final StatusAggregator statuses = new StatusAggregator(new StatusConditions(Clock.systemUTC()), (r, reason, message) -> warnings.add(reason));
    final IntegrationUser user = new IntegrationUser();
    final IntegrationUserStatus status = new IntegrationUserStatus();

    @Test
    void anErrorBeforeTheApplyNeverLetsTheNextReconcileSkip() {
        statuses.ready(status, 1, "ready", "synced", false);
        assertThat(StatusAggregator.settled(status, 1)).isTrue();
        statuses.failed(user, status, 1, Reasons.RECONCILE_ERROR, "503 while resolving names");
        assertThat(status.isTrue(ConditionTypes.READY)).as("Salesforce still holds what it held").isTrue();
        assertThat(StatusAggregator.settled(status, 1)).as("Synced=False must not stick").isFalse();
        statuses.ready(status, 1, "ready", "synced", false);
        assertThat(StatusAggregator.settled(status, 1)).isTrue();
        assertThat(StatusAggregator.settled(status, 2)).as("a new generation is never settled").isFalse();
    }

    @Test
    void warningsAreRecordedOncePerDistinctState() {
        statuses.failed(user, status, 1, Reasons.RECONCILE_ERROR, "a");
        statuses.failed(user, status, 1, Reasons.RECONCILE_ERROR, "a");
        statuses.failed(user, status, 1, Reasons.RECONCILE_ERROR, "b");
        statuses.notReady(user, status, 1, Reasons.CONFLICT, "held by x");
        statuses.notReady(user, status, 1, Reasons.CONFLICT, "held by x");
        statuses.waiting(status, 1, Reasons.ORG_NOT_READY, "waiting");
        assertThat(warnings).containsExactly(Reasons.RECONCILE_ERROR, Reasons.RECONCILE_ERROR, Reasons.CONFLICT);
    }

    @Test
    void driftIsMarkedCorrectedOrNoneSeen() {
        statuses.ready(status, 1, "ready", "synced", false);
        assertThat(status.condition(ConditionTypes.DRIFTED).get().getReason()).isEqualTo(Reasons.NO_DRIFT);
        statuses.ready(status, 1, "ready", "synced", true);
        assertThat(status.condition(ConditionTypes.DRIFTED).get().getReason()).isEqualTo(Reasons.DRIFT_CORRECTED);
    }
}
