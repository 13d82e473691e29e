package io.sfintegration.controller.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.sfintegration.api.v1alpha1.ConditionedStatus;

/**
 * The one place that decides Ready, Synced and Drifted for every path of a reconcile (the Keycloak operator's
 * status aggregator): success, a refusal or wait, and an error that will be retried. A warning Event is recorded once
 * per distinct state, not on every retry.
 */
public final class StatusAggregator {

    /** Where warnings go (the controller's event recorder). */
    public interface Warnings {
        void warning(HasMetadata resource, String reason, String message);
    }

    private final StatusConditions conditions;
    private final Warnings warnings;

    public StatusAggregator(StatusConditions conditions, Warnings warnings) {
        this.conditions = conditions;
        this.warnings = warnings;
    }

    public StatusConditions conditions() {
        return conditions;
    }

    /** Salesforce matches the spec; {@code corrected}: this reconcile put drift back. */
    public void ready(ConditionedStatus status, long generation, String readyMessage, String syncedMessage, boolean corrected) {
        conditions.set(status, generation, ConditionTypes.SYNCED, true, Reasons.RECONCILE_SUCCESS, syncedMessage);
        conditions.set(status, generation, ConditionTypes.READY, true, Reasons.AVAILABLE, readyMessage);
        if (corrected) {
            conditions.set(status, generation, ConditionTypes.DRIFTED, false, Reasons.DRIFT_CORRECTED, "Drift was corrected at " + conditions.now() + ".");
        } else if (status.condition(ConditionTypes.DRIFTED).isEmpty()) {
            conditions.set(status, generation, ConditionTypes.DRIFTED, false, Reasons.NO_DRIFT, "No drift seen.");
        }
    }

    /** Refused or waiting: Ready and Synced are False for the same reason; warned once per distinct reason and message. */
    public void notReady(HasMetadata resource, ConditionedStatus status, long generation, String reason, String message) {
        boolean same = status.condition(ConditionTypes.READY)
                .map(c -> "False".equals(c.getStatus()) && reason.equals(c.getReason()) && message.equals(c.getMessage())).orElse(false);
        conditions.set(status, generation, ConditionTypes.READY, false, reason, message);
        conditions.set(status, generation, ConditionTypes.SYNCED, false, reason, message);
        if (!same) {
            warnings.warning(resource, reason, message);
        }
    }

    /** Waiting on the world (an org, a seat): like {@link #notReady} but without a warning. */
    public void waiting(ConditionedStatus status, long generation, String reason, String message) {
        conditions.set(status, generation, ConditionTypes.READY, false, reason, message);
        conditions.set(status, generation, ConditionTypes.SYNCED, false, reason, message);
    }

    /**
     * A reconcile failed and will be retried: Synced is False, Ready keeps what Salesforce last matched (the record
     * did not change because the call failed). Warned once per distinct reason and message.
     */
    public void failed(HasMetadata resource, ConditionedStatus status, long generation, String reason, String message) {
        boolean same = status.condition(ConditionTypes.SYNCED)
                .map(c -> "False".equals(c.getStatus()) && reason.equals(c.getReason()) && message.equals(c.getMessage())).orElse(false);
        conditions.set(status, generation, ConditionTypes.SYNCED, false, reason, message);
        if (!same) {
            warnings.warning(resource, reason, message);
        }
    }

    /** Whether the last reconcile left everything in place at this generation, so a no-op may be skipped. */
    public static boolean settled(ConditionedStatus status, long generation) {
        return status.isTrue(ConditionTypes.READY) && status.isTrue(ConditionTypes.SYNCED)
                && Long.valueOf(generation).equals(status.getObservedGeneration());
    }
}
