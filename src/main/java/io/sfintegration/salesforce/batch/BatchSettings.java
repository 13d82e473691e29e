package io.sfintegration.salesforce.batch;

import java.time.Duration;
import java.util.Objects;

/**
 * When a {@link MicroBatcher} closes a batch.
 * <p>
 * Policy: a batch is flushed at once when it holds {@code maxBatchSize} items. Otherwise it is flushed once no new
 * item has arrived for {@code lingerWhenIdle} (the linger starts with the first item and is extended by every
 * arrival), but never later than {@code maxWait} after its first item. So a lone call waits about
 * {@code lingerWhenIdle}, and a burst is gathered for up to {@code maxWait}.
 *
 * @param maxBatchSize   items per delegate call; 200 matches an sObject collection request
 * @param maxWait        the longest the first item of a batch waits before the batch is flushed
 * @param lingerWhenIdle how long a batch stays open after its latest arrival
 */
public record BatchSettings(int maxBatchSize, Duration maxWait, Duration lingerWhenIdle) {

    public static final int DEFAULT_MAX_BATCH_SIZE = 200;
    /**
     * Resources reach the operator at the pace of the Kubernetes API (tens per second when kubectl or Argo CD applies
     * many at once): a window of a second gathers a few dozen users into one lookup and one provisioning call.
     */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(1);
    /**
     * Long enough that arrivals tens of milliseconds apart keep a batch open (the chance that no arrival comes within
     * the linger falls exponentially with it), short enough that a lone change waits a tenth of a second per call.
     */
    public static final Duration DEFAULT_LINGER_WHEN_IDLE = Duration.ofMillis(100);

    public BatchSettings {
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(lingerWhenIdle, "lingerWhenIdle");
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be at least 1, was " + maxBatchSize);
        }
        if (maxWait.isNegative() || lingerWhenIdle.isNegative()) {
            throw new IllegalArgumentException("maxWait and lingerWhenIdle must not be negative");
        }
        if (lingerWhenIdle.compareTo(maxWait) > 0) {
            lingerWhenIdle = maxWait;
        }
    }

    public static BatchSettings defaults() {
        return new BatchSettings(DEFAULT_MAX_BATCH_SIZE, DEFAULT_MAX_WAIT, DEFAULT_LINGER_WHEN_IDLE);
    }

    public BatchSettings withMaxBatchSize(int size) {
        return new BatchSettings(size, maxWait, lingerWhenIdle);
    }

    public BatchSettings withMaxWait(Duration wait) {
        return new BatchSettings(maxBatchSize, wait, lingerWhenIdle);
    }

    public BatchSettings withLingerWhenIdle(Duration linger) {
        return new BatchSettings(maxBatchSize, maxWait, linger);
    }
}
