package io.sfintegration.controller.org;

import java.time.Duration;

/**
 * @param refreshInterval how often a Ready org's usage and licence capacity are re-read (one API call each time)
 * @param retryInterval   how soon an org that is not Ready is tried again the first time; later tries wait about as
 *                        long as the org has been failing, up to {@link #maxRetryInterval()}
 */
public record OrgSettings(Duration refreshInterval, Duration retryInterval) {

    /** The longest an org that is not Ready waits between two tries. */
    public static final Duration MAX_RETRY_INTERVAL = Duration.ofHours(1);

    public static OrgSettings defaults() {
        return new OrgSettings(Duration.ofMinutes(10), Duration.ofSeconds(30));
    }

    public Duration maxRetryInterval() {
        return retryInterval.compareTo(MAX_RETRY_INTERVAL) > 0 ? retryInterval : MAX_RETRY_INTERVAL;
    }
}
