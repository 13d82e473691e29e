package io.sfintegration.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetReference;
import io.sfintegration.controller.status.ConditionTypes;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Wakes the resources (users, groups) that reference a PermissionSet when it gets its Salesforce id, becomes Ready,
 * or is being deleted.
 */
public final class PermissionSetRefEventSource {

    static final String REF_INDEX = "permissionSetRef";

    private PermissionSetRefEventSource() {
    }

    public static <P extends HasMetadata> InformerEventSource<PermissionSet, P> create(EventSourceContext<P> context, Class<P> kind,
                                                                                      Function<P, List<PermissionSetReference>> references) {
        Function<P, List<String>> refs = p -> {
            List<PermissionSetReference> all = references.apply(p);
            return all == null ? List.of() : all.stream().map(PermissionSetReference::getRef)
                    .filter(r -> r != null && !r.isBlank()).distinct().toList();
        };
        context.getPrimaryCache().addIndexer(REF_INDEX, p -> refs.apply(p).stream()
                .map(ref -> p.getMetadata().getNamespace() + "/" + ref).toList());
        var config = InformerEventSourceConfiguration.from(PermissionSet.class, kind)
                .withName("permissionsets-for-" + kind.getSimpleName())
                .withSecondaryToPrimaryMapper(ps -> context.getPrimaryCache()
                        .byIndex(REF_INDEX, ps.getMetadata().getNamespace() + "/" + ps.getMetadata().getName())
                        .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper((P p) -> refs.apply(p).stream()
                        .map(ref -> new ResourceID(ref, p.getMetadata().getNamespace())).collect(Collectors.toSet()))
                .withOnUpdateFilter((newPs, oldPs) -> !Objects.equals(id(newPs), id(oldPs)) || ready(newPs) != ready(oldPs)
                        || !Objects.equals(newPs.getMetadata().getDeletionTimestamp(), oldPs.getMetadata().getDeletionTimestamp()))
                .build();
        return new InformerEventSource<>(config, context);
    }

    private static String id(PermissionSet ps) {
        return ps.getStatus() == null ? null : ps.getStatus().getPermissionSetId();
    }

    private static boolean ready(PermissionSet ps) {
        return ps.getStatus() != null && ps.getStatus().isTrue(ConditionTypes.READY);
    }
}
