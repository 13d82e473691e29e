package io.sfintegration.controller;

import io.sfintegration.salesforce.License;
import io.sfintegration.salesforce.LicenseKind;
import io.sfintegration.salesforce.OrgSnapshot;
import io.sfintegration.salesforce.Profile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the operator knows about each org without asking again: the last snapshot (licences with their capacity,
 * profiles, the operator's own user id) and permission set ids by API name. The SalesforceOrg controller fills it;
 * the other controllers read it, so a user reconcile needs no call to find its profile or licences.
 */
public class OrgCatalog {

    private record Entry(OrgSnapshot snapshot, Instant readAt) {
    }

    private record KnownId(String id, Instant learntAt) {
    }

    /** A set deleted and made again in Setup gets a new id: a name resolved this long ago is looked up again. */
    static final Duration PERMISSION_SET_ID_TTL = Duration.ofHours(1);

    private final Map<String, Entry> snapshots = new ConcurrentHashMap<>();
    private final Map<String, Map<String, KnownId>> permissionSetIds = new ConcurrentHashMap<>();
    // one lock per org: a slow org's refresh must not stall the others
    private final Map<String, Object> refreshLocks = new ConcurrentHashMap<>();
    private final Clock clock;

    public OrgCatalog(Clock clock) {
        this.clock = clock;
    }

    public static String key(String namespace, String orgName) {
        return io.sfintegration.salesforce.OrgKey.namespaced(namespace, orgName);
    }

    /** The key of an org object, a ClusterSalesforceOrg's view included (see OrgKey). */
    public static String key(io.sfintegration.api.v1alpha1.SalesforceOrg org) {
        return io.sfintegration.salesforce.OrgKey.of(org);
    }

    public void put(String orgKey, OrgSnapshot snapshot) {
        snapshots.put(orgKey, new Entry(snapshot, clock.instant()));
    }

    /**
     * The periodic re-read of the watched licences and profiles: updates what it read and keeps what narrower reads
     * added (other licences and profiles), so no-op reconciles do not describe the org again.
     */
    public void refresh(String orgKey, OrgSnapshot snapshot) {
        merge(orgKey, snapshot);
        snapshots.computeIfPresent(orgKey, (k, e) -> new Entry(e.snapshot(), clock.instant()));
    }

    /** Adds licences and profiles learnt from a later, narrower describe to the snapshot. */
    public void merge(String orgKey, OrgSnapshot more) {
        snapshots.compute(orgKey, (k, old) -> {
            if (old == null) {
                return new Entry(more, clock.instant());
            }
            List<License> licenses = new ArrayList<>(more.licenses());
            old.snapshot().licenses().stream()
                    .filter(l -> licenses.stream().noneMatch(n -> n.id().equals(l.id()))).forEach(licenses::add);
            List<Profile> profiles = new ArrayList<>(more.profiles());
            old.snapshot().profiles().stream()
                    .filter(p -> profiles.stream().noneMatch(n -> n.id().equals(p.id()))).forEach(profiles::add);
            return new Entry(new OrgSnapshot(more.orgId(), more.orgName(), more.operatorUserId(), more.apiLimit(),
                    licenses, profiles), old.readAt());
        });
    }

    public Optional<OrgSnapshot> snapshot(String orgKey) {
        return Optional.ofNullable(snapshots.get(orgKey)).map(Entry::snapshot);
    }

    /** Re-reads the snapshot through the supplier if it is older than maxAge; at most one caller pays for it. */
    public OrgSnapshot refreshIfOlderThan(String orgKey, Duration maxAge, Supplier<OrgSnapshot> read) {
        Entry entry = snapshots.get(orgKey);
        if (entry != null && entry.readAt().plus(maxAge).isAfter(clock.instant())) {
            return entry.snapshot();
        }
        synchronized (refreshLocks.computeIfAbsent(orgKey, k -> new Object())) {
            Entry again = snapshots.get(orgKey);
            if (again != null && again.readAt().plus(maxAge).isAfter(clock.instant())) {
                return again.snapshot();
            }
            OrgSnapshot fresh = read.get();
            merge(orgKey, fresh);
            snapshots.computeIfPresent(orgKey, (k, e) -> new Entry(e.snapshot(), clock.instant()));
            return snapshots.get(orgKey).snapshot();
        }
    }

    /** Records a seat taken or freed by our own write, so waiting users see it before the next refresh. */
    public void adjustUsed(String orgKey, LicenseKind kind, String licenseName, int delta) {
        snapshots.computeIfPresent(orgKey, (k, e) -> {
            List<License> licenses = e.snapshot().licenses().stream()
                    .map(l -> l.kind() == kind && l.matches(licenseName)
                            ? new License(l.id(), l.name(), l.developerName(), l.kind(), l.total(), Math.max(0, l.used() + delta))
                            : l)
                    .toList();
            OrgSnapshot s = e.snapshot();
            return new Entry(new OrgSnapshot(s.orgId(), s.orgName(), s.operatorUserId(), s.apiLimit(), licenses, s.profiles()), e.readAt());
        });
    }

    public Optional<String> permissionSetId(String orgKey, String apiName) {
        return Optional.ofNullable(permissionSetIds.getOrDefault(orgKey, Map.of()).get(apiName.toLowerCase(java.util.Locale.ROOT)))
                .filter(known -> known.learntAt().plus(PERMISSION_SET_ID_TTL).isAfter(clock.instant()))
                .map(KnownId::id);
    }

    public void rememberPermissionSet(String orgKey, String apiName, String id) {
        permissionSetIds.computeIfAbsent(orgKey, k -> new ConcurrentHashMap<>())
                .put(apiName.toLowerCase(java.util.Locale.ROOT), new KnownId(id, clock.instant()));
    }

    /** A set deleted (by the operator or in Setup) must not be assigned by a stale id. */
    public void forgetPermissionSet(String orgKey, String apiName) {
        Map<String, KnownId> ids = permissionSetIds.get(orgKey);
        if (ids != null) {
            ids.remove(apiName.toLowerCase(java.util.Locale.ROOT));
        }
    }

    public void forget(String orgKey) {
        snapshots.remove(orgKey);
        permissionSetIds.remove(orgKey);
        refreshLocks.remove(orgKey);
    }
}
