package io.sfintegration.salesforce.http;

import java.time.Duration;

/**
 * Timeouts and resilience knobs for every org's client.
 *
 * @param maxAttempts           attempts per call including the first (retryable failures only)
 * @param jitter                randomization factor of the exponential backoff (0..1)
 * @param failureRateThreshold  percent of transient failures in the sliding window that opens an org's circuit
 * @param openStateWait         how long an open circuit refuses calls before letting a few through (half-open)
 * @param maxConcurrentCalls    bulkhead: concurrent calls per org
 * @param maxCallsPerSecond     rate limiter ceiling per org
 * @param minCallsPerSecond     rate limiter floor, even when the org's allocation is nearly used up
 * @param allocationHorizon     the rate limiter never lets the org's remaining allocation be spent faster than this
 */
public record ResilienceSettings(Duration connectTimeout, Duration requestTimeout,
                                 int maxAttempts, Duration initialBackoff, double backoffMultiplier, double jitter,
                                 Duration maxBackoff,
                                 float failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
                                 Duration openStateWait, int halfOpenCalls,
                                 int maxConcurrentCalls, Duration bulkheadMaxWait,
                                 int maxCallsPerSecond, int minCallsPerSecond, Duration allocationHorizon,
                                 Duration rateLimiterMaxWait) {

    public static ResilienceSettings defaults() {
        return new ResilienceSettings(Duration.ofSeconds(10), Duration.ofSeconds(60),
                4, Duration.ofMillis(200), 2.0, 0.5, Duration.ofSeconds(10),
                50f, 20, 10, Duration.ofSeconds(30), 3,
                10, Duration.ofSeconds(30),
                100, 1, Duration.ofMinutes(15), Duration.ofSeconds(30));
    }

    public ResilienceSettings withRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        return new ResilienceSettings(connectTimeout, requestTimeout, maxAttempts, initialBackoff, backoffMultiplier, jitter,
                maxBackoff, failureRateThreshold, slidingWindowSize, minimumNumberOfCalls, openStateWait, halfOpenCalls,
                maxConcurrentCalls, bulkheadMaxWait, maxCallsPerSecond, minCallsPerSecond, allocationHorizon,
                rateLimiterMaxWait);
    }

    public ResilienceSettings withCircuitBreaker(float failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
                                                 Duration openStateWait, int halfOpenCalls) {
        return new ResilienceSettings(connectTimeout, requestTimeout, maxAttempts, initialBackoff, backoffMultiplier, jitter,
                maxBackoff, failureRateThreshold, slidingWindowSize, minimumNumberOfCalls, openStateWait, halfOpenCalls,
                maxConcurrentCalls, bulkheadMaxWait, maxCallsPerSecond, minCallsPerSecond, allocationHorizon,
                rateLimiterMaxWait);
    }

    public ResilienceSettings withTimeouts(Duration connectTimeout, Duration requestTimeout) {
        return new ResilienceSettings(connectTimeout, requestTimeout, maxAttempts, initialBackoff, backoffMultiplier, jitter,
                maxBackoff, failureRateThreshold, slidingWindowSize, minimumNumberOfCalls, openStateWait, halfOpenCalls,
                maxConcurrentCalls, bulkheadMaxWait, maxCallsPerSecond, minCallsPerSecond, allocationHorizon,
                rateLimiterMaxWait);
    }

    public ResilienceSettings withRateLimit(int maxCallsPerSecond, int minCallsPerSecond, Duration allocationHorizon) {
        return new ResilienceSettings(connectTimeout, requestTimeout, maxAttempts, initialBackoff, backoffMultiplier, jitter,
                maxBackoff, failureRateThreshold, slidingWindowSize, minimumNumberOfCalls, openStateWait, halfOpenCalls,
                maxConcurrentCalls, bulkheadMaxWait, maxCallsPerSecond, minCallsPerSecond, allocationHorizon,
                rateLimiterMaxWait);
    }
}
