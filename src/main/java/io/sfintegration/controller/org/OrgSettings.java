package io.sfintegration.controller.org;

import java.time.Duration;

/**
 * @param refreshInterval how often a Ready org's usage and licence capacity are re-read (one API call each time)
 * @param retryInterval   how soon an org that is not Ready is tried again
 */
public record OrgSettings(Duration refreshInterval, Duration retryInterval) {
    public static OrgSettings defaults() {
        return new OrgSettings(Duration.ofMinutes(10), Duration.ofSeconds(30));
    }
}
