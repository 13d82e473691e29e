package io.sfintegration.controller.permissionsetgroup;

import io.sfintegration.api.v1alpha1.PermissionSetGroupStatus;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.controller.status.Reasons;

import java.time.Duration;
import java.time.Instant;

/**
 * A group's recalculation as Salesforce reports it in PermissionSetGroup.Status (Object Reference, "PermissionSetGroup":
 * Updated, Updating, Outdated, Failed): Updated is Ready; Updating and Outdated are waited for by polling; Failed needs
 * a person (or a spec change) and is not polled. The poll interval grows with how long the group has been
 * recalculating (half of it, between 1 second and 1 minute), so a quick recalculation is seen quickly and a slow one
 * costs few reads. Pure.
 */
final class Recalculation {

    static final Duration FIRST_POLL = Duration.ofSeconds(1);
    static final Duration MAX_POLL = Duration.ofMinutes(1);

    private Recalculation() {
    }

    static boolean done(String salesforceStatus) {
        return salesforceStatus == null || "Updated".equalsIgnoreCase(salesforceStatus);
    }

    static boolean failed(String salesforceStatus) {
        return "Failed".equalsIgnoreCase(salesforceStatus);
    }

    /** When to read the group again: grows with the time since Ready turned False for Recalculating. */
    static Duration nextPoll(PermissionSetGroupStatus status, Instant now) {
        Instant since = status.condition(ConditionTypes.READY)
                .filter(c -> Reasons.RECALCULATING.equals(c.getReason()) && c.getLastTransitionTime() != null)
                .map(c -> Instant.parse(c.getLastTransitionTime())).orElse(now);
        Duration half = Duration.between(since, now).dividedBy(2);
        if (half.compareTo(FIRST_POLL) < 0) {
            return FIRST_POLL;
        }
        return half.compareTo(MAX_POLL) > 0 ? MAX_POLL : half;
    }
}
