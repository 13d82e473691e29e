package io.sfintegration.controller.user;

import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetReference;
import io.sfintegration.controller.status.ConditionTypes;

import java.util.List;
import java.util.Objects;

import java.util.stream.Collectors;

/** Wakes the users that reference a PermissionSet when it gets its Salesforce id, becomes Ready, or is being deleted. */
final class PermissionSetEventSource {

    static final String REF_INDEX = "permissionSetRef";

    private PermissionSetEventSource() {
    }

    static InformerEventSource<PermissionSet, IntegrationUser> create(EventSourceContext<IntegrationUser> context) {
        context.getPrimaryCache().addIndexer(REF_INDEX, user -> refs(user).stream()
                .map(ref -> user.getMetadata().getNamespace() + "/" + ref).toList());
        var config = InformerEventSourceConfiguration.from(PermissionSet.class, IntegrationUser.class)
                .withName("permissionsets-for-users")
                .withSecondaryToPrimaryMapper(ps -> context.getPrimaryCache()
                        .byIndex(REF_INDEX, ps.getMetadata().getNamespace() + "/" + ps.getMetadata().getName())
                        .stream().map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper((IntegrationUser user) -> refs(user).stream()
                        .map(ref -> new ResourceID(ref, user.getMetadata().getNamespace())).collect(Collectors.toSet()))
                .withOnUpdateFilter((newPs, oldPs) -> !Objects.equals(id(newPs), id(oldPs)) || ready(newPs) != ready(oldPs)
                        || !Objects.equals(newPs.getMetadata().getDeletionTimestamp(), oldPs.getMetadata().getDeletionTimestamp()))
                .build();
        return new InformerEventSource<>(config, context);
    }

    static List<String> refs(IntegrationUser user) {
        if (user.getSpec() == null) {
            return List.of();
        }
        return user.getSpec().getPermissionSets().stream().map(PermissionSetReference::getRef)
                .filter(r -> r != null && !r.isBlank()).distinct().toList();
    }

    private static String id(PermissionSet ps) {
        return ps.getStatus() == null ? null : ps.getStatus().getPermissionSetId();
    }

    private static boolean ready(PermissionSet ps) {
        return ps.getStatus() != null && ps.getStatus().isTrue(ConditionTypes.READY);
    }

}
