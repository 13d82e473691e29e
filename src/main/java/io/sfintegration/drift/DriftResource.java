package io.sfintegration.drift;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The cluster-wide drift view: {@code GET /api/v1/drift} lists every drifted resource across namespaces and orgs with
 * its differences, the orphans found in each org, and how each org's scans go. Times are RFC 3339 strings.
 */
@Path("/api/v1/drift")
public class DriftResource {

    public record DriftedView(String kind, String namespace, String name, String org, List<String> differences,
                              String changedBy, String changedAt, String detectedAt, String policy,
                              boolean correctionRequested) {
    }

    public record OrphansView(String namespace, String org, List<DriftReport.Orphan> users,
                              List<DriftReport.Orphan> permissionSets) {
    }

    public record ScanView(String namespace, String org, String lastScan, String lastOutcome, String effectiveInterval,
                           boolean throttled, long lastScanApiCalls, String lastFullScan, String message) {
    }

    public record ReportView(String generatedAt, int driftedCount, List<DriftedView> drifted, List<OrphansView> orphans,
                             List<DriftReport.UnmanagedAssignments> unmanagedAssignments, List<ScanView> orgs,
                             List<DriftReport.UserUsage> integrationUsers) {
    }

    private final DriftReport report;
    private final Clock clock;

    @Inject
    public DriftResource(DriftReport report) {
        this(report, Clock.systemUTC());
    }

    public DriftResource(DriftReport report, Clock clock) {
        this.report = report;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ReportView get() {
        List<DriftReport.OrgDrift> orgs = report.orgs();
        List<DriftedView> drifted = report.drifted().stream().map(d -> new DriftedView(d.kind(), d.namespace(), d.name(),
                d.org(), d.differences(), d.changedBy(), text(d.changedAt()), text(d.detectedAt()),
                d.policy() == null ? null : d.policy().name(), d.correctionRequested())).toList();
        List<OrphansView> orphans = orgs.stream().filter(o -> !o.orphans().isEmpty())
                .map(o -> new OrphansView(o.namespace(), o.org(),
                        o.orphans().stream().filter(x -> OrphanFinder.USER.equals(x.type())).toList(),
                        o.orphans().stream().filter(x -> OrphanFinder.PERMISSION_SET.equals(x.type())).toList()))
                .toList();
        List<DriftReport.UnmanagedAssignments> unmanaged = orgs.stream().flatMap(o -> o.unmanagedAssignments().stream()).toList();
        List<ScanView> scans = orgs.stream().filter(o -> o.scan() != null).map(o -> o.scan()).map(s -> new ScanView(
                s.namespace(), s.org(), text(s.lastScan()), s.lastOutcome() == null ? null : s.lastOutcome().tag(),
                s.effectiveInterval(), s.throttled(), s.lastScanApiCalls(), text(s.lastFullScan()), s.lastMessage())).toList();
        return new ReportView(Instant.now(clock).toString(), drifted.size(), drifted, orphans, unmanaged, scans, report.usage());
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
