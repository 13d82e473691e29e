package io.sfintegration.drift;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.ResyncRequests;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.salesforce.SalesforceClient;
import io.sfintegration.salesforce.SalesforceClients;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Schedules the drift scans: scans each Ready SalesforceOrg every spec.drift.interval, in bulk, so the cost does not
 * grow with the number of resources. One scan ({@link OrgScan}) is first one change probe (SetupAuditTrail and
 * SystemModstamp since the last scan); only when something changed, or every {@link DriftScanSettings#fullReadEvery()}
 * scans as a backstop, a full read of every managed user and permission set and the org's inventory for orphans. All
 * calls go through {@link SalesforceClient#background()}, so scans stop, and the interval stretches here, when the
 * operator's share of the daily API allocation is used up.
 * <p>
 * This class owns the schedule: the tick, leadership (only the Lease holder scans on schedule), the per-org state
 * ({@link OrgScanState}: when due, since when to probe, when the backstop is due), interval stretching and rescan
 * requests ({@link RescanRequests}). What a scan finds goes to {@link DriftPublisher}: the resources' Drifted condition,
 * Events, the {@link DriftReport} behind {@code GET /api/v1/drift}, metrics and, under policy Correct, a request to the
 * resource's controller to put Salesforce back ({@link ResyncRequests}); under Report nothing is written to Salesforce.
 */
public class DriftScanner implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DriftScanner.class);

    private final Clock clock;
    private final DriftScanSettings settings;
    private final DriftReport report;
    private final RescanRequests rescans;
    private final Map<String, OrgScanState> states = new ConcurrentHashMap<>();
    private final BooleanSupplier mayScan;
    private final ScannedResources resources;
    private final OrgScan orgScan;
    private final DriftPublisher publisher;
    private ScheduledExecutorService executor;

    public DriftScanner(KubernetesClient kube, SalesforceClients clients, OrgCatalog catalog, ResyncRequests resync,
                        EventRecorder events, MeterRegistry meters, Clock clock, DriftScanSettings settings, DriftReport report) {
        this(kube, clients, catalog, resync, events, meters, clock, settings, report, () -> true);
    }

    /**
     * @param mayScan asked before every scheduled round: false on a replica that is not the leader ({@link #scanNow}
     *                does not ask)
     */
    public DriftScanner(KubernetesClient kube, SalesforceClients clients, OrgCatalog catalog, ResyncRequests resync,
                        EventRecorder events, MeterRegistry meters, Clock clock, DriftScanSettings settings, DriftReport report,
                        BooleanSupplier mayScan) {
        this(kube, clients, catalog, resync, events, meters, clock, settings, report, mayScan,
                ScannedResources.apiServer(kube, settings.namespaces()));
    }

    /** @param resources where resources are read (the controllers' informer caches in the application) */
    public DriftScanner(KubernetesClient kube, SalesforceClients clients, OrgCatalog catalog, ResyncRequests resync,
                        EventRecorder events, MeterRegistry meters, Clock clock, DriftScanSettings settings, DriftReport report,
                        BooleanSupplier mayScan, ScannedResources resources) {
        this.mayScan = mayScan;
        this.resources = resources;
        this.report = report;
        this.clock = clock;
        this.settings = settings;
        this.rescans = new RescanRequests(kube, events);
        this.orgScan = new OrgScan(clients, catalog, resources);
        this.publisher = new DriftPublisher(kube, events, resync, report, meters, resources, clock);
    }

    public DriftReport report() {
        return report;
    }

    /** Starts the schedule: one daemon thread looks every tick for orgs whose scan is due. */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "drift-scanner");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::scanDueOrgs, settings.initialDelay().toMillis(), settings.tick().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    /** Runs one scan of the org now, on the caller's thread (waits if a scheduled scan of the org is running). */
    public ScanResult scanNow(String namespace, String orgName) {
        // "" (the report's namespace of a ClusterSalesforceOrg): the cluster org of that name
        SalesforceOrg org = (namespace == null || namespace.isEmpty() ? resources.clusterOrg(orgName) : resources.org(namespace, orgName)).orElse(null);
        if (org == null || !isReady(org)) {
            return new ScanResult(namespace, orgName, ScanOutcome.NOT_READY, 0, 0, 0, 0, Duration.ZERO,
                    "SalesforceOrg " + namespace + "/" + orgName + (org == null ? " does not exist" : " is not Ready"));
        }
        return scanLocked(org, false);
    }

    /** The interval in force for the org: the spec's, or the stretched one while the budget is short. */
    public Duration effectiveInterval(SalesforceOrg org) {
        OrgScanState state = states.get(OrgCatalog.key(org));
        Duration stretched = state == null ? null : state.stretchedInterval;
        return stretched != null ? stretched : specInterval(org);
    }

    void scanDueOrgs() {
        try {
            if (!mayScan.getAsBoolean()) {
                return;
            }
            List<SalesforceOrg> orgs = resources.orgs();
            Map<String, List<HasMetadata>> rescan = rescans.byOrg(orgs, resources::usersOf);
            Set<String> present = new HashSet<>();
            for (SalesforceOrg org : orgs) {
                String key = OrgCatalog.key(org);
                present.add(key);
                if (!isReady(org)) {
                    continue;
                }
                OrgScanState state = states.computeIfAbsent(key, k -> new OrgScanState());
                Instant due = state.nextDue;
                List<HasMetadata> askers = rescan.get(key);
                if (askers != null) {
                    // asked for by annotation (the Argo CD action rescan-drift): now, and a full read
                    rescans.answer(askers, scanLocked(org, true));
                } else if (due == null || !due.isAfter(clock.instant())) {
                    scanLocked(org, false);
                }
            }
            for (String gone : new ArrayList<>(states.keySet())) {
                if (!present.contains(gone)) {
                    states.remove(gone);
                    String[] parts = gone.split("/", 2);
                    report.forget(parts[0], parts[1]);
                }
            }
        } catch (RuntimeException e) {
            // the schedule must survive anything one round throws
            LOG.warnf("drift scan round failed: %s", e.getMessage());
        }
    }

    private ScanResult scanLocked(SalesforceOrg org, boolean fullRead) {
        OrgScanState state = states.computeIfAbsent(OrgCatalog.key(org), k -> new OrgScanState());
        synchronized (state) {
            publisher.orgSeen(org);
            return scan(org, state, fullRead);
        }
    }

    private ScanResult scan(SalesforceOrg org, OrgScanState state, boolean fullRead) {
        Instant started = clock.instant();
        long nanos = System.nanoTime();
        boolean fullReadDue = fullRead || state.scansSinceFull + 1 >= settings.fullReadEvery();
        Instant probeSince = state.lastScanStart == null ? null : state.lastScanStart.minus(settings.probeOverlap());
        OrgScan.Reading reading = orgScan.scan(org, probeSince, fullReadDue);
        if (reading.outcome() == ScanOutcome.SKIPPED) {
            state.scansSinceFull++;
            state.lastScanStart = started;
        } else if (reading.outcome() == ScanOutcome.FULL) {
            state.scansSinceFull = 0;
            state.lastFullScan = started;
            state.lastScanStart = started;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - nanos);
        OrgFindings findings = reading.findings();
        ScanResult result = new ScanResult(DriftReport.namespaceOf(org), org.getMetadata().getName(), reading.outcome(),
                findings.checked(), findings.drifted().size(), findings.orphans().size(), reading.apiCalls(), took, reading.message());

        if (reading.outcome() == ScanOutcome.FULL) {
            publisher.findings(org, findings, started);
        }
        Duration interval = adjustInterval(org, state, reading.outcome(), reading.message());
        state.nextDue = clock.instant().plus(interval);
        publisher.scanned(org, result, started, interval, state);
        return result;
    }

    /** Stretches the interval while the budget is short and restores the spec's once a scan gets through. */
    private Duration adjustInterval(SalesforceOrg org, OrgScanState state, ScanOutcome outcome, String why) {
        Duration spec = specInterval(org);
        if (outcome == ScanOutcome.THROTTLED) {
            Duration before = state.stretchedInterval != null ? state.stretchedInterval : spec;
            state.stretchedInterval = DriftIntervals.stretch(before);
            publisher.throttled(org, why, state.stretchedInterval, spec);
        } else if (state.stretchedInterval != null && (outcome == ScanOutcome.FULL || outcome == ScanOutcome.SKIPPED)) {
            state.stretchedInterval = null;
            publisher.resumed(org, spec);
        }
        return state.stretchedInterval != null ? state.stretchedInterval : spec;
    }

    private Duration specInterval(SalesforceOrg org) {
        String text = org.getSpec() == null || org.getSpec().getDrift() == null ? null : org.getSpec().getDrift().getInterval();
        return DriftIntervals.parse(text, settings.defaultInterval());
    }

    private static boolean isReady(SalesforceOrg org) {
        return org.getStatus() != null && org.getStatus().isTrue(ConditionTypes.READY);
    }
}
