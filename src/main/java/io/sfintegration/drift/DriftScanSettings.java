package io.sfintegration.drift;

import java.time.Duration;
import java.util.Set;

/**
 * @param defaultInterval  used when an org's spec.drift.interval is missing or malformed
 * @param fullReadEvery    a full read at least every this many scans, even when the change probe says nothing changed
 *                         (SetupAuditTrail does not record every change, e.g. some made through the API)
 * @param tick             how often the scheduler looks for orgs whose scan is due
 * @param initialDelay     delay before the first look after start
 * @param probeOverlap     how far before the previous scan's start the change probe looks back: the probe compares the
 *                         operator's clock with Salesforce's timestamps (second precision), so skew between the two
 *                         clocks, or a change stamped just before the previous scan started, would otherwise stay
 *                         hidden until the backstop full read
 * @param namespaces       namespaces whose orgs are scanned; empty means all
 */
public record DriftScanSettings(Duration defaultInterval, int fullReadEvery, Duration tick, Duration initialDelay,
                                Duration probeOverlap, Set<String> namespaces) {

    public DriftScanSettings {
        if (probeOverlap == null || probeOverlap.isNegative()) {
            throw new IllegalArgumentException("probeOverlap must be zero or positive");
        }
        if (fullReadEvery < 1) {
            throw new IllegalArgumentException("fullReadEvery must be at least 1");
        }
        namespaces = namespaces == null ? Set.of() : Set.copyOf(namespaces);
    }

    /**
     * One minute of overlap: far more than NTP-synchronised clocks disagree by, and cheap, since a change inside the
     * overlap costs at most one extra full read (the next scan sees it again).
     */
    public static final Duration DEFAULT_PROBE_OVERLAP = Duration.ofMinutes(1);

    public static DriftScanSettings defaults() {
        return new DriftScanSettings(Duration.ofMinutes(10), 6, Duration.ofSeconds(10), Duration.ofSeconds(30),
                DEFAULT_PROBE_OVERLAP, Set.of());
    }

    public DriftScanSettings withFullReadEvery(int n) {
        return new DriftScanSettings(defaultInterval, n, tick, initialDelay, probeOverlap, namespaces);
    }

    public DriftScanSettings withProbeOverlap(Duration overlap) {
        return new DriftScanSettings(defaultInterval, fullReadEvery, tick, initialDelay, overlap, namespaces);
    }

    public DriftScanSettings withNamespaces(Set<String> watched) {
        return new DriftScanSettings(defaultInterval, fullReadEvery, tick, initialDelay, probeOverlap, watched);
    }

    public DriftScanSettings withTick(Duration initialDelay, Duration tick) {
        return new DriftScanSettings(defaultInterval, fullReadEvery, tick, initialDelay, probeOverlap, namespaces);
    }
}
