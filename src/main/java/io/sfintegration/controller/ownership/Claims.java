package io.sfintegration.controller.ownership;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.api.v1alpha1.SalesforceOrg;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Who holds a Salesforce name (a username, a permission-set API name) in one Salesforce org, across the whole cluster.
 * Identity is the org (its org id), not the SalesforceOrg object: two teams whose SalesforceOrgs reach the same org
 * compete for the same names. The oldest resource (creation time, then namespace, then name) holds the name; the
 * others make no Salesforce write. Read from the informer cache, so it is free.
 *
 * @param <R> the resource kind
 */
public final class Claims<R extends HasMetadata> {

    private final String index;
    private final Function<R, String> claimedName;
    private final Function<R, OrgReference> orgRef;

    /**
     * @param index       name of the cache index this instance registers
     * @param claimedName the Salesforce name the resource claims (null: none)
     * @param orgRef      the resource's orgRef (a SalesforceOrg in its namespace or a ClusterSalesforceOrg)
     */
    public Claims(String index, Function<R, String> claimedName, Function<R, OrgReference> orgRef) {
        this.index = index;
        this.claimedName = claimedName;
        this.orgRef = orgRef;
    }

    public void register(IndexerResourceCache<R> cache) {
        cache.addIndexer(index, r -> claimedName.apply(r) == null ? List.of() : List.of(normalise(claimedName.apply(r))));
        cache.addIndexer(index + "-record", r -> OwnershipRecords.read(r).filter(rec -> rec.id() != null && rec.id().length() >= 15)
                .map(rec -> List.of(rec.org() + "/" + rec.id().substring(0, 15))).orElse(List.of()));
    }

    /** Another resource whose ownership record names this Salesforce record: two resources never own one record. */
    public Optional<R> otherRecorder(R resource, String orgId, String recordId, IndexedResourceCache<R> cache) {
        if (recordId == null || recordId.length() < 15) {
            return Optional.empty();
        }
        return cache.byIndex(index + "-record", orgId + "/" + recordId.substring(0, 15)).stream()
                .filter(r -> !sameResource(r, resource)).findFirst();
    }

    /**
     * The resource that holds {@code name} in org {@code orgId}, if it is another one than {@code resource}.
     *
     * @param orgOf looks up the org a reference from a namespace names (OrgGate#lookup, from the informer caches)
     */
    public Optional<R> otherHolder(R resource, String name, String orgId, IndexedResourceCache<R> cache,
                                   BiFunction<String, OrgReference, Optional<SalesforceOrg>> orgOf) {
        if (name == null || orgId == null) {
            return Optional.empty();
        }
        return cache.byIndex(index, normalise(name)).stream()
                .filter(candidate -> orgId.equals(orgIdOf(candidate, orgOf)) || sameResource(candidate, resource))
                .min(Comparator.comparing((R r) -> Objects.toString(r.getMetadata().getCreationTimestamp(), ""))
                        .thenComparing(r -> r.getMetadata().getNamespace())
                        .thenComparing(r -> r.getMetadata().getName()))
                .filter(holder -> !sameResource(holder, resource));
    }

    /** The org a resource reaches: as recorded when it took ownership, else as its SalesforceOrg reports now. */
    private String orgIdOf(R candidate, BiFunction<String, OrgReference, Optional<SalesforceOrg>> orgOf) {
        Optional<String> recorded = OwnershipRecords.read(candidate).map(OwnershipRecord::org);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        OrgReference ref = orgRef.apply(candidate);
        if (ref == null || ref.getName() == null) {
            return null;
        }
        return orgOf.apply(candidate.getMetadata().getNamespace(), ref)
                .filter(o -> o.getStatus() != null).map(o -> o.getStatus().getOrgId()).orElse(null);
    }

    public static boolean sameResource(HasMetadata a, HasMetadata b) {
        return Objects.equals(a.getMetadata().getNamespace(), b.getMetadata().getNamespace())
                && Objects.equals(a.getMetadata().getName(), b.getMetadata().getName());
    }

    public static String describe(HasMetadata r) {
        return r.getMetadata().getNamespace() + "/" + r.getMetadata().getName();
    }

    private static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
