package io.sfintegration.salesforce.http;

import io.sfintegration.salesforce.ApiLimit;

import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one org's API allocation looks like: the org-wide usage Salesforce reports in {@code Sforce-Limit-Info:
 * api-usage=N/M} on every response (REST API Developer Guide, "Limits" / "Sforce-Limit-Info header"), and the
 * operator's own calls in a rolling 24 hours, counted in memory in one-minute buckets.
 */
final class ApiUsageMeter {

    private static final Pattern API_USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");
    private static final int MINUTES = 24 * 60;

    private final Clock clock;
    private final long[] buckets = new long[MINUTES];
    private final long[] bucketMinute = new long[MINUTES];
    private volatile ApiLimit last;

    ApiUsageMeter(Clock clock) {
        this.clock = clock;
    }

    void observeHeader(String header) {
        if (header == null) {
            return;
        }
        Matcher m = API_USAGE.matcher(header);
        if (m.find()) {
            last = new ApiLimit(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        }
    }

    void observe(ApiLimit limit) {
        last = limit;
    }

    ApiLimit lastKnown() {
        return last;
    }

    synchronized void recordOwnCall() {
        long minute = clock.millis() / 60_000;
        int slot = (int) (minute % MINUTES);
        if (bucketMinute[slot] != minute) {
            bucketMinute[slot] = minute;
            buckets[slot] = 0;
        }
        buckets[slot]++;
    }

    synchronized long ownCallsInWindow() {
        long now = clock.millis() / 60_000;
        long total = 0;
        for (int i = 0; i < MINUTES; i++) {
            if (now - bucketMinute[i] < MINUTES) {
                total += buckets[i];
            }
        }
        return total;
    }

    /** The operator's share of the allocation not yet spent; NaN before the allocation is known. */
    double budgetRemaining(int maxDailyPercent) {
        ApiLimit limit = last;
        if (limit == null) {
            return Double.NaN;
        }
        return Math.max(0, share(limit, maxDailyPercent) - ownCallsInWindow());
    }

    /**
     * Why background work must not call now, or empty when it may: the operator's own calls reached its share of the
     * allocation, or the org as a whole has less than that share left (other integrations need it more).
     */
    Optional<String> backgroundRefusal(int maxDailyPercent) {
        ApiLimit limit = last;
        if (limit == null) {
            return Optional.empty();
        }
        long share = share(limit, maxDailyPercent);
        long own = ownCallsInWindow();
        if (own >= share) {
            return Optional.of("the operator made " + own + " API calls in the last 24 hours, its share is " + share
                    + " (" + maxDailyPercent + "% of " + limit.max() + ")");
        }
        if (limit.remaining() < share) {
            return Optional.of("the org has " + limit.remaining() + " of " + limit.max()
                    + " API calls left, less than the operator's share of " + share);
        }
        return Optional.empty();
    }

    private static long share(ApiLimit limit, int maxDailyPercent) {
        return limit.max() * maxDailyPercent / 100;
    }
}
