package io.sfintegration.controller.user;

import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.controller.OrgGate;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Wakes the users of a namespace that share a ClusterSalesforceOrg when one of them is gone, so the one waiting beyond
 * policy.maxUsersPerNamespace takes the freed slot without a restart or a timer. Only deletions: a new user never
 * changes the decision for an older one, and a user that takes a seat only moves ahead of users that took none.
 */
final class QuotaEventSource {

    private QuotaEventSource() {
    }

    static InformerEventSource<IntegrationUser, IntegrationUser> create(EventSourceContext<IntegrationUser> context) {
        var config = InformerEventSourceConfiguration.from(IntegrationUser.class, IntegrationUser.class)
                .withName("quota-slots-for-users")
                .withSecondaryToPrimaryMapper(gone -> sameOrg(context, gone).stream()
                        .filter(u -> !u.getMetadata().getName().equals(gone.getMetadata().getName()))
                        .map(ResourceID::fromResource).collect(Collectors.toSet()))
                .withOnAddFilter(u -> false)
                .withOnUpdateFilter((newer, older) -> false)
                .build();
        return new InformerEventSource<>(config, context);
    }

    /** The namespace's users that refer to the same cluster org as {@code user} (none for a namespaced org). */
    static List<IntegrationUser> sameOrg(EventSourceContext<IntegrationUser> context, IntegrationUser user) {
        return sameOrg(context.getPrimaryCache().list(user.getMetadata().getNamespace()).toList(), user);
    }

    static List<IntegrationUser> sameOrg(List<IntegrationUser> namespaceUsers, IntegrationUser user) {
        OrgReference ref = ref(user);
        if (ref == null || !ref.cluster()) {
            return List.of();
        }
        String key = OrgGate.key(user.getMetadata().getNamespace(), ref);
        return namespaceUsers.stream().filter(u -> ref(u) != null && Objects.equals(key, OrgGate.key(u.getMetadata().getNamespace(), ref(u))))
                .toList();
    }

    private static OrgReference ref(IntegrationUser u) {
        return u.getSpec() == null ? null : u.getSpec().getOrgRef();
    }
}
