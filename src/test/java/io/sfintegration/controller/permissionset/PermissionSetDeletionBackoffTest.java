package io.sfintegration.controller.permissionset;

import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A set stuck in deletion because people still hold it: the re-checks it schedules (one countAssignments call each)
 * over a simulated day on an injectable clock. The old fixed 30-second poll made 2,880.
 */
class PermissionSetDeletionBackoffTest {

    @Test
    void aSetStuckForADayAsksSalesforceAHandfulOfTimes() {
        Instant deleted = Instant.parse("2026-12-01T00:00:00Z");
        MutableClock clock = new MutableClock(deleted);
        PermissionSetRetirement retirement = new PermissionSetRetirement(null, clock);
        PermissionSet ps = new PermissionSet();
        ps.getMetadata().setDeletionTimestamp(deleted.toString());

        int firstDay = checks(retirement, ps, clock, deleted, Duration.ofDays(1));
        int secondDay = checks(retirement, ps, clock, deleted.plus(Duration.ofDays(1)), Duration.ofDays(1));
        System.out.printf("permission set stuck in deletion: %d Salesforce reads on day 1, %d on day 2 (a 30 s poll: 2880 a day)%n",
                firstDay, secondDay);
        assertThat(firstDay).isLessThanOrEqualTo(10);
        assertThat(secondDay).isLessThanOrEqualTo(2);
    }

    private static int checks(PermissionSetRetirement retirement, PermissionSet ps, MutableClock clock, Instant from, Duration span) {
        int calls = 0;
        while (clock.instant().isBefore(from.plus(span))) {
            if (!clock.instant().isBefore(from)) {
                calls++;
            }
            clock.advance(retirement.recheck(ps));
        }
        return calls;
    }
}
