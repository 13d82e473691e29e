package io.sfintegration.drift;

import java.time.Duration;

/**
 * What one scan of one org did.
 *
 * @param resourcesChecked IntegrationUsers and PermissionSets compared with Salesforce (0 unless full)
 * @param drifted          of those, how many differ
 * @param orphans          integration-licensed users and licensed permission sets no resource claims
 * @param apiCalls         Salesforce API calls the scan made (apiCallsMade before and after)
 * @param message          why it failed or was throttled; empty otherwise
 */
public record ScanResult(String namespace, String org, ScanOutcome outcome, int resourcesChecked, int drifted,
                         int orphans, long apiCalls, Duration duration, String message) {

    public boolean full() {
        return outcome == ScanOutcome.FULL;
    }
}
