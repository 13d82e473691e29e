package io.sfintegration.drift;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.sfintegration.api.v1alpha1.ConditionedStatus;
import io.sfintegration.api.v1alpha1.DriftPolicy;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.OrgDefaults;
import io.sfintegration.controller.permissionset.PermissionSetDriftCheck;
import io.sfintegration.controller.status.ConditionTypes;
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
import io.sfintegration.salesforce.Soql;
import io.sfintegration.salesforce.UserState;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One scan of one org, read-only: the change probe (SetupAuditTrail and SystemModstamp since the last scan, scoped to
 * what the org's resources manage) and, when something relevant changed or a full read is due, the full read of every
 * settled user and permission set and of the org's inventory, compared with the specs. Returns what it found as a
 * value ({@link Reading}); it writes nothing, to Salesforce or to Kubernetes. Every call goes through
 * {@link SalesforceClient#background()}.
 */
final class OrgScan {

    private static final Logger LOG = Logger.getLogger(OrgScan.class);

    /**
     * How the scan ended and what it found.
     *
     * @param apiCalls the Salesforce calls the scan made (before anything is published or corrected)
     * @param message  why it failed or was throttled; empty otherwise
     */
    record Reading(ScanOutcome outcome, OrgFindings findings, long apiCalls, String message) {
    }

    private final SalesforceClients clients;
    private final OrgCatalog catalog;
    private final ScannedResources resources;
    private final UserDriftCheck userCheck;

    OrgScan(SalesforceClients clients, OrgCatalog catalog, ScannedResources resources) {
        this.clients = clients;
        this.catalog = catalog;
        this.resources = resources;
        this.userCheck = new UserDriftCheck(catalog);
    }

    /**
     * @param probeSince  where the change probe looks back to; null for no probe (the org's first scan: a full read)
     * @param fullReadDue read in full even when the probe finds nothing (asked for, or the backstop)
     */
    Reading scan(SalesforceOrg org, Instant probeSince, boolean fullReadDue) {
        SalesforceClient client = null;
        long callsBefore = 0;
        ScanOutcome outcome;
        String message = "";
        OrgFindings findings = OrgFindings.NONE;
        try {
            client = clients.forOrg(org).background();
            callsBefore = client.apiCallsMade();
            ChangeProbe probe = null;
            ManagedScope managed = null;
            if (probeSince != null) {
                managed = managedScope(org);
                probe = client.probeChangesSince(probeSince, managed.probeScope());
            }
            if (probe != null && !managed.changed(probe) && !fullReadDue) {
                outcome = ScanOutcome.SKIPPED;
            } else {
                findings = fullRead(org, client, probe == null ? List.of() : probe.auditEntries());
                outcome = ScanOutcome.FULL;
            }
        } catch (BudgetExhaustedException e) {
            outcome = ScanOutcome.THROTTLED;
            message = e.getMessage();
        } catch (SalesforceException | KubernetesClientException | CredentialsException e) {
            outcome = ScanOutcome.FAILED;
            message = e.getMessage();
            LOG.warnf("drift scan of SalesforceOrg %s/%s failed: %s", DriftReport.namespaceOf(org), org.getMetadata().getName(), e.getMessage());
        } catch (RuntimeException e) {
            // a bug must not stop the other orgs' scans, but it must be visible
            outcome = ScanOutcome.FAILED;
            message = e.toString();
            LOG.errorf(e, "drift scan of SalesforceOrg %s/%s failed", DriftReport.namespaceOf(org), org.getMetadata().getName());
        }
        long calls = client == null ? 0 : client.apiCallsMade() - callsBefore;
        return new Reading(outcome, findings, calls, message);
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

    private OrgFindings fullRead(SalesforceOrg org, SalesforceClient client, List<AuditEntry> audit) {
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
        List<DriftFinding> drifted = new ArrayList<>();
        List<DriftFinding> resolved = new ArrayList<>();
        List<DriftReport.UnmanagedAssignments> unmanaged = new ArrayList<>();
        List<OrgFindings.SeenUser> seen = new ArrayList<>();
        for (IntegrationUser user : users) {
            String userId = user.getStatus().getUserId();
            UserState state = lookupUser(userStates, userId);
            List<String> differences;
            if (state == null) {
                differences = List.of("user " + userId + ": expected to exist, found none");
            } else {
                seen.add(new OrgFindings.SeenUser(user, state));
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
            classify(new DriftFinding(DriftFinding.KIND_USER, user, differences, who,
                    user.getSpec().observeOnly() ? DriftPolicy.Report : access.driftPolicy(user.getSpec().getDriftPolicy()),
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
            classify(new DriftFinding(DriftFinding.KIND_PERMISSION_SET, ps, differences, who,
                    ps.getSpec().observeOnly() ? DriftPolicy.Report : access.driftPolicy(ps.getSpec().getDriftPolicy()),
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
        return new OrgFindings(users.size() + permissionSets.size(), drifted, resolved, orphans, unmanaged, seen);
    }

    /** Removed access is held back unless the org restores it; with restoreAccess everything is correctable. */
    private static AccessRemoval.Split split(List<String> differences, OrgAccess access) {
        return access.restoreAccess() ? new AccessRemoval.Split(List.of(), differences) : AccessRemoval.split(differences);
    }

    private static void classify(DriftFinding finding, List<DriftFinding> drifted, List<DriftFinding> resolved) {
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
}
