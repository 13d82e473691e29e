package io.sfintegration.emulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Faults injected into REST API calls (never OAuth or admin calls): latency with jitter and spikes, error rates by
 * kind (SERVER_UNAVAILABLE 503, UNABLE_TO_LOCK_ROW on writes, REQUEST_LIMIT_EXCEEDED 403, CONNECTION_DROP before the
 * call is served, CONNECTION_DROP_AFTER_COMMIT on writes: the write is committed and then the connection is closed
 * without an answer, as when a response is lost on the way back), and deterministic "fail the next N calls" rules.
 * Thread-safe.
 */
public final class EmulatorFaults {

    public static final String SERVER_UNAVAILABLE = "SERVER_UNAVAILABLE";
    public static final String UNABLE_TO_LOCK_ROW = "UNABLE_TO_LOCK_ROW";
    public static final String REQUEST_LIMIT_EXCEEDED = "REQUEST_LIMIT_EXCEEDED";
    public static final String CONNECTION_DROP = "CONNECTION_DROP";
    public static final String CONNECTION_DROP_AFTER_COMMIT = "CONNECTION_DROP_AFTER_COMMIT";

    private record FailNext(AtomicInteger remaining, String errorCode, String path) {
    }

    private volatile long latencyMs;
    private volatile long jitterMs;
    private volatile double spikeProbability;
    private volatile long spikeMs;
    private final Map<String, Double> errorRates = new ConcurrentHashMap<>();
    private final java.util.List<FailNext> failNext = new java.util.concurrent.CopyOnWriteArrayList<>();

    public void latency(long ms, long jitter) {
        this.latencyMs = ms;
        this.jitterMs = jitter;
    }

    public void latencySpike(double probability, long ms) {
        this.spikeProbability = probability;
        this.spikeMs = ms;
    }

    public void errorRate(String kind, double rate) {
        errorRates.put(kind, rate);
    }

    public void failNext(int count, String errorCode, String pathContains) {
        failNext.add(new FailNext(new AtomicInteger(count), errorCode, pathContains == null ? "" : pathContains));
    }

    public void clear() {
        latencyMs = 0;
        jitterMs = 0;
        spikeProbability = 0;
        spikeMs = 0;
        errorRates.clear();
        failNext.clear();
    }

    long delayMs() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long d = latencyMs + (jitterMs > 0 ? r.nextLong(jitterMs + 1) : 0);
        if (spikeProbability > 0 && r.nextDouble() < spikeProbability) {
            d += spikeMs;
        }
        return d;
    }

    /** The fault to inject into this call, or null. */
    String pick(String path, boolean write) {
        if (!failNext.isEmpty()) {
            for (FailNext f : failNext) {
                if (f.errorCode().equals(CONNECTION_DROP_AFTER_COMMIT) && !write) {
                    continue;
                }
                if (path.contains(f.path()) && f.remaining().getAndDecrement() > 0) {
                    return f.errorCode();
                }
            }
            // removeIf locks the list even when nothing goes: only pay for it when there are rules
            failNext.removeIf(f -> f.remaining().get() <= 0);
        }
        if (errorRates.isEmpty()) {
            return null;
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        for (Map.Entry<String, Double> e : errorRates.entrySet()) {
            if ((e.getKey().equals(UNABLE_TO_LOCK_ROW) || e.getKey().equals(CONNECTION_DROP_AFTER_COMMIT)) && !write) {
                continue;
            }
            if (e.getValue() > 0 && r.nextDouble() < e.getValue()) {
                return e.getKey();
            }
        }
        return null;
    }
}
