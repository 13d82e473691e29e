package io.sfintegration.salesforce.http;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.sfintegration.salesforce.ApiLimit;
import io.sfintegration.salesforce.CallBudgetExceededException;
import io.sfintegration.salesforce.OutcomeUnknownException;
import io.sfintegration.salesforce.SalesforceException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The one resilience decorator around an org's raw HTTP exchange, outermost first:
 * <ol>
 *   <li>bulkhead: at most {@code maxConcurrentCalls} calls per org in flight (backoff sleeps included);</li>
 *   <li>retry: exponential backoff with jitter, for transient failures only (503/500/502/504, UNABLE_TO_LOCK_ROW,
 *       timeouts, connection failures) - never for validation errors, auth failures or REQUEST_LIMIT_EXCEEDED;</li>
 *   <li>circuit breaker per org: opens on the rate of transient failures; permanent errors are ignored, neither
 *       success nor failure; half-opens after {@code openStateWait}, closes after successful trial calls;</li>
 *   <li>rate limiter: calls per second derived from the org's remaining allocation (never spend what is left faster
 *       than {@code allocationHorizon}), between {@code minCallsPerSecond} and {@code maxCallsPerSecond}.</li>
 * </ol>
 * One instance per org lives as long as the org, across credential changes.
 */
final class ResilientExchange {

    private static final Logger LOG = Logger.getLogger(ResilientExchange.class);

    private final String org;
    private final ResilienceSettings settings;
    private final ApiUsageMeter usage;
    private final Bulkhead bulkhead;
    private final Retry retry;
    private final CircuitBreaker circuitBreaker;
    private final RateLimiter rateLimiter;
    private final IntervalFunction backoff;
    private volatile SalesforceMetrics metrics;

    ResilientExchange(String org, ResilienceSettings settings, ApiUsageMeter usage) {
        this.org = org;
        this.settings = settings;
        this.usage = usage;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), settings.backoffMultiplier(),
                settings.jitter(), settings.maxBackoff());
        this.bulkhead = Bulkhead.of(org, BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrentCalls())
                .maxWaitDuration(settings.bulkheadMaxWait())
                .build());
        this.retry = Retry.of(org, RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .intervalFunction(backoff)
                .retryOnException(ResilientExchange::isTransient)
                .build());
        this.circuitBreaker = CircuitBreaker.of(org, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.openStateWait())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .recordException(ResilientExchange::isTransient)
                .ignoreException(e -> !isTransient(e))
                .build());
        this.rateLimiter = RateLimiter.of(org, RateLimiterConfig.custom()
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .limitForPeriod(settings.maxCallsPerSecond())
                .timeoutDuration(settings.rateLimiterMaxWait())
                .build());
        circuitBreaker.getEventPublisher().onStateTransition(event ->
                LOG.warnf("Salesforce circuit for %s: %s", org, event.getStateTransition()));
        retry.getEventPublisher().onRetry(event -> {
            LOG.infof("retrying a Salesforce call for %s in %d ms (attempt %d): %s", org,
                    event.getWaitInterval().toMillis(), event.getNumberOfRetryAttempts(),
                    event.getLastThrowable() == null ? "" : event.getLastThrowable().getMessage());
            SalesforceMetrics m = metrics;
            if (m != null) {
                m.retry();
            }
        });
    }

    void attach(SalesforceMetrics metrics) {
        this.metrics = metrics;
    }

    CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    /** Wraps a raw exchange of this org in the policies. */
    Exchange around(Exchange raw) {
        return request -> call(request.resource(), () -> raw.send(request));
    }

    /** Runs any call to Salesforce under the policies (also used for per-record retries of collections). */
    <T> T call(String resource, Supplier<T> call) {
        Supplier<T> limited = () -> {
            acquirePermit();
            T result = call.get();
            adjustRate();
            return result;
        };
        Supplier<T> guarded = () -> {
            try {
                return CircuitBreaker.decorateSupplier(circuitBreaker, limited).get();
            } catch (CallNotPermittedException e) {
                throw new CircuitOpenException(org);
            }
        };
        try {
            return Bulkhead.decorateSupplier(bulkhead, Retry.decorateSupplier(retry, guarded)).get();
        } catch (BulkheadFullException e) {
            fail(resource, "bulkhead_full");
            throw new ThrottledException("too many concurrent Salesforce calls for " + org);
        } catch (SalesforceException e) {
            fail(resource, reason(e));
            throw e;
        }
    }

    /** The pause before re-sending records that failed transiently inside a successful call (attempt starts at 1). */
    Duration backoff(int attempt) {
        return Duration.ofMillis(backoff.apply(attempt));
    }

    int maxAttempts() {
        return settings.maxAttempts();
    }

    /** Retried by the client: retryable failures that Salesforce answered or the connection caused. */
    static boolean isTransient(Throwable e) {
        return e instanceof SalesforceException se && se.retryable()
                && !(se instanceof CircuitOpenException) && !(se instanceof ThrottledException) && !(se instanceof OutcomeUnknownException)
                && !(se instanceof CallBudgetExceededException);
    }

    private void acquirePermit() {
        try {
            RateLimiter.waitForPermission(rateLimiter);
        } catch (RequestNotPermitted e) {
            throw new ThrottledException("the API call rate for " + org + " is used up for now");
        }
    }

    private void adjustRate() {
        ApiLimit limit = usage.lastKnown();
        if (limit == null) {
            return;
        }
        long horizonSeconds = Math.max(1, settings.allocationHorizon().toSeconds());
        long perSecond = limit.remaining() / horizonSeconds;
        int wanted = (int) Math.max(settings.minCallsPerSecond(), Math.min(settings.maxCallsPerSecond(), perSecond));
        if (rateLimiter.getRateLimiterConfig().getLimitForPeriod() != wanted) {
            rateLimiter.changeLimitForPeriod(wanted);
        }
    }

    private void fail(String resource, String reason) {
        SalesforceMetrics m = metrics;
        if (m != null) {
            m.failure(resource, reason);
        }
    }

    private static String reason(SalesforceException e) {
        if (e instanceof CircuitOpenException) {
            return "circuit_open";
        }
        if (e instanceof ThrottledException) {
            return "throttled";
        }
        if (e instanceof CallBudgetExceededException) {
            return "call_budget";
        }
        if (e.errorCode() != null) {
            return e.errorCode();
        }
        return e.retryable() ? "transient" : "permanent";
    }
}
