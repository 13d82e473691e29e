package io.sfintegration.controller.user;

import java.time.Duration;
import java.util.List;

/**
 * How a create or converge went. When not ok, reason and message go into the Ready and Synced conditions and
 * retryAfter (if any) schedules the next attempt.
 */
record ConvergenceOutcome(boolean ok, String reason, String message, Duration retryAfter, List<String> unmanagedAssignments) {

    static ConvergenceOutcome done(List<String> unmanagedAssignments) {
        return new ConvergenceOutcome(true, null, null, null, unmanagedAssignments);
    }

    static ConvergenceOutcome failed(String reason, String message, Duration retryAfter) {
        return new ConvergenceOutcome(false, reason, message, retryAfter, List.of());
    }
}
