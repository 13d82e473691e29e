package io.sfintegration.controller.permissionsetgroup;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.sfintegration.api.v1alpha1.MutedPermissions;
import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.api.v1alpha1.PermissionSetGroupSpec;
import io.sfintegration.api.v1alpha1.PermissionSetGroupStatus;
import io.sfintegration.controller.ownership.Installation;
import io.sfintegration.salesforce.GroupComponent;
import io.sfintegration.salesforce.MutingSetState;
import io.sfintegration.salesforce.PermissionSetGroupFields;
import io.sfintegration.salesforce.PermissionSetGroupState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure parts of the group controller: what differs, and when to read a recalculating group again. */
class GroupDiffAndRecalculationTest {

    static final Installation INSTALLATION = new Installation("test");
    static final String READER = "0PS000000000001AAA";
    static final String WRITER = "0PS000000000002AAA";
    static final String PERSONAL = "0PS000000000003AAA";
    static final String MUTING = "0QM000000000001AAA";
    static final String GROUP = "0PG000000000001AAA";

    static PermissionSetGroupSpec spec(boolean mutes) {
        PermissionSetGroupSpec spec = new PermissionSetGroupSpec();
        spec.setOrgRef(new OrgReference("org"));
        spec.setName("Billing_Role");
        spec.setLabel("Billing Role");
        if (mutes) {
            spec.setMutingPermissionSet(new MutedPermissions(List.of("ViewSetup")));
        }
        return spec;
    }

    static Map<String, String> sets(String... idsByName) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < idsByName.length; i += 2) {
            out.put(idsByName[i], idsByName[i + 1]);
        }
        return out;
    }

    @Test
    void missingSetsAreAddedExtraOnesRemovedAndTheMutingComponentKept() {
        DesiredGroup desired = DesiredGroup.of(spec(true), sets("Reader", READER, "Writer", WRITER), INSTALLATION);
        MutingSetState muting = new MutingSetState(MUTING, new PermissionSetGroupFields("Billing_Role_Muting", "m",
                INSTALLATION.tagged("m", 255)), Set.of("ViewSetup"));
        PermissionSetGroupState found = new PermissionSetGroupState(GROUP, desired.fields(), "Updated", List.of(
                new GroupComponent("0PC1", GROUP, READER.substring(0, 15)), new GroupComponent("0PC2", GROUP, PERSONAL),
                new GroupComponent("0PC3", GROUP, MUTING)), muting);

        GroupDiff diff = GroupDiff.of(desired, found);

        assertThat(diff.add()).containsExactly(WRITER);
        assertThat(diff.remove()).extracting(GroupComponent::id).containsExactly("0PC2");
        assertThat(diff.fieldsChanged()).isFalse();
        assertThat(diff.mutingChanged()).isFalse();
        assertThat(diff.mutingRetired()).isFalse();
        assertThat(diff.lines()).containsExactly("add permission set Writer to group Billing_Role",
                "remove permission set " + PERSONAL + " from group Billing_Role");
    }

    @Test
    void aMutingSetNoLongerWantedIsRetiredOnlyWhenTheOperatorMadeIt() {
        DesiredGroup desired = DesiredGroup.of(spec(false), sets(), INSTALLATION);
        MutingSetState ours = new MutingSetState(MUTING, new PermissionSetGroupFields("Billing_Role_Muting", "m", INSTALLATION.tagged("m", 255)), Set.of());
        MutingSetState persons = new MutingSetState(MUTING, new PermissionSetGroupFields("Billing_Role_Muting", "m", "made in Setup"), Set.of());
        List<GroupComponent> components = List.of(new GroupComponent("0PC3", GROUP, MUTING));

        assertThat(GroupDiff.of(desired, new PermissionSetGroupState(GROUP, desired.fields(), "Updated", components, ours)).mutingRetired()).isTrue();
        assertThat(GroupDiff.of(desired, new PermissionSetGroupState(GROUP, desired.fields(), "Updated", components, persons)).mutingRetired()).isFalse();
    }

    @Test
    void mutingNamesFitEightyCharactersWithoutDoubleUnderscores() {
        assertThat(DesiredGroup.mutingName("Billing_Role")).isEqualTo("Billing_Role_Muting");
        String longName = "A".repeat(72) + "_B234567";
        assertThat(DesiredGroup.mutingName(longName)).hasSize(79).endsWith("A_Muting").doesNotContain("__");
    }

    @Test
    void recalculationIsPolledLessOftenTheLongerItTakes() {
        Instant now = Instant.parse("2026-12-02T12:00:00Z");
        PermissionSetGroupStatus fresh = new PermissionSetGroupStatus();
        assertThat(Recalculation.nextPoll(fresh, now)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Recalculation.nextPoll(since(now.minusSeconds(10)), now)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Recalculation.nextPoll(since(now.minusSeconds(3600)), now)).isEqualTo(Duration.ofMinutes(1));
        assertThat(Recalculation.done("Updated")).isTrue();
        assertThat(Recalculation.done("Updating")).isFalse();
        assertThat(Recalculation.done("Outdated")).isFalse();
        assertThat(Recalculation.failed("Failed")).isTrue();
    }

    private static PermissionSetGroupStatus since(Instant at) {
        PermissionSetGroupStatus status = new PermissionSetGroupStatus();
        status.setConditions(List.of(new ConditionBuilder().withType("Ready").withStatus("False").withReason("Recalculating")
                .withLastTransitionTime(at.toString()).build()));
        return status;
    }
}
