package io.sfintegration.controller.org;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.sfintegration.api.v1alpha1.OrgReference;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The resources of one kind that reference an org object (a SalesforceOrg in their namespace or a
 * ClusterSalesforceOrg, by orgRef), watched so that an org being deleted learns when the last one is gone.
 *
 * @param <R> the dependent kind
 * @param <O> the org kind
 */
final class OrgDependents<R extends HasMetadata, O extends HasMetadata> {

    private final InformerEventSource<R, O> source;
    private final Function<R, Optional<ResourceID>> orgOf;

    /**
     * @param cluster whether {@code orgKind} is the cluster-scoped kind: then only references of kind
     *                ClusterSalesforceOrg count, else only those of kind SalesforceOrg
     */
    OrgDependents(EventSourceContext<O> context, Class<R> kind, Class<O> orgKind, boolean cluster, Set<String> namespaces,
                  Function<R, OrgReference> orgRef) {
        this.orgOf = r -> {
            OrgReference ref = orgRef.apply(r);
            if (ref == null || ref.getName() == null || ref.cluster() != cluster) {
                return Optional.empty();
            }
            return Optional.of(cluster ? new ResourceID(ref.getName()) : new ResourceID(ref.getName(), r.getMetadata().getNamespace()));
        };
        var config = InformerEventSourceConfiguration.from(kind, orgKind)
                .withName(kind.getSimpleName().toLowerCase(Locale.ROOT) + "s-for-" + orgKind.getSimpleName().toLowerCase(Locale.ROOT) + "s")
                // only an org being deleted cares, and only about dependents going away: a live org is not woken (its
                // reconcile reads Salesforce), nor by the spec and status changes of its users
                .withSecondaryToPrimaryMapper(r -> orgOf.apply(r)
                        .filter(org -> context.getPrimaryCache().get(org).filter(o -> o.getMetadata().getDeletionTimestamp() != null).isPresent())
                        .map(Set::of).orElse(Set.of()))
                .withOnUpdateFilter((newer, older) -> false)
                .withOnAddFilter(added -> false);
        if (!namespaces.isEmpty()) {
            config.withNamespaces(namespaces);
        }
        this.source = new InformerEventSource<>(config.build(), context);
    }

    InformerEventSource<R, O> eventSource() {
        return source;
    }

    /** namespace/name of the resources that reference the org, sorted. */
    List<String> of(O org) {
        ResourceID id = ResourceID.fromResource(org);
        return source.list(r -> orgOf.apply(r).filter(id::equals).isPresent())
                .map(r -> r.getMetadata().getNamespace() + "/" + r.getMetadata().getName()).sorted().toList();
    }
}
