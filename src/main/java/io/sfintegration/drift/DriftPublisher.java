package io.sfintegration.drift;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.MeterRegistry;
import io.sfintegration.api.v1alpha1.DriftPolicy;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.ResyncRequests;
import io.sfintegration.controller.findings.UserFindings;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.salesforce.AuditEntry;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes what the scans found and did: the resources' Drifted condition and usage findings
 * ({@link DriftStatusWriter}), the org's lastDriftScan and effectiveDriftInterval, Events, drift-correction requests
 * to the controllers ({@link ResyncRequests}; nothing here writes to Salesforce), the {@link DriftReport} and the
 * metrics ({@link DriftMetrics}). Everything it writes is written only when it changes.
 */
final class DriftPublisher {

    static final String EVENT_THROTTLED = "DriftScanThrottled";
    static final String EVENT_RESUMED = "DriftScanResumed";
    static final int MAX_MESSAGE = 4000;

    private static final Logger LOG = Logger.getLogger(DriftPublisher.class);

    private final DriftStatusWriter writer;
    private final EventRecorder events;
    private final ResyncRequests resync;
    private final DriftReport report;
    private final DriftMetrics metrics;
    private final ScannedResources resources;
    private final Clock clock;

    DriftPublisher(KubernetesClient kube, EventRecorder events, ResyncRequests resync, DriftReport report,
                   MeterRegistry meters, ScannedResources resources, Clock clock) {
        this.writer = new DriftStatusWriter(kube, clock);
        this.metrics = new DriftMetrics(meters, report);
        this.events = events;
        this.resync = resync;
        this.report = report;
        this.resources = resources;
        this.clock = clock;
    }

    /** Before the org's first scan: registers its gauges, so they read 0 before anything drifts. */
    void orgSeen(SalesforceOrg org) {
        metrics.orgSeen(DriftReport.namespaceOf(org), org.getMetadata().getName());
    }

    /** A full read's findings: usage, Drifted conditions, Events, correction requests and the report. */
    void findings(SalesforceOrg org, OrgFindings findings, Instant scannedAt) {
        usage(org, findings.seenUsers());
        drift(org, findings, scannedAt);
    }

    void throttled(SalesforceOrg org, String why, Duration stretched, Duration spec) {
        events.warning(resources.eventTarget(org), EVENT_THROTTLED, "The operator's API budget for background work is used up (" + why
                + "); drift scans now run every " + DriftIntervals.format(stretched) + " instead of "
                + DriftIntervals.format(spec) + ".");
    }

    void resumed(SalesforceOrg org, Duration spec) {
        events.normal(resources.eventTarget(org), EVENT_RESUMED, "The API budget allows drift scans again; back to every " + DriftIntervals.format(spec) + ".");
    }

    /**
     * The scan itself, whatever its outcome: the org's status, the report's scan entry and the metrics.
     *
     * @param state the org's state after the scan (stretched interval, last full read)
     */
    void scanned(SalesforceOrg org, ScanResult result, Instant started, Duration interval, OrgScanState state) {
        String namespace = result.namespace();
        String name = result.org();
        String effective = DriftIntervals.format(interval);
        try {
            boolean completed = result.outcome() == ScanOutcome.FULL || result.outcome() == ScanOutcome.SKIPPED;
            writer.orgScanned(org, completed ? clock.instant().truncatedTo(ChronoUnit.SECONDS).toString() : null, effective);
        } catch (KubernetesClientException e) {
            LOG.debugf("could not write drift scan status of SalesforceOrg %s/%s: %s", namespace, name, e.getMessage());
        }
        report.recordScan(new DriftReport.OrgScanInfo(namespace, name, started, result.outcome(), effective,
                state.stretchedInterval != null, result.apiCalls(), state.lastFullScan, result.message()));
        LOG.debugf("drift scan of %s/%s: %s, %d resources, %d drifted, %d orphans, %d API calls", namespace, name,
                result.outcome(), result.resourcesChecked(), result.drifted(), result.orphans(), result.apiCalls());
        metrics.scanned(namespace, name, result.outcome(), result.duration(), result.apiCalls());
    }

    /** Last login, unused and risky findings from the users the full read already holds; status written at most daily. */
    private void usage(SalesforceOrg org, List<OrgFindings.SeenUser> seen) {
        String orgName = org.getMetadata().getName();
        List<DriftReport.UserUsage> usage = new ArrayList<>();
        for (OrgFindings.SeenUser s : seen) {
            IntegrationUser user = s.user();
            Instant now = clock.instant();
            try {
                writer.userUsage(user, s.state(), now);
            } catch (KubernetesClientException e) {
                LOG.warnf("could not record the last login of %s/%s: %s", user.getMetadata().getNamespace(), user.getMetadata().getName(), e.getMessage());
            }
            Instant last = s.state().user().lastLoginDate();
            usage.add(new DriftReport.UserUsage(user.getMetadata().getNamespace(), user.getMetadata().getName(), orgName,
                    user.getSpec().getUsername(), String.valueOf(user.getSpec().getManagementPolicy()), UserFindings.lastLoginDay(last),
                    UserFindings.unused(last, user.getSpec().unusedAfterDays(), now), UserFindings.risky(s.state())));
        }
        report.replaceUsage(DriftReport.namespaceOf(org), orgName, usage);
    }

    private void drift(SalesforceOrg org, OrgFindings findings, Instant scannedAt) {
        String namespace = DriftReport.namespaceOf(org);
        String orgName = org.getMetadata().getName();
        Map<String, DriftReport.DriftedResource> previous = new LinkedHashMap<>();
        report.org(namespace, orgName).ifPresent(o -> o.drifted().forEach(d -> previous.put(d.kind() + "/" + d.name(), d)));
        List<DriftReport.DriftedResource> entries = new ArrayList<>();
        for (DriftFinding f : findings.drifted()) {
            String name = f.resource().getMetadata().getName();
            DriftReport.DriftedResource before = previous.get(f.kind() + "/" + name);
            // a drift seen again keeps who changed it and when it was first seen, so its message stays the same
            String changedBy = f.changedBy().map(AuditEntry::createdByUsername).orElse(before == null ? null : before.changedBy());
            Instant changedAt = f.changedBy().map(AuditEntry::createdDate).orElse(before == null ? null : before.changedAt());
            Instant detectedAt = before != null && before.differences().equals(f.differences()) ? before.detectedAt() : scannedAt;
            boolean correct = f.corrects();
            String message = message(f, changedBy, changedAt);
            String reason = f.holds() ? Reasons.ACCESS_REMOVED_IN_SALESFORCE : Reasons.DRIFT_DETECTED;
            try {
                if (markDrifted(f, reason, message)) {
                    events.warning(f.resource(), reason, message);
                }
                if (correct) {
                    resync.request(f.resource().getClass(), ResourceID.fromResource(f.resource()), f.holds());
                } else if (f.observed() && (before == null || !before.differences().equals(f.differences()))) {
                    resync.refresh(f.resource().getClass(), ResourceID.fromResource(f.resource()));
                }
            } catch (KubernetesClientException e) {
                LOG.warnf("could not record drift of %s %s/%s: %s", f.kind(), f.resource().getMetadata().getNamespace(), name, e.getMessage());
            }
            entries.add(new DriftReport.DriftedResource(f.kind(), f.resource().getMetadata().getNamespace(), name, orgName, f.differences(), changedBy,
                    changedAt, detectedAt, f.policy(), correct));
        }
        for (DriftFinding f : findings.resolved()) {
            try {
                if (markNoDrift(f)) {
                    events.normal(f.resource(), Reasons.NO_DRIFT, "Salesforce matches the spec again");
                }
                if (f.observed()) {
                    resync.refresh(f.resource().getClass(), ResourceID.fromResource(f.resource()));
                }
            } catch (KubernetesClientException e) {
                LOG.warnf("could not clear drift of %s %s/%s: %s", f.kind(), namespace, f.resource().getMetadata().getName(), e.getMessage());
            }
        }
        report.replaceFindings(namespace, orgName, entries, findings.orphans(), findings.unmanaged());
    }

    private boolean markDrifted(DriftFinding f, String reason, String message) {
        if (f.resource() instanceof IntegrationUser u) {
            return writer.markDrifted(IntegrationUser.class, u, reason, message);
        }
        return writer.markDrifted(PermissionSet.class, (PermissionSet) f.resource(), reason, message);
    }

    private boolean markNoDrift(DriftFinding f) {
        String message = "Salesforce matches the spec again (seen at " + clock.instant().truncatedTo(ChronoUnit.SECONDS) + ").";
        if (f.resource() instanceof IntegrationUser u) {
            return writer.markNoDrift(IntegrationUser.class, u, message);
        }
        return writer.markNoDrift(PermissionSet.class, (PermissionSet) f.resource(), message);
    }

    static String message(DriftFinding f, String changedBy, Instant changedAt) {
        StringBuilder m = new StringBuilder();
        if (f.holds()) {
            m.append("Access was removed in Salesforce: ").append(String.join("; ", f.split().removed())).append('.');
        } else {
            m.append("Salesforce differs from the spec: ").append(String.join("; ", f.differences())).append('.');
        }
        if (changedBy != null) {
            m.append(" Changed by ").append(changedBy);
            if (changedAt != null) {
                m.append(" at ").append(changedAt.truncatedTo(ChronoUnit.SECONDS));
            }
            m.append('.');
        }
        if (f.holds()) {
            m.append(" spec.drift.restoreAccess is false: the operator does not restore it.");
            if (!f.split().others().isEmpty()) {
                m.append(" Other differences: ").append(String.join("; ", f.split().others())).append('.');
            }
        }
        if (!f.holds() || !f.split().others().isEmpty()) {
            m.append(f.policy() == DriftPolicy.Correct ? " Policy Correct: the operator puts it back."
                    : " Policy Report: nothing is written to Salesforce.");
        }
        return DriftStatusWriter.truncateTo(MAX_MESSAGE).apply(m.toString());
    }
}
