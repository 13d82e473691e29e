package io.sfintegration.drift;

import io.sfintegration.salesforce.Soql;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.MeterRegistry;
import io.sfintegration.api.v1alpha1.ConditionedStatus;
import io.sfintegration.api.v1alpha1.DriftPolicy;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.salesforce.OrgKey;
import io.sfintegration.controller.findings.UserFindings;
import io.sfintegration.controller.OrgDefaults;
import io.sfintegration.controller.ResyncRequests;
import io.sfintegration.controller.permissionset.PermissionSetDriftCheck;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.controller.user.UserDriftCheck;
import io.sfintegration.salesforce.AuditEntry;
import io.sfintegration.salesforce.BudgetExhaustedException;
import io.sfintegration.salesforce.ChangeProbe;
import io.sfintegration.salesforce.CredentialsException;
import io.sfintegration.salesforce.License;
import io.sfintegration.salesforce.LicenseKind;
import io.sfintegration.salesforce.OrgInventory;
import io.sfintegration.salesforce.OrgSnapshot;
import io.sfintegration.salesforce.PermissionSetState;
import io.sfintegration.salesforce.SalesforceClient;
import io.sfintegration.salesforce.SalesforceClients;
import io.sfintegration.salesforce.SalesforceException;
import io.sfintegration.salesforce.UserState;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Scans each Ready SalesforceOrg for drift every spec.drift.interval, in bulk, so the cost does not grow with the
 * number of resources: first one change probe (SetupAuditTrail and SystemModstamp since the last scan); only when
 * something changed, or every {@link DriftScanSettings#fullReadEvery()} scans as a backstop, a full read of every
 * managed user and permission set (bulk queries, combined in composite calls) and the org's inventory for orphans.
 * All calls go through {@link SalesforceClient#background()}, so scans stop, and the interval stretches, when the
 * operator's share of the daily API allocation is used up.
 * <p>
 * Findings go to the resources' Drifted condition (written only when its message changes), Warning Events, the
 * {@link DriftReport} behind {@code GET /api/v1/drift} and metrics. Under policy Correct the scanner asks the resource's
 * controller to put Salesforce back ({@link ResyncRequests}); under Report it writes nothing to Salesforce.
 */
public class DriftScanner implements AutoCloseable {

    public static final String KIND_USER = "IntegrationUser";
    public static final String KIND_PERMISSION_SET = "PermissionSet";
    public static final String EVENT_THROTTLED = "DriftScanThrottled";
    public static final String EVENT_RESUMED = "DriftScanResumed";
    static final int MAX_MESSAGE = 4000;

    private static final Logger LOG = Logger.getLogger(DriftScanner.class);

    private final KubernetesClient kube;
    private final SalesforceClients clients;
    private final OrgCatalog catalog;
    private final ResyncRequests resync;
    private final EventRecorder events;
    private final DriftReport report;
    private final DriftMetrics metrics;
    private final Clock clock;
    private final DriftScanSettings settings;
    private final DriftStatusWriter writer;
    private final UserDriftCheck userCheck;
    private final RescanRequests rescans;
    private final Map<String, OrgScanState> states = new ConcurrentHashMap<>();
    private final BooleanSupplier mayScan;
    private final ScannedResources resources;
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
        this.kube = kube;
        this.clients = clients;
        this.catalog = catalog;
        this.resync = resync;
        this.events = events;
        this.report = report;
        this.metrics = new DriftMetrics(meters, report);
        this.clock = clock;
        this.settings = settings;
        this.writer = new DriftStatusWriter(kube, clock);
        this.userCheck = new UserDriftCheck(catalog);
        this.rescans = new RescanRequests(kube, events);
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
        String namespace = reportNamespace(org);
        String name = org.getMetadata().getName();
        OrgScanState state = states.computeIfAbsent(OrgCatalog.key(org), k -> new OrgScanState());
        synchronized (state) {
            metrics.orgSeen(namespace, name);
            ScanResult result = scan(org, state, fullRead);
            metrics.scanned(namespace, name, result.outcome(), result.duration(), result.apiCalls());
            return result;
        }
    }

    private ScanResult scan(SalesforceOrg org, OrgScanState state, boolean fullRead) {
        String namespace = reportNamespace(org);
        String name = org.getMetadata().getName();
        Instant started = clock.instant();
        long nanos = System.nanoTime();
        SalesforceClient client = null;
        long callsBefore = 0;
        ScanOutcome outcome;
        String message = "";
        Findings findings = Findings.NONE;
        try {
            client = clients.forOrg(org).background();
            callsBefore = client.apiCallsMade();
            ChangeProbe probe = null;
            boolean backstopDue = fullRead || state.scansSinceFull + 1 >= settings.fullReadEvery();
            ManagedScope managed = null;
            if (state.lastScanStart != null) {
                managed = managedScope(org);
                probe = client.probeChangesSince(state.lastScanStart.minus(settings.probeOverlap()), managed.probeScope());
            }
            if (probe != null && !managed.changed(probe) && !backstopDue) {
                outcome = ScanOutcome.SKIPPED;
                state.scansSinceFull++;
            } else {
                findings = fullRead(org, client, probe == null ? List.of() : probe.auditEntries());
                outcome = ScanOutcome.FULL;
                state.scansSinceFull = 0;
                state.lastFullScan = started;
            }
            state.lastScanStart = started;
        } catch (BudgetExhaustedException e) {
            outcome = ScanOutcome.THROTTLED;
            message = e.getMessage();
        } catch (SalesforceException | KubernetesClientException | CredentialsException e) {
            outcome = ScanOutcome.FAILED;
            message = e.getMessage();
            LOG.warnf("drift scan of SalesforceOrg %s/%s failed: %s", namespace, name, e.getMessage());
        } catch (RuntimeException e) {
            // a bug must not stop the other orgs' scans, but it must be visible
            outcome = ScanOutcome.FAILED;
            message = e.toString();
            LOG.errorf(e, "drift scan of SalesforceOrg %s/%s failed", namespace, name);
        }
        // measured before anything is written back, so corrections the scan asks for are not counted as its cost
        long calls = client == null ? 0 : client.apiCallsMade() - callsBefore;
        Duration took = Duration.ofNanos(System.nanoTime() - nanos);

        if (outcome == ScanOutcome.FULL) {
            publish(org, findings, started);
        }
        Duration interval = adjustInterval(org, state, outcome, message);
        state.nextDue = clock.instant().plus(interval);
        String effective = DriftIntervals.format(interval);
        try {
            boolean completed = outcome == ScanOutcome.FULL || outcome == ScanOutcome.SKIPPED;
            writer.orgScanned(org, completed ? clock.instant().truncatedTo(ChronoUnit.SECONDS).toString() : null, effective);
        } catch (KubernetesClientException e) {
            LOG.debugf("could not write drift scan status of SalesforceOrg %s/%s: %s", namespace, name, e.getMessage());
        }
        report.recordScan(new DriftReport.OrgScanInfo(namespace, name, started, outcome, effective,
                state.stretchedInterval != null, calls, state.lastFullScan, message));
        LOG.debugf("drift scan of %s/%s: %s, %d resources, %d drifted, %d orphans, %d API calls", namespace, name,
                outcome, findings.checked(), findings.drifted().size(), findings.orphans().size(), calls);
        return new ScanResult(namespace, name, outcome, findings.checked(), findings.drifted().size(),
                findings.orphans().size(), calls, took, message);
    }

    /** Stretches the interval while the budget is short and restores the spec's once a scan gets through. */
    private Duration adjustInterval(SalesforceOrg org, OrgScanState state, ScanOutcome outcome, String why) {
        Duration spec = specInterval(org);
        if (outcome == ScanOutcome.THROTTLED) {
            Duration before = state.stretchedInterval != null ? state.stretchedInterval : spec;
            state.stretchedInterval = DriftIntervals.stretch(before);
            events.warning(resources.eventTarget(org), EVENT_THROTTLED, "The operator's API budget for background work is used up (" + why
                    + "); drift scans now run every " + DriftIntervals.format(state.stretchedInterval) + " instead of "
                    + DriftIntervals.format(spec) + ".");
        } else if (state.stretchedInterval != null && (outcome == ScanOutcome.FULL || outcome == ScanOutcome.SKIPPED)) {
            state.stretchedInterval = null;
            events.normal(resources.eventTarget(org), EVENT_RESUMED, "The API budget allows drift scans again; back to every " + DriftIntervals.format(spec) + ".");
        }
        return state.stretchedInterval != null ? state.stretchedInterval : spec;
    }

    private Duration specInterval(SalesforceOrg org) {
        String text = org.getSpec() == null || org.getSpec().getDrift() == null ? null : org.getSpec().getDrift().getInterval();
        return DriftIntervals.parse(text, settings.defaultInterval());
    }

    // ---- the full read ----

    /** A resource that differs (or a formerly drifted one that matches again: empty differences). */
    private record Finding(String kind, CustomResource<?, ? extends ConditionedStatus> resource, List<String> differences,
                           Optional<AuditEntry> changedBy, DriftPolicy policy, AccessRemoval.Split split) {
        /** Access a person removed that stays removed (spec.drift.restoreAccess false). */
        boolean holds() {
            return !split.removed().isEmpty();
        }

        /** Whether the controller is asked to put something back. */
        boolean corrects() {
            return policy == DriftPolicy.Correct && !split.others().isEmpty();
        }
    }

    private record Findings(int checked, List<Finding> drifted, List<Finding> resolved, List<DriftReport.Orphan> orphans,
                            List<DriftReport.UnmanagedAssignments> unmanaged) {
        static final Findings NONE = new Findings(0, List.of(), List.of(), List.of(), List.of());
    }

    /**
     * The org's managed resources as the change probe needs them (issue 17: in a busy org, logins, people's edits of
     * other users and unrelated setup changes must not cost a full read).
     */
    private ManagedScope managedScope(SalesforceOrg org) {
        // from the informer caches: a quiet scan costs no Kubernetes call either
        List<IntegrationUser> users = resources.usersOf(org);
        List<PermissionSet> sets = resources.permissionSetsOf(org);
        String licenseId = catalog.snapshot(OrgCatalog.key(org))
                .flatMap(s -> s.license(LicenseKind.PERMISSION_SET, OrgDefaults.WATCHED_LICENSES.get(1))).map(License::id).orElse(null);
        return ManagedScope.of(users, sets, licenseId);
    }

    private Findings fullRead(SalesforceOrg org, SalesforceClient client, List<AuditEntry> audit) {
        String namespace = reportNamespace(org);
        String orgName = org.getMetadata().getName();
        String key = OrgCatalog.key(org);
        OrgSnapshot snapshot = catalog.snapshot(key).orElseGet(() -> catalog.refreshIfOlderThan(key, Duration.ofMinutes(1),
                () -> client.describeOrg(OrgDefaults.WATCHED_LICENSES, OrgDefaults.WATCHED_PROFILES)));
        OrgAccess access = new OrgAccess(key, org, client, snapshot);

        // a cluster org's resources live in many namespaces: a user's refs name PermissionSets of its own namespace
        List<IntegrationUser> orgUsers = resources.usersOf(org);
        List<PermissionSet> namespacePermissionSets = resources.permissionSetsNear(org);
        List<PermissionSet> orgPermissionSets = resources.permissionSetsOf(org);
        List<IntegrationUser> users = orgUsers.stream()
                .filter(u -> u.getStatus() != null && u.getStatus().getUserId() != null && settled(u)).toList();
        List<PermissionSet> permissionSets = orgPermissionSets.stream()
                .filter(p -> p.getStatus() != null && p.getStatus().getPermissionSetId() != null && settled(p)).toList();

        Map<String, UserState> userStates = users.isEmpty() ? Map.of()
                : client.findUsersById(users.stream().map(u -> u.getStatus().getUserId()).distinct().toList());
        Map<String, PermissionSetState> setStates = permissionSets.isEmpty() ? Map.of()
                : client.findPermissionSets(permissionSets.stream().map(p -> p.getSpec().getName()).distinct().toList());
        String integrationLicenseId = snapshot.license(LicenseKind.PERMISSION_SET, OrgDefaults.WATCHED_LICENSES.get(1))
                .map(License::id).orElse(null);
        OrgInventory inventory = client.inventory(OrgDefaults.INTEGRATION_USER_LICENSE, integrationLicenseId);

        AuditAttribution attribution = new AuditAttribution(audit);
        Map<String, PermissionSet> byResourceName = namespacePermissionSets.stream()
                .collect(Collectors.toMap(p -> p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(), Function.identity(), (a, b) -> a));
        List<Finding> drifted = new ArrayList<>();
        List<Finding> resolved = new ArrayList<>();
        List<DriftReport.UnmanagedAssignments> unmanaged = new ArrayList<>();
        List<DriftReport.UserUsage> usage = new ArrayList<>();
        for (IntegrationUser user : users) {
            String userId = user.getStatus().getUserId();
            UserState state = lookupUser(userStates, userId);
            List<String> differences;
            if (state == null) {
                differences = List.of("user " + userId + ": expected to exist, found none");
            } else {
                usage.add(usage(user, state, orgName));
                differences = userCheck.differences(user, access, state,
                        ref -> Optional.ofNullable(byResourceName.get(user.getMetadata().getNamespace() + "/" + ref)));
                List<String> byPeople = UserDriftCheck.unmanagedAssignments(user, state).stream()
                        .filter(n -> !specNames(user, byResourceName).contains(n.toLowerCase(Locale.ROOT))).toList();
                if (!byPeople.isEmpty()) {
                    unmanaged.add(new DriftReport.UnmanagedAssignments(user.getMetadata().getNamespace(), user.getMetadata().getName(), orgName,
                            user.getSpec().getUsername(), byPeople));
                }
            }
            // attribution only for what differs: a busy window can hold thousands of audit rows
            Optional<AuditEntry> who = differences.isEmpty() ? Optional.empty()
                    : attribution.latestNaming(List.of(user.getSpec().getUsername(), userId));
            classify(new Finding(KIND_USER, user, differences, who, user.getSpec().observeOnly() ? DriftPolicy.Report : access.driftPolicy(user.getSpec().getDriftPolicy()),
                    split(differences, access)), drifted, resolved);
        }
        for (PermissionSet ps : permissionSets) {
            PermissionSetState state = setStates.get(ps.getSpec().getName().toLowerCase(Locale.ROOT));
            List<String> differences;
            if (state == null) {
                differences = List.of("permission set " + ps.getSpec().getName() + ": expected to exist, found none");
            } else if (!Soql.sameId(state.id(), ps.getStatus().getPermissionSetId())) {
                differences = List.of("permission set id: expected " + ps.getStatus().getPermissionSetId() + ", found "
                        + state.id() + " (deleted and created again outside the operator)");
            } else {
                differences = PermissionSetDriftCheck.differences(ps, access, state);
            }
            Optional<AuditEntry> who = differences.isEmpty() ? Optional.empty()
                    : attribution.latestNaming(List.of(ps.getSpec().getName(), ps.getSpec().getLabel(), ps.getStatus().getPermissionSetId()));
            classify(new Finding(KIND_PERMISSION_SET, ps, differences, who, ps.getSpec().observeOnly() ? DriftPolicy.Report : access.driftPolicy(ps.getSpec().getDriftPolicy()),
                    split(differences, access)), drifted, resolved);
        }

        List<String> claimedUsers = new ArrayList<>();
        orgUsers.forEach(u -> {
            claimedUsers.add(u.getSpec().getUsername());
            if (u.getStatus() != null) {
                claimedUsers.add(u.getStatus().getUserId());
            }
        });
        List<String> claimedSets = new ArrayList<>();
        orgPermissionSets.forEach(p -> {
            claimedSets.add(p.getSpec().getName());
            if (p.getStatus() != null) {
                claimedSets.add(p.getStatus().getPermissionSetId());
            }
        });
        List<DriftReport.Orphan> orphans = OrphanFinder.find(inventory, claimedUsers, claimedSets, snapshot.operatorUserId());
        report.replaceUsage(namespace, orgName, usage);
        return new Findings(users.size() + permissionSets.size(), drifted, resolved, orphans, unmanaged);
    }

    /** Last login, unused and risky findings from the user the full read already holds; status written at most daily. */
    private DriftReport.UserUsage usage(IntegrationUser user, UserState state, String orgName) {
        Instant now = clock.instant();
        try {
            writer.userUsage(user, state, now);
        } catch (KubernetesClientException e) {
            LOG.warnf("could not record the last login of %s/%s: %s", user.getMetadata().getNamespace(), user.getMetadata().getName(), e.getMessage());
        }
        Instant last = state.user().lastLoginDate();
        return new DriftReport.UserUsage(user.getMetadata().getNamespace(), user.getMetadata().getName(), orgName,
                user.getSpec().getUsername(), String.valueOf(user.getSpec().getManagementPolicy()), UserFindings.lastLoginDay(last),
                UserFindings.unused(last, user.getSpec().unusedAfterDays(), now), UserFindings.risky(state));
    }

    /** Removed access is held back unless the org restores it; with restoreAccess everything is correctable. */
    private static AccessRemoval.Split split(List<String> differences, OrgAccess access) {
        return access.restoreAccess() ? new AccessRemoval.Split(List.of(), differences) : AccessRemoval.split(differences);
    }

    private static void classify(Finding finding, List<Finding> drifted, List<Finding> resolved) {
        if (!finding.differences().isEmpty()) {
            drifted.add(finding);
        } else if (DriftStatusWriter.isDrifted(finding.resource().getStatus())) {
            resolved.add(finding);
        }
    }

    /** Permission sets the user's spec names (assigned by the operator even if status does not say so yet). */
    private static Set<String> specNames(IntegrationUser user, Map<String, PermissionSet> byResourceName) {
        Set<String> out = new HashSet<>();
        user.getSpec().getPermissionSets().forEach(r -> {
            if (r.getName() != null) {
                out.add(r.getName().toLowerCase(Locale.ROOT));
            } else if (r.getRef() != null && byResourceName.containsKey(user.getMetadata().getNamespace() + "/" + r.getRef())) {
                out.add(byResourceName.get(user.getMetadata().getNamespace() + "/" + r.getRef()).getSpec().getName().toLowerCase(Locale.ROOT));
            }
        });
        return out;
    }

    /**
     * Only resources the controller has brought in line with their current spec are compared: a spec change not yet
     * applied is pending work, not drift.
     */
    private static boolean settled(CustomResource<?, ? extends ConditionedStatus> r) {
        ConditionedStatus s = r.getStatus();
        return r.getMetadata().getDeletionTimestamp() == null && s.isTrue(ConditionTypes.READY)
                && Objects.equals(s.getObservedGeneration(), r.getMetadata().getGeneration());
    }

    private static UserState lookupUser(Map<String, UserState> states, String id) {
        UserState exact = states.get(id);
        if (exact != null) {
            return exact;
        }
        return states.entrySet().stream().filter(e -> Soql.sameId(e.getKey(), id)).map(Map.Entry::getValue).findFirst().orElse(null);
    }

    // ---- publishing ----

    private void publish(SalesforceOrg org, Findings findings, Instant scannedAt) {
        String namespace = reportNamespace(org);
        String orgName = org.getMetadata().getName();
        Map<String, DriftReport.DriftedResource> previous = new LinkedHashMap<>();
        report.org(namespace, orgName).ifPresent(o -> o.drifted().forEach(d -> previous.put(d.kind() + "/" + d.name(), d)));
        List<DriftReport.DriftedResource> entries = new ArrayList<>();
        for (Finding f : findings.drifted()) {
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
                if (write(f, reason, message)) {
                    events.warning(f.resource(), reason, message);
                }
                if (correct) {
                    resync.request(f.resource().getClass(), ResourceID.fromResource(f.resource()), f.holds());
                } else if (observed(f) && (before == null || !before.differences().equals(f.differences()))) {
                    resync.refresh(f.resource().getClass(), ResourceID.fromResource(f.resource()));
                }
            } catch (KubernetesClientException e) {
                LOG.warnf("could not record drift of %s %s/%s: %s", f.kind(), f.resource().getMetadata().getNamespace(), name, e.getMessage());
            }
            entries.add(new DriftReport.DriftedResource(f.kind(), f.resource().getMetadata().getNamespace(), name, orgName, f.differences(), changedBy,
                    changedAt, detectedAt, f.policy(), correct));
        }
        for (Finding f : findings.resolved()) {
            try {
                if (clear(f)) {
                    events.normal(f.resource(), Reasons.NO_DRIFT, "Salesforce matches the spec again");
                }
                if (observed(f)) {
                    resync.refresh(f.resource().getClass(), ResourceID.fromResource(f.resource()));
                }
            } catch (KubernetesClientException e) {
                LOG.warnf("could not clear drift of %s %s/%s: %s", f.kind(), namespace, f.resource().getMetadata().getName(), e.getMessage());
            }
        }
        report.replaceFindings(namespace, orgName, entries, findings.orphans(), findings.unmanaged());
    }

    /** An observed resource's plan is read at its reconcile; a change found in Salesforce makes it stale. */
    private static boolean observed(Finding f) {
        return f.resource() instanceof IntegrationUser u ? u.getSpec().observeOnly() : ((PermissionSet) f.resource()).getSpec().observeOnly();
    }

    private boolean write(Finding f, String reason, String message) {
        if (f.resource() instanceof IntegrationUser u) {
            return writer.markDrifted(IntegrationUser.class, u, reason, message);
        }
        return writer.markDrifted(PermissionSet.class, (PermissionSet) f.resource(), reason, message);
    }

    private boolean clear(Finding f) {
        String message = "Salesforce matches the spec again (seen at " + clock.instant().truncatedTo(ChronoUnit.SECONDS) + ").";
        if (f.resource() instanceof IntegrationUser u) {
            return writer.markNoDrift(IntegrationUser.class, u, message);
        }
        return writer.markNoDrift(PermissionSet.class, (PermissionSet) f.resource(), message);
    }

    static String message(Finding f, String changedBy, Instant changedAt) {
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

    /**
     * The namespace the report, the metrics and the scan state file an org under: its own, or "" for a
     * ClusterSalesforceOrg (its view's namespace is only where its Secrets are).
     */
    static String reportNamespace(SalesforceOrg org) {
        return OrgKey.isClusterView(org) ? "" : org.getMetadata().getNamespace();
    }

    private static boolean isReady(SalesforceOrg org) {
        return org.getStatus() != null && org.getStatus().isTrue(ConditionTypes.READY);
    }

    static String kindOf(HasMetadata r) {
        return r instanceof IntegrationUser ? KIND_USER : KIND_PERMISSION_SET;
    }
}
