package io.sfintegration.controller.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.sfintegration.api.v1alpha1.ConditionedStatus;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Sets conditions on a status the Kubernetes way: lastTransitionTime only moves when the status value flips, so
 * re-running a reconcile that finds the same state writes an identical status (and the controller can skip the write).
 */
public final class StatusConditions {

    private final Clock clock;

    public StatusConditions(Clock clock) {
        this.clock = clock;
    }

    public void set(ConditionedStatus status, long generation, String type, boolean value, String reason, String message) {
        List<Condition> conditions = new ArrayList<>(status.getConditions());
        String newStatus = value ? "True" : "False";
        Condition existing = conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
        String transition = existing != null && newStatus.equals(existing.getStatus())
                ? existing.getLastTransitionTime()
                : now();
        Condition updated = new ConditionBuilder()
                .withType(type)
                .withStatus(newStatus)
                .withReason(reason)
                .withMessage(message == null ? "" : message)
                .withLastTransitionTime(transition)
                .withObservedGeneration(generation)
                .build();
        if (existing != null) {
            conditions.set(conditions.indexOf(existing), updated);
        } else {
            conditions.add(updated);
        }
        status.setConditions(conditions);
        status.setObservedGeneration(generation);
    }

    /** True if both condition lists say the same thing, ignoring order. */
    public static boolean sameConditions(List<Condition> a, List<Condition> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Condition c : a) {
            Condition other = b.stream().filter(o -> Objects.equals(o.getType(), c.getType())).findFirst().orElse(null);
            if (!c.equals(other)) {
                return false;
            }
        }
        return true;
    }

    public String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
