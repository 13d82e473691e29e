package io.sfintegration.controller.permissionset;

import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetReference;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The IntegrationUsers that use a PermissionSet, watched so that a set waiting to be deleted is reconciled the moment
 * a user drops it or goes away, instead of polling Salesforce. A user maps to the sets it references (by resource or
 * by API name) and, because a user that just dropped a reference no longer names it, to every set of its namespace
 * that is being deleted.
 */
final class UserReferences {

    private UserReferences() {
    }

    static InformerEventSource<IntegrationUser, PermissionSet> create(EventSourceContext<PermissionSet> context) {
        var config = InformerEventSourceConfiguration.from(IntegrationUser.class, PermissionSet.class)
                .withName("users-for-permissionsets")
                .withSecondaryToPrimaryMapper(user -> {
                    Set<ResourceID> sets = new HashSet<>();
                    String namespace = user.getMetadata().getNamespace();
                    context.getPrimaryCache().list(namespace).forEach(ps -> {
                        if (ps.getMetadata().getDeletionTimestamp() != null || references(user, ps)) {
                            sets.add(ResourceID.fromResource(ps));
                        }
                    });
                    return sets;
                })
                .withPrimaryToSecondaryMapper((PermissionSet ps) -> Set.of())
                .build();
        return new InformerEventSource<>(config, context);
    }

    /** Whether the user's spec asks for this set, by resource name or by API name. */
    static boolean references(IntegrationUser user, PermissionSet ps) {
        if (user.getSpec() == null || !user.getMetadata().getNamespace().equals(ps.getMetadata().getNamespace())) {
            return false;
        }
        String apiName = ps.getSpec() == null || ps.getSpec().getName() == null ? "" : ps.getSpec().getName().toLowerCase(Locale.ROOT);
        for (PermissionSetReference ref : user.getSpec().getPermissionSets()) {
            if (ps.getMetadata().getName().equals(ref.getRef())
                    || (ref.getName() != null && ref.getName().toLowerCase(Locale.ROOT).equals(apiName))) {
                return true;
            }
        }
        return false;
    }

    /** namespace/name of the users (in the set's namespace) whose spec still asks for it. */
    static List<String> referencing(InformerEventSource<IntegrationUser, PermissionSet> users, PermissionSet ps) {
        return users.list(ps.getMetadata().getNamespace(), u -> references(u, ps))
                .map(u -> u.getMetadata().getNamespace() + "/" + u.getMetadata().getName()).sorted().collect(Collectors.toList());
    }
}
