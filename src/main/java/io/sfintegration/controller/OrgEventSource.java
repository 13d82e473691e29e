package io.sfintegration.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.controller.status.ConditionTypes;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Watches SalesforceOrgs for a controller whose resources reference one by name in their own namespace, so that a
 * resource waiting for its org is reconciled the moment the org becomes Ready (and not on every usage update).
 */
public final class OrgEventSource {

    public static final String ORG_INDEX = "orgRef";

    private OrgEventSource() {
    }

    public static <P extends HasMetadata> InformerEventSource<SalesforceOrg, P> create(
            EventSourceContext<P> context, Class<P> kind, Function<P, String> orgName) {
        context.getPrimaryCache().addIndexer(ORG_INDEX, p -> orgName.apply(p) == null ? List.of()
                : List.of(OrgCatalog.key(p.getMetadata().getNamespace(), orgName.apply(p))));
        var config = InformerEventSourceConfiguration.from(SalesforceOrg.class, kind)
                .withName("orgs-for-" + kind.getSimpleName())
                .withSecondaryToPrimaryMapper(org -> context.getPrimaryCache()
                        .byIndex(ORG_INDEX, OrgCatalog.key(org.getMetadata().getNamespace(), org.getMetadata().getName()))
                        .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper((P p) -> orgName.apply(p) == null ? Set.of()
                        : Set.of(new ResourceID(orgName.apply(p), p.getMetadata().getNamespace())))
                .withOnUpdateFilter((newOrg, oldOrg) -> readiness(newOrg) != readiness(oldOrg)
                        || !Objects.equals(newOrg.getMetadata().getGeneration(), oldOrg.getMetadata().getGeneration()))
                .build();
        return new InformerEventSource<>(config, context);
    }

    private static boolean readiness(SalesforceOrg org) {
        return org.getStatus() != null && org.getStatus().isTrue(ConditionTypes.READY);
    }
}
