package io.sfintegration.controller.policy;

import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.controller.ownership.OwnershipRecord;
import io.sfintegration.controller.ownership.OwnershipRecords;
import io.sfintegration.testing.Resources;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The quota's order: users holding a Salesforce user first, then oldest, then by name; the same for every caller. */
class NamespaceQuotaTest {

    @Test
    void theOldestAreWithinTheQuotaAndTiesGoByName() {
        IntegrationUser a = user("a", "2026-12-01T10:00:00Z");
        IntegrationUser b = user("b", "2026-12-01T10:00:00Z");
        IntegrationUser c = user("c", "2026-12-01T09:00:00Z");
        List<IntegrationUser> all = List.of(a, b, c);
        assertThat(NamespaceQuota.check(c, 2, all)).isEmpty();
        assertThat(NamespaceQuota.check(a, 2, all)).isEmpty();
        assertThat(NamespaceQuota.check(b, 2, all)).hasValueSatisfying(m -> assertThat(m)
                .contains("policy.maxUsersPerNamespace is 2", "has 3 IntegrationUsers", "number 3"));
        assertThat(NamespaceQuota.check(b, null, all)).as("no quota").isEmpty();
    }

    @Test
    void aUserThatExistsInSalesforceIsNeverPushedOutByAnOlderResourceSeenLate() {
        IntegrationUser seen = user("z-late", "2026-12-01T10:00:00Z");
        IntegrationUser holder = user("m-holder", "2026-12-01T10:00:05Z");
        holder.getMetadata().setAnnotations(new java.util.HashMap<>(java.util.Map.of(OwnershipRecords.ANNOTATION,
                io.fabric8.kubernetes.client.utils.Serialization.asJson(OwnershipRecord.pendingCreate("00D000000000001EAA", "m-holder@acme.example.com")
                        .created("005000000000001AAA")))));
        List<IntegrationUser> all = List.of(seen, holder);
        assertThat(NamespaceQuota.check(holder, 1, all)).isEmpty();
        assertThat(NamespaceQuota.check(seen, 1, all)).isPresent();
    }

    private static IntegrationUser user(String name, String created) {
        IntegrationUser u = Resources.user(name, name + "@acme.example.com");
        u.getMetadata().setCreationTimestamp(created);
        return u;
    }
}
