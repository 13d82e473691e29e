package io.sfintegration.controller;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetGroup;
import io.sfintegration.api.v1alpha1.PermissionSetGroupReference;
import io.sfintegration.api.v1alpha1.PermissionSetReference;
import io.sfintegration.controller.status.ConditionTypes;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Wakes the resources (users, groups) that reference a PermissionSet (or a user that references a PermissionSetGroup)
 * when it gets its Salesforce id, becomes Ready, or is being deleted.
 */
public final class PermissionSetRefEventSource {

    static final String REF_INDEX = "permissionSetRef";
    static final String GROUP_REF_INDEX = "permissionSetGroupRef";

    private PermissionSetRefEventSource() {
    }

    public static <P extends HasMetadata> InformerEventSource<PermissionSet, P> create(EventSourceContext<P> context, Class<P> kind,
                                                                                      Function<P, List<PermissionSetReference>> references) {
        return create(context, kind, PermissionSet.class, REF_INDEX, p -> {
            List<PermissionSetReference> all = references.apply(p);
            return all == null ? List.of() : all.stream().map(PermissionSetReference::getRef).toList();
        }, ps -> List.of(String.valueOf(id(ps)), String.valueOf(ready(ps))));
    }

    /** The same for PermissionSetGroups a resource references (IntegrationUser.spec.permissionSetGroups). */
    public static <P extends HasMetadata> InformerEventSource<PermissionSetGroup, P> forGroups(EventSourceContext<P> context, Class<P> kind,
                                                                                             Function<P, List<PermissionSetGroupReference>> references) {
        return create(context, kind, PermissionSetGroup.class, GROUP_REF_INDEX, p -> {
            List<PermissionSetGroupReference> all = references.apply(p);
            return all == null ? List.of() : all.stream().map(PermissionSetGroupReference::getRef).toList();
        }, g -> List.of(String.valueOf(g.getStatus() == null ? null : g.getStatus().getPermissionSetGroupId()),
                String.valueOf(g.getStatus() != null && g.getStatus().isTrue(ConditionTypes.READY))));
    }

    /**
     * @param refNames the names of the referenced resources (nulls and blanks ignored)
     * @param state    what of a referenced resource matters: an update that does not change it wakes nobody
     */
    private static <P extends HasMetadata, S extends HasMetadata> InformerEventSource<S, P> create(
            EventSourceContext<P> context, Class<P> kind, Class<S> referenced, String index,
            Function<P, List<String>> refNames, Function<S, List<String>> state) {
        Function<P, List<String>> refs = p -> refNames.apply(p).stream().filter(r -> r != null && !r.isBlank()).distinct().toList();
        context.getPrimaryCache().addIndexer(index, p -> refs.apply(p).stream()
                .map(ref -> p.getMetadata().getNamespace() + "/" + ref).toList());
        var config = InformerEventSourceConfiguration.from(referenced, kind)
                .withName(referenced.getSimpleName().toLowerCase(java.util.Locale.ROOT) + "s-for-" + kind.getSimpleName())
                .withSecondaryToPrimaryMapper(s -> context.getPrimaryCache()
                        .byIndex(index, s.getMetadata().getNamespace() + "/" + s.getMetadata().getName())
                        .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper((P p) -> refs.apply(p).stream()
                        .map(ref -> new ResourceID(ref, p.getMetadata().getNamespace())).collect(Collectors.toSet()))
                .withOnUpdateFilter((newS, oldS) -> !Objects.equals(state.apply(newS), state.apply(oldS))
                        || !Objects.equals(newS.getMetadata().getDeletionTimestamp(), oldS.getMetadata().getDeletionTimestamp()))
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
