package io.sfintegration.drift;

import java.util.Locale;

/** How a scan ended; the lower-case name is the metric's result tag. */
public enum ScanOutcome {
    /** Everything managed in the org was read and compared. */
    FULL,
    /** The change probe found nothing new: the scan cost one call. */
    SKIPPED,
    /** The operator's API budget for background work is used up; the interval was stretched. */
    THROTTLED,
    /** Salesforce or Kubernetes failed; the next scan tries again. */
    FAILED,
    /** The org does not exist or is not Ready; nothing was called. */
    NOT_READY;

    public String tag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
