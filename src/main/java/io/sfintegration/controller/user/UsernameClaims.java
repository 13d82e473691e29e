package io.sfintegration.controller.user;

import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.sfintegration.api.v1alpha1.IntegrationUser;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Two IntegrationUsers claiming one username in one org: the older resource keeps it (creation time, then name) and
 * the younger waits with reason Conflict, without touching Salesforce. Read from the informer cache, so it is free.
 */
final class UsernameClaims {

    static final String INDEX = "username";

    private UsernameClaims() {
    }

    static List<String> indexKeys(IntegrationUser user) {
        if (user.getSpec() == null || user.getSpec().getUsername() == null || user.getSpec().getOrgRef() == null) {
            return List.of();
        }
        return List.of(key(user));
    }

    static String key(IntegrationUser user) {
        return user.getMetadata().getNamespace() + "/" + user.getSpec().getOrgRef().getName() + "/"
                + user.getSpec().getUsername().toLowerCase(Locale.ROOT);
    }

    /** The older resource holding this user's username, if this one is not the holder. */
    static Optional<IntegrationUser> olderClaimant(IntegrationUser user, IndexedResourceCache<IntegrationUser> cache) {
        List<IntegrationUser> claimants = cache.byIndex(INDEX, key(user));
        // a holder that is being deleted still holds the username until its finalizer is done
        return claimants.stream()
                .min(Comparator.comparing((IntegrationUser u) -> u.getMetadata().getCreationTimestamp() == null ? "" : u.getMetadata().getCreationTimestamp())
                        .thenComparing(u -> u.getMetadata().getName()))
                .filter(holder -> !holder.getMetadata().getName().equals(user.getMetadata().getName()));
    }
}
