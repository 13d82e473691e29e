package io.sfintegration.controller.org;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.sfintegration.api.v1alpha1.SalesforceOrg;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The resources of one kind that reference a SalesforceOrg (same namespace, by orgRef), watched so that an org being
 * deleted learns when the last one is gone.
 *
 * @param <R> the dependent kind
 */
final class OrgDependents<R extends HasMetadata> {

    private final InformerEventSource<R, SalesforceOrg> source;
    private final Function<R, String> orgRef;

    OrgDependents(EventSourceContext<SalesforceOrg> context, Class<R> kind, Function<R, String> orgRef) {
        this.orgRef = orgRef;
        var config = InformerEventSourceConfiguration.from(kind, SalesforceOrg.class)
                .withName(kind.getSimpleName().toLowerCase(Locale.ROOT) + "s-for-orgs")
                // only an org being deleted cares, and only about dependents going away: a live org is not woken (its
                // reconcile reads Salesforce), nor by the spec and status changes of its users
                .withSecondaryToPrimaryMapper(r -> {
                    if (orgRef.apply(r) == null) {
                        return Set.of();
                    }
                    ResourceID org = new ResourceID(orgRef.apply(r), r.getMetadata().getNamespace());
                    return context.getPrimaryCache().get(org).filter(o -> o.getMetadata().getDeletionTimestamp() != null)
                            .map(o -> Set.of(org)).orElse(Set.of());
                })
                .withOnUpdateFilter((newer, older) -> false)
                .withOnAddFilter(added -> false)
                .build();
        this.source = new InformerEventSource<>(config, context);
    }

    InformerEventSource<R, SalesforceOrg> eventSource() {
        return source;
    }

    /** namespace/name of the resources that reference the org, sorted. */
    List<String> of(SalesforceOrg org) {
        return source.list(org.getMetadata().getNamespace(), r -> org.getMetadata().getName().equals(orgRef.apply(r)))
                .map(r -> r.getMetadata().getNamespace() + "/" + r.getMetadata().getName()).sorted().toList();
    }
}
