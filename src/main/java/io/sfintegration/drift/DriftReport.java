package io.sfintegration.drift;

import io.sfintegration.api.v1alpha1.DriftPolicy;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.salesforce.OrgKey;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The current drift across every namespace and org, as the last scans found it: what differs, orphans, and how each
 * org's scans go. Kept in memory (rebuilt by the first full scan after a restart); each org's part is replaced as a
 * whole, so readers never see half a scan.
 */
@Singleton
public class DriftReport {

    /** One resource whose Salesforce counterpart no longer matches its spec. */
    public record DriftedResource(String kind, String namespace, String name, String org, List<String> differences,
                                  String changedBy, Instant changedAt, Instant detectedAt, DriftPolicy policy,
                                  boolean correctionRequested) {
        public DriftedResource {
            differences = List.copyOf(differences);
        }
    }

    /** Something in the org that looks like the operator's but that no resource claims: reported, never deleted. */
    public record Orphan(String type, String id, String name, String detail) {
    }

    /** Permission sets people assigned to a managed user: left alone, shown for review. */
    public record UnmanagedAssignments(String namespace, String name, String org, String username, List<String> permissionSets) {
        public UnmanagedAssignments {
            permissionSets = List.copyOf(permissionSets);
        }
    }

    /**
     * An IntegrationUser as the last full scan read it (issue 20): its last login (to the day), whether it is unused
     * (no login for spec.unusedAfter), and what makes it risky (admin profile, full licence, ModifyAllData, password
     * never expires). From the scan's bulk user read: no extra call.
     */
    public record UserUsage(String namespace, String name, String org, String username, String managementPolicy,
                            String lastLoginTime, boolean unused, List<String> risky) {
        public UserUsage {
            risky = List.copyOf(risky);
        }
    }

    /** How the org's scans go. */
    public record OrgScanInfo(String namespace, String org, Instant lastScan, ScanOutcome lastOutcome,
                              String effectiveInterval, boolean throttled, long lastScanApiCalls, Instant lastFullScan,
                              String lastMessage) {
    }

    /** Everything known about one org. */
    public record OrgDrift(String namespace, String org, List<DriftedResource> drifted, List<Orphan> orphans,
                           List<UnmanagedAssignments> unmanagedAssignments, OrgScanInfo scan) {
        public OrgDrift {
            drifted = List.copyOf(drifted);
            orphans = List.copyOf(orphans);
            unmanagedAssignments = List.copyOf(unmanagedAssignments);
        }
    }

    private final Map<String, OrgDrift> byOrg = new ConcurrentHashMap<>();
    private final Map<String, List<UserUsage>> usageByOrg = new ConcurrentHashMap<>();

    /**
     * The namespace the report, the metrics and the scan state file an org under: its own, or "" for a
     * ClusterSalesforceOrg (its view's namespace is only where its Secrets are).
     */
    static String namespaceOf(SalesforceOrg org) {
        return OrgKey.isClusterView(org) ? "" : org.getMetadata().getNamespace();
    }

    private static String key(String namespace, String org) {
        return namespace + "/" + org;
    }

    /** Replaces what a full scan of the org found. */
    public void replaceFindings(String namespace, String org, List<DriftedResource> drifted, List<Orphan> orphans,
                                List<UnmanagedAssignments> unmanaged) {
        byOrg.compute(key(namespace, org), (k, old) -> new OrgDrift(namespace, org, drifted, orphans, unmanaged,
                old == null ? null : old.scan()));
    }

    /** Records how the latest scan of the org went (every scan, full or not). */
    public void recordScan(OrgScanInfo info) {
        byOrg.compute(key(info.namespace(), info.org()), (k, old) -> old == null
                ? new OrgDrift(info.namespace(), info.org(), List.of(), List.of(), List.of(), info)
                : new OrgDrift(old.namespace(), old.org(), old.drifted(), old.orphans(), old.unmanagedAssignments(), info));
    }

    /** Forgets an org that was deleted or is no longer scanned. */
    public void forget(String namespace, String org) {
        byOrg.remove(key(namespace, org));
        usageByOrg.remove(key(namespace, org));
    }

    /** Replaces the org's integration users as a full scan read them. */
    public void replaceUsage(String namespace, String org, List<UserUsage> users) {
        usageByOrg.put(key(namespace, org), List.copyOf(users));
    }

    /** Every scanned IntegrationUser, ordered by namespace, org and name. */
    public List<UserUsage> usage() {
        List<UserUsage> all = new ArrayList<>();
        usageByOrg.values().forEach(all::addAll);
        all.sort(Comparator.comparing(UserUsage::namespace).thenComparing(UserUsage::org).thenComparing(UserUsage::name));
        return all;
    }

    /** Unused integration users of one org: the value of sfio_integration_users_unused. */
    public int unused(String namespace, String org) {
        return (int) usageByOrg.getOrDefault(key(namespace, org), List.of()).stream().filter(UserUsage::unused).count();
    }

    /** Integration users of one org with a finding of this kind: the value of sfio_integration_users_risky. */
    public int risky(String namespace, String org, String kind) {
        return (int) usageByOrg.getOrDefault(key(namespace, org), List.of()).stream()
                .filter(u -> u.risky().stream().anyMatch(r -> io.sfintegration.controller.findings.UserFindings.kind(r).equals(kind))).count();
    }

    public Optional<OrgDrift> org(String namespace, String org) {
        return Optional.ofNullable(byOrg.get(key(namespace, org)));
    }

    public List<OrgDrift> orgs() {
        return byOrg.values().stream()
                .sorted(Comparator.comparing(OrgDrift::namespace).thenComparing(OrgDrift::org))
                .toList();
    }

    /** Every drifted resource, ordered by namespace, org, kind and name. */
    public List<DriftedResource> drifted() {
        List<DriftedResource> all = new ArrayList<>();
        orgs().forEach(o -> all.addAll(o.drifted()));
        all.sort(Comparator.comparing(DriftedResource::namespace).thenComparing(DriftedResource::org)
                .thenComparing(DriftedResource::kind).thenComparing(DriftedResource::name));
        return all;
    }

    public Optional<DriftedResource> drifted(String kind, String namespace, String name) {
        return drifted().stream()
                .filter(d -> d.kind().equals(kind) && d.namespace().equals(namespace) && d.name().equals(name))
                .findFirst();
    }

    /** Drifted resources of one org, kind and namespace: the value of the sfio_drift_resources gauge. */
    public int count(String namespace, String org, String kind) {
        OrgDrift o = byOrg.get(key(namespace, org));
        return o == null ? 0 : (int) o.drifted().stream().filter(d -> Objects.equals(d.kind(), kind)).count();
    }
}
