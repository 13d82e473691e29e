package io.sfintegration.controller.user;

import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.OrgDefaults;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.salesforce.License;
import io.sfintegration.salesforce.LicenseKind;
import io.sfintegration.salesforce.OrgSnapshot;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Licence capacity before activating a user: Salesforce would refuse with LICENSE_LIMIT_EXCEEDED, so a user waits
 * with backoff instead of hammering the API. The snapshot is re-read at most every 30 s per org, however many users wait.
 */
final class SeatCheck {

    static final Duration REFRESH = Duration.ofSeconds(30);
    static final Duration MIN_WAIT = Duration.ofSeconds(15);
    static final Duration MAX_WAIT = Duration.ofMinutes(5);

    private final OrgCatalog catalog;
    private final Clock clock;

    SeatCheck(OrgCatalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** Empty when a seat is free (or the licence is not tracked), else the outcome to report. */
    Optional<ConvergenceOutcome> noSeat(OrgAccess org, String userLicenseName, Instant waitingSince) {
        Optional<License> license = org.snapshot().license(LicenseKind.USER, userLicenseName);
        if (license.isEmpty() || license.get().available() > 0) {
            return Optional.empty();
        }
        OrgSnapshot fresh = catalog.refreshIfOlderThan(org.key(), REFRESH,
                () -> org.client().describeOrg(OrgDefaults.WATCHED_LICENSES, OrgDefaults.WATCHED_PROFILES));
        license = fresh.license(LicenseKind.USER, userLicenseName);
        if (license.isEmpty() || license.get().available() > 0) {
            return Optional.empty();
        }
        return Optional.of(limitExceeded(license.get().name(), license.get().total(), license.get().used(), waitingSince));
    }

    ConvergenceOutcome limitExceeded(String licenseName, int total, int used, Instant waitingSince) {
        Duration wait = backoff(waitingSince);
        return ConvergenceOutcome.failed(Reasons.LICENSE_LIMIT_EXCEEDED, "No " + licenseName + " seat is free: " + used + " of "
                + total + " are used. Deactivate another integration user or buy more seats; the operator retries with backoff and proceeds when a seat frees up.", wait);
    }

    /** Waits about as long as the user has already been waiting, between 15 s and 5 min. */
    Duration backoff(Instant waitingSince) {
        if (waitingSince == null) {
            return MIN_WAIT;
        }
        Duration waited = Duration.between(waitingSince, clock.instant());
        if (waited.compareTo(MIN_WAIT) < 0) {
            return MIN_WAIT;
        }
        return waited.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : waited;
    }
}
