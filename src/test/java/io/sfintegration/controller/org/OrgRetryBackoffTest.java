package io.sfintegration.controller.org;

import io.sfintegration.api.v1alpha1.SalesforceOrgStatus;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.controller.status.StatusConditions;
import io.sfintegration.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** An org that stays broken is tried less and less often (no fixed 30 s loop): about 30 tries in its first day (then 24 a day). */
class OrgRetryBackoffTest {

    @Test
    void anOrgFailingForADayIsTriedAboutThirtyTimes() {
        Instant start = Instant.parse("2026-12-01T00:00:00Z");
        MutableClock clock = new MutableClock(start);
        SalesforceOrgReconciler reconciler = new SalesforceOrgReconciler(new io.sfintegration.salesforce.SalesforceClients() {
            @Override
            public io.sfintegration.salesforce.SalesforceClient forOrg(io.sfintegration.api.v1alpha1.SalesforceOrg org) {
                throw new AssertionError("no call expected");
            }

            @Override
            public void forget(io.sfintegration.api.v1alpha1.SalesforceOrg org) {
            }
        }, new OrgCatalog(clock), null, clock, OrgSettings.defaults());
        SalesforceOrgStatus status = new SalesforceOrgStatus();
        assertThat(reconciler.retryAfter(status)).as("first failure").isEqualTo(Duration.ofSeconds(30));
        new StatusConditions(clock).set(status, 1, ConditionTypes.READY, false, "AuthenticationFailed", "refused");
        int tries = 1;
        Duration longest = Duration.ZERO;
        while (clock.instant().isBefore(start.plus(Duration.ofDays(1)))) {
            Duration next = reconciler.retryAfter(status);
            longest = next.compareTo(longest) > 0 ? next : longest;
            clock.advance(next);
            tries++;
        }
        System.out.printf("SalesforceOrg failing for one simulated day: %d tries (a fixed 30 s retry: 2880)%n", tries);
        assertThat(tries).isLessThanOrEqualTo(35);
        assertThat(longest).isEqualTo(OrgSettings.MAX_RETRY_INTERVAL);
    }
}
