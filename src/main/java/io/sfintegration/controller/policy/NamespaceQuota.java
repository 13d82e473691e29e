package io.sfintegration.controller.policy;

import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.controller.ownership.OwnershipRecord;
import io.sfintegration.controller.ownership.OwnershipRecords;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * policy.maxUsersPerNamespace of a ClusterSalesforceOrg: which of a namespace's IntegrationUsers in that org are
 * within the quota. Deterministic, so every reconcile of every user agrees: users that hold a Salesforce user already
 * (their ownership record has its id) come first, then by creationTimestamp, then by name. So a user that exists in
 * Salesforce is never pushed out by a newer one (not even one created in the same second that the cache saw late),
 * and a lowered quota marks the newest existing ones, which keep their Salesforce user as it is.
 */
public final class NamespaceQuota {

    private NamespaceQuota() {
    }

    /**
     * @param sameOrg the namespace's IntegrationUsers that refer to the same cluster org, {@code user} included;
     *                users being deleted count until they are gone (their seat is freed when they are retired)
     */
    public static Optional<String> check(IntegrationUser user, Integer max, List<IntegrationUser> sameOrg) {
        if (max == null) {
            return Optional.empty();
        }
        List<IntegrationUser> ordered = sameOrg.stream().sorted(ORDER).toList();
        int position = 0;
        for (IntegrationUser u : ordered) {
            position++;
            if (Objects.equals(u.getMetadata().getName(), user.getMetadata().getName())) {
                break;
            }
        }
        if (position <= max) {
            return Optional.empty();
        }
        return Optional.of("policy.maxUsersPerNamespace is " + max + " and namespace " + user.getMetadata().getNamespace()
                + " has " + ordered.size() + " IntegrationUsers in this org; this one is number " + position
                + " (users that exist in Salesforce first, then oldest first); no seat was taken");
    }

    private static final Comparator<IntegrationUser> ORDER = Comparator
            .comparing((IntegrationUser u) -> holdsUser(u) ? 0 : 1)
            .thenComparing(u -> Objects.toString(u.getMetadata().getCreationTimestamp(), ""))
            .thenComparing(u -> u.getMetadata().getName());

    private static boolean holdsUser(IntegrationUser u) {
        return OwnershipRecords.read(u).map(OwnershipRecord::id).isPresent();
    }
}
