package io.sfintegration.emulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * API calls as Salesforce counts them (one per REST request; a composite or collection request is one call; OAuth
 * is not counted), the calls that wrote anything, and calls per resource. Also the rolling daily usage.
 */
public final class ApiCounters {

    /** A snapshot: apiCalls, writeCalls and calls by resource. */
    public record Snapshot(long apiCalls, long writeCalls, Map<String, Long> byResource) {
    }

    private final LongAdder apiCalls = new LongAdder();
    private final LongAdder writeCalls = new LongAdder();
    private final Map<String, LongAdder> byResource = new ConcurrentHashMap<>();
    private final AtomicLong dailyUsed = new AtomicLong();
    private volatile long dailyMax;

    ApiCounters(long dailyMax) {
        this.dailyMax = dailyMax;
    }

    /** Counts one call against the allocation; false when the allocation is already used up. */
    boolean admit() {
        while (true) {
            long used = dailyUsed.get();
            if (used >= dailyMax) {
                return false;
            }
            if (dailyUsed.compareAndSet(used, used + 1)) {
                apiCalls.increment();
                return true;
            }
        }
    }

    void resource(String resource, boolean write) {
        byResource.computeIfAbsent(resource, k -> new LongAdder()).increment();
        if (write) {
            writeCalls.increment();
        }
    }

    public Snapshot snapshot() {
        Map<String, Long> resources = new TreeMap<>();
        byResource.forEach((k, v) -> resources.put(k, v.sum()));
        return new Snapshot(apiCalls.sum(), writeCalls.sum(), resources);
    }

    public void reset() {
        apiCalls.reset();
        writeCalls.reset();
        byResource.clear();
    }

    public long dailyUsed() {
        return dailyUsed.get();
    }

    public long dailyMax() {
        return dailyMax;
    }

    public void setUsage(long used, long max) {
        dailyUsed.set(used);
        dailyMax = max;
    }
}
