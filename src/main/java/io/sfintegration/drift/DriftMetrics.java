package io.sfintegration.drift;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The drift scan's Prometheus metrics. Besides the tags the names promise, each carries the org's namespace, because
 * org names are only unique within a namespace.
 * <ul>
 * <li>{@code sfio_drift_resources{namespace,org,kind}}: drifted resources (gauge, read from the {@link DriftReport})</li>
 * <li>{@code sfio_drift_scans_total{namespace,org,result}}: scans by result full|skipped|throttled|failed</li>
 * <li>{@code sfio_drift_scan_duration_seconds{namespace,org}}: scan duration (timer)</li>
 * <li>{@code sfio_drift_scan_api_calls_total{namespace,org}}: Salesforce API calls spent on scans</li>
 * <li>{@code sfio_integration_users_unused{namespace,org}}: IntegrationUsers with no login for their spec.unusedAfter</li>
 * <li>{@code sfio_integration_users_risky{namespace,org,finding}}: IntegrationUsers with a risky finding (admin profile,
 * full licence, ModifyAllData, password never expires)</li>
 * </ul>
 */
final class DriftMetrics {

    static final String RESOURCES = "sfio_drift_resources";
    static final String SCANS = "sfio_drift_scans_total";
    static final String DURATION = "sfio_drift_scan_duration_seconds";
    static final String API_CALLS = "sfio_drift_scan_api_calls_total";
    static final String UNUSED = "sfio_integration_users_unused";
    static final String RISKY = "sfio_integration_users_risky";
    static final Set<String> KINDS = Set.of(DriftFinding.KIND_USER, DriftFinding.KIND_PERMISSION_SET);

    private final MeterRegistry registry;
    private final DriftReport report;
    private final Set<String> gauges = ConcurrentHashMap.newKeySet();

    DriftMetrics(MeterRegistry registry, DriftReport report) {
        this.registry = registry;
        this.report = report;
    }

    /** Registers the org's gauges once, so they read 0 before anything drifts. */
    void orgSeen(String namespace, String org) {
        for (String kind : KINDS) {
            if (gauges.add(namespace + "/" + org + "/" + kind)) {
                Gauge.builder(RESOURCES, report, r -> r.count(namespace, org, kind))
                        .description("Resources whose Salesforce counterpart differs from the spec")
                        .tags("namespace", namespace, "org", org, "kind", kind)
                        .register(registry);
            }
        }
        if (gauges.add(namespace + "/" + org + "/" + UNUSED)) {
            Gauge.builder(UNUSED, report, r -> r.unused(namespace, org))
                    .description("IntegrationUsers that have not logged in for their spec.unusedAfter")
                    .tags("namespace", namespace, "org", org).register(registry);
            for (String finding : io.sfintegration.controller.findings.UserFindings.KINDS) {
                Gauge.builder(RISKY, report, r -> r.risky(namespace, org, finding))
                        .description("IntegrationUsers with a risky finding")
                        .tags("namespace", namespace, "org", org, "finding", finding).register(registry);
            }
        }
    }

    void scanned(String namespace, String org, ScanOutcome outcome, Duration duration, long apiCalls) {
        if (outcome == ScanOutcome.NOT_READY) {
            return;
        }
        Counter.builder(SCANS).description("Drift scans by result")
                .tags("namespace", namespace, "org", org, "result", outcome.tag()).register(registry).increment();
        Timer.builder(DURATION).description("Duration of drift scans")
                .tags("namespace", namespace, "org", org).register(registry).record(duration);
        Counter.builder(API_CALLS).description("Salesforce API calls spent on drift scans")
                .tags("namespace", namespace, "org", org).register(registry).increment(apiCalls);
    }
}
