package io.sfintegration.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Issue 7's targets for the drift scan's Salesforce API cost, checked by {@link DriftScanBenchmark} on every run so a
 * regression fails it: a full scan of up to 10,000 managed users costs at most 30 calls, and a scan that finds
 * nothing changed costs at most 1 call per org.
 */
final class DriftScanTargets {

    static final int MAX_USERS_COVERED = 10_000;
    static final long MAX_FULL_SCAN_CALLS = 30;
    static final long MAX_NO_CHANGE_CALLS_PER_ORG = 1;

    private DriftScanTargets() {
    }

    /** What is over target; empty when the figures meet it. */
    static List<String> misses(int users, int orgs, long fullScanCalls, long noChangeScanCalls) {
        List<String> misses = new ArrayList<>();
        if (users <= MAX_USERS_COVERED && fullScanCalls > MAX_FULL_SCAN_CALLS) {
            misses.add("a full scan of " + users + " users cost " + fullScanCalls + " calls (target: at most " + MAX_FULL_SCAN_CALLS + ")");
        }
        if (noChangeScanCalls > MAX_NO_CHANGE_CALLS_PER_ORG * orgs) {
            misses.add("a scan that found nothing changed cost " + noChangeScanCalls + " calls for " + orgs
                    + " org(s) (target: at most " + MAX_NO_CHANGE_CALLS_PER_ORG + " per org)");
        }
        return misses;
    }

    static void require(int users, int orgs, long fullScanCalls, long noChangeScanCalls) {
        List<String> misses = misses(users, orgs, fullScanCalls, noChangeScanCalls);
        if (!misses.isEmpty()) {
            throw new AssertionError("drift scan API cost over issue 7's targets: " + String.join("; ", misses));
        }
    }
}
