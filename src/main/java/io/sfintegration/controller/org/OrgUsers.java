package io.sfintegration.controller.org;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;

import java.util.ArrayList;
import java.util.List;

/**
 * The IntegrationUsers and PermissionSets that use an org object, for either org kind.
 *
 * @param <O> the org kind
 */
final class OrgUsers<O extends HasMetadata> {

    private final OrgDependents<IntegrationUser, O> users;
    private final OrgDependents<PermissionSet, O> permissionSets;

    /** @param namespaces where the dependents are read; empty: the org controller's own namespaces */
    OrgUsers(EventSourceContext<O> context, Class<O> orgKind, boolean cluster, java.util.Set<String> namespaces) {
        users = new OrgDependents<>(context, IntegrationUser.class, orgKind, cluster, namespaces,
                u -> u.getSpec() == null ? null : u.getSpec().getOrgRef());
        permissionSets = new OrgDependents<>(context, PermissionSet.class, orgKind, cluster, namespaces,
                p -> p.getSpec() == null ? null : p.getSpec().getOrgRef());
    }

    List<EventSource<?, O>> eventSources() {
        return List.of(users.eventSource(), permissionSets.eventSource());
    }

    /** namespace/name of the resources that reference the org (none before the event sources exist). */
    static <O extends HasMetadata> List<String> of(OrgUsers<O> known, O org) {
        List<String> out = new ArrayList<>();
        if (known != null) {
            out.addAll(known.users.of(org));
            out.addAll(known.permissionSets.of(org));
        }
        return out;
    }
}
