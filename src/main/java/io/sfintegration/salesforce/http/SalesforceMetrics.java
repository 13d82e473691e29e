package io.sfintegration.salesforce.http;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.sfintegration.salesforce.ApiLimit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Per-org meters, tag {@code org=<namespace>/<name>}. Prometheus names: sfio_salesforce_calls_total{resource,outcome},
 * sfio_salesforce_retries_total, sfio_salesforce_failures_total, sfio_salesforce_api_budget_remaining,
 * sfio_salesforce_api_usage_used, sfio_salesforce_api_usage_max, sfio_salesforce_circuit_state (0 closed, 1 open,
 * 2 half-open, 3 other).
 */
final class SalesforceMetrics {

    static final String CALLS = "sfio.salesforce.calls";
    static final String RETRIES = "sfio.salesforce.retries";
    static final String FAILURES = "sfio.salesforce.failures";
    static final String BUDGET_REMAINING = "sfio.salesforce.api.budget.remaining";
    static final String USAGE_USED = "sfio.salesforce.api.usage.used";
    static final String USAGE_MAX = "sfio.salesforce.api.usage.max";
    static final String CIRCUIT_STATE = "sfio.salesforce.circuit.state";

    private final MeterRegistry registry;
    private final String org;
    private final Counter retries;
    private final List<Meter.Id> registered = new ArrayList<>();

    SalesforceMetrics(MeterRegistry registry, String org, ApiUsageMeter usage, IntSupplier maxDailyPercent,
                      CircuitBreaker circuitBreaker) {
        this.registry = registry;
        this.org = org;
        this.retries = track(Counter.builder(RETRIES).description("Salesforce calls retried after a transient failure")
                .tag("org", org).register(registry));
        track(Gauge.builder(BUDGET_REMAINING, usage, u -> u.budgetRemaining(maxDailyPercent.getAsInt()))
                .description("API calls left in the operator's share of the org's daily allocation")
                .tag("org", org).register(registry));
        track(Gauge.builder(USAGE_USED, usage, u -> value(u.lastKnown(), true))
                .description("The org's API usage in the rolling 24 hours as Salesforce reports it")
                .tag("org", org).register(registry));
        track(Gauge.builder(USAGE_MAX, usage, u -> value(u.lastKnown(), false))
                .description("The org's daily API allocation").tag("org", org).register(registry));
        track(Gauge.builder(CIRCUIT_STATE, circuitBreaker, SalesforceMetrics::state)
                .description("Circuit breaker state: 0 closed, 1 open, 2 half-open, 3 other")
                .tag("org", org).register(registry));
    }

    void call(String resource, String outcome) {
        track(Counter.builder(CALLS).description("HTTP calls to Salesforce")
                .tags(Tags.of("org", org, "resource", resource, "outcome", outcome)).register(registry)).increment();
    }

    void retry() {
        retries.increment();
    }

    void failure(String resource, String reason) {
        track(Counter.builder(FAILURES).description("Salesforce calls that failed after retries")
                .tags(Tags.of("org", org, "resource", resource, "reason", reason)).register(registry)).increment();
    }

    /** Removes this org's meters (the org was deleted). */
    synchronized void remove() {
        registered.forEach(registry::remove);
        registered.clear();
    }

    private synchronized <M extends Meter> M track(M meter) {
        if (!registered.contains(meter.getId())) {
            registered.add(meter.getId());
        }
        return meter;
    }

    private static double value(ApiLimit limit, boolean used) {
        return limit == null ? Double.NaN : used ? limit.used() : limit.max();
    }

    private static double state(CircuitBreaker breaker) {
        return switch (breaker.getState()) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        };
    }
}
