package io.sfintegration.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.sfintegration.api.v1alpha1.ClusterSalesforceOrg;
import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.api.v1alpha1.SalesforceOrgStatus;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.salesforce.OrgKey;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The orgs and namespaces a controller's resources refer to, watched so that a resource waiting for its org is
 * reconciled the moment it can go on: its org becomes Ready or changes its spec (policy, allowed namespaces), or its
 * namespace gets the label a ClusterSalesforceOrg's selector asks for. Not on every usage update of an org.
 *
 * @param <P> the referring kind
 */
public final class OrgEventSources<P extends HasMetadata> implements OrgDirectory {

    public static final String ORG_INDEX = "orgRef";

    private final InformerEventSource<SalesforceOrg, P> orgs;
    private final InformerEventSource<ClusterSalesforceOrg, P> clusterOrgs;
    private final InformerEventSource<Namespace, P> namespaces;

    public OrgEventSources(EventSourceContext<P> context, Class<P> kind, Function<P, OrgReference> orgRef) {
        Function<P, String> key = p -> {
            OrgReference ref = orgRef.apply(p);
            return ref == null || ref.getName() == null ? null : OrgGate.key(p.getMetadata().getNamespace(), ref);
        };
        context.getPrimaryCache().addIndexer(ORG_INDEX, p -> key.apply(p) == null ? List.of() : List.of(key.apply(p)));
        Function<String, Set<ResourceID>> referrers = orgKey -> context.getPrimaryCache().byIndex(ORG_INDEX, orgKey).stream()
                .map(ResourceID::fromResource).collect(Collectors.toSet());
        orgs = new InformerEventSource<>(InformerEventSourceConfiguration.from(SalesforceOrg.class, kind)
                .withName("orgs-for-" + kind.getSimpleName())
                .withSecondaryToPrimaryMapper(org -> referrers.apply(OrgKey.namespaced(org.getMetadata().getNamespace(), org.getMetadata().getName())))
                .withPrimaryToSecondaryMapper((P p) -> {
                    OrgReference ref = orgRef.apply(p);
                    return ref == null || ref.cluster() || ref.getName() == null ? Set.of()
                            : Set.of(new ResourceID(ref.getName(), p.getMetadata().getNamespace()));
                })
                .withOnUpdateFilter((newer, older) -> changed(newer, older, SalesforceOrg::getStatus))
                .build(), context);
        clusterOrgs = new InformerEventSource<>(InformerEventSourceConfiguration.from(ClusterSalesforceOrg.class, kind)
                .withName("clusterorgs-for-" + kind.getSimpleName())
                .withWatchAllNamespaces()
                .withSecondaryToPrimaryMapper(org -> referrers.apply(OrgKey.cluster(org.getMetadata().getName())))
                .withOnUpdateFilter((newer, older) -> changed(newer, older, ClusterSalesforceOrg::getStatus))
                .build(), context);
        // a namespace's labels decide whether a selector allows it; only resources naming a cluster org care
        namespaces = new InformerEventSource<>(InformerEventSourceConfiguration.from(Namespace.class, kind)
                .withName("namespaces-for-" + kind.getSimpleName())
                .withWatchAllNamespaces()
                .withSecondaryToPrimaryMapper(ns -> context.getPrimaryCache()
                        .list(ns.getMetadata().getName(), p -> orgRef.apply(p) != null && orgRef.apply(p).cluster())
                        .map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withOnUpdateFilter((newer, older) -> !Objects.equals(newer.getMetadata().getLabels(), older.getMetadata().getLabels()))
                .build(), context);
    }

    public List<EventSource<?, P>> eventSources() {
        return List.of(orgs, clusterOrgs, namespaces);
    }

    @Override
    public Optional<SalesforceOrg> namespaced(String namespace, String name) {
        return orgs.get(new ResourceID(name, namespace));
    }

    @Override
    public Optional<ClusterSalesforceOrg> cluster(String name) {
        return clusterOrgs.get(new ResourceID(name));
    }

    @Override
    public Optional<Namespace> namespace(String name) {
        return namespaces.get(new ResourceID(name));
    }

    /** Readiness or the spec (generation) changed: what a referring resource's decision depends on. */
    private static <O extends HasMetadata> boolean changed(O newer, O older, Function<O, SalesforceOrgStatus> status) {
        return ready(status.apply(newer)) != ready(status.apply(older))
                || !Objects.equals(newer.getMetadata().getGeneration(), older.getMetadata().getGeneration());
    }

    private static boolean ready(SalesforceOrgStatus status) {
        return status != null && status.isTrue(ConditionTypes.READY);
    }
}
