package io.sfintegration.drift;

import java.time.Duration;
import java.time.Instant;

/** What the scanner remembers about one org between scans. Guarded by its own monitor: one scan of an org at a time. */
final class OrgScanState {
    /** Start of the last scan that completed (full or skipped): the next change probe asks "since then". */
    Instant lastScanStart;
    Instant lastFullScan;
    int scansSinceFull;
    /** The stretched interval while the API budget is short; null at the spec's interval. */
    Duration stretchedInterval;
    Instant nextDue;
}
