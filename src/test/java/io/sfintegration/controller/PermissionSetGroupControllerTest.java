package io.sfintegration.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.sfintegration.api.v1alpha1.ManagementPolicy;
import io.sfintegration.api.v1alpha1.MutedPermissions;
import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetDeletionPolicy;
import io.sfintegration.api.v1alpha1.PermissionSetGroup;
import io.sfintegration.api.v1alpha1.PermissionSetGroupSpec;
import io.sfintegration.api.v1alpha1.PermissionSetReference;
import io.sfintegration.controller.ownership.OwnershipRecords;
import io.sfintegration.emulator.EmulatorConfig;
import io.sfintegration.testing.EmulatorRest;
import io.sfintegration.testing.MutableClock;
import io.sfintegration.testing.OperatorHarness;
import io.sfintegration.testing.Resources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 19 item 2: PermissionSetGroup end to end against the emulator. The emulator's recalculation runs on its own
 * clock, which the test moves: the group stays Ready=False Recalculating until the clock passes the recalculation.
 */
class PermissionSetGroupControllerTest {

    /** Longer than the emulator's recalculation (2 s of its clock). */
    static final Duration RECALCULATED = Duration.ofSeconds(3);

    final MutableClock clock = new MutableClock(Instant.now());
    OperatorHarness harness;
    EmulatorRest sf;

    @BeforeEach
    void start() throws Exception {
        harness = OperatorHarness.start(EmulatorConfig.builder().clock(clock).build());
        harness.createOrg();
        sf = new EmulatorRest(harness.emulator());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    static PermissionSetGroup group(String name, String apiName, PermissionSetReference... sets) {
        return Resources.permissionSetGroup(name, apiName, sets);
    }

    private PermissionSetGroup awaitRecalculatedReady(String name) {
        harness.awaitCondition(PermissionSetGroup.class, name, "Ready", "False", "Recalculating");
        clock.advance(RECALCULATED);
        return harness.awaitCondition(PermissionSetGroup.class, name, "Ready", "True");
    }

    private List<String> componentsOf(String groupId) {
        return sf.query("SELECT PermissionSetId FROM PermissionSetGroupComponent WHERE PermissionSetGroupId = '" + groupId + "'")
                .stream().map(r -> r.path("PermissionSetId").asText().substring(0, 15)).toList();
    }

    @Test
    void aGroupIsCreatedWithItsSetsAndMutingSetAndIsReadyOnceRecalculated() {
        harness.create(Resources.permissionSet("reader", "Test_Reader"));
        harness.create(Resources.permissionSet("writer", "Test_Writer"));
        String reader = harness.awaitCondition(PermissionSet.class, "reader", "Ready", "True").getStatus().getPermissionSetId();
        String writer = harness.awaitCondition(PermissionSet.class, "writer", "Ready", "True").getStatus().getPermissionSetId();
        PermissionSetGroup g = group("billing", "Billing_Role", PermissionSetReference.ofRef("reader"), PermissionSetReference.ofName("Test_Writer"));
        g.getSpec().setMutingPermissionSet(new MutedPermissions(List.of("ViewSetup")));
        harness.create(g);

        PermissionSetGroup ready = awaitRecalculatedReady("billing");
        String groupId = ready.getStatus().getPermissionSetGroupId();
        String mutingId = ready.getStatus().getMutingPermissionSetId();
        assertThat(ready.getStatus().getGroupStatus()).isEqualTo("Updated");
        assertThat(ready.getStatus().getPermissionSets()).containsExactly("Test_Reader", "Test_Writer");
        assertThat(componentsOf(groupId)).containsExactlyInAnyOrder(reader.substring(0, 15), writer.substring(0, 15), mutingId.substring(0, 15));
        JsonNode muting = sf.one("SELECT DeveloperName, PermissionsViewSetup, PermissionsApiEnabled FROM MutingPermissionSet WHERE Id = '" + mutingId + "'");
        assertThat(muting.path("DeveloperName").asText()).isEqualTo("Billing_Role_Muting");
        assertThat(muting.path("PermissionsViewSetup").asBoolean()).isTrue();
        assertThat(muting.path("PermissionsApiEnabled").asBoolean()).isFalse();
        assertThat(sf.one("SELECT Description FROM PermissionSetGroup WHERE Id = '" + groupId + "'").path("Description").asText())
                .isEqualTo("test group [sfio:harness]");
        assertThat(OwnershipRecords.read(ready)).hasValueSatisfying(r -> assertThat(r.created()).isTrue());

        // a set leaves the spec: its component is removed, the group recalculates and is Ready again
        PermissionSetGroup edited = harness.get(PermissionSetGroup.class, "billing");
        edited.getSpec().setPermissionSets(new ArrayList<>(List.of(PermissionSetReference.ofRef("reader"))));
        harness.client().resource(edited).update();
        await().atMost(Duration.ofSeconds(30)).until(() -> componentsOf(groupId).size() == 2);
        awaitRecalculatedReady("billing");
        assertThat(componentsOf(groupId)).containsExactlyInAnyOrder(reader.substring(0, 15), mutingId.substring(0, 15));
    }

    @Test
    void aGroupAPersonMadeIsNeitherChangedNorDeleted() {
        String set = sf.create("PermissionSet", Map.of("Name", "Hand_Made", "Label", "Hand Made"));
        String personal = sf.create("PermissionSetGroup", Map.of("DeveloperName", "Sales_Ops", "MasterLabel", "Sales Ops"));
        sf.create("PermissionSetGroupComponent", Map.of("PermissionSetGroupId", personal, "PermissionSetId", set));
        harness.create(group("sales", "Sales_Ops"));

        harness.awaitCondition(PermissionSetGroup.class, "sales", "Ready", "False", "AdoptionRefused");
        assertThat(componentsOf(personal)).hasSize(1);
        assertThat(sf.one("SELECT MasterLabel FROM PermissionSetGroup WHERE Id = '" + personal + "'").path("MasterLabel").asText()).isEqualTo("Sales Ops");

        harness.client().resource(harness.get(PermissionSetGroup.class, "sales")).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.get(PermissionSetGroup.class, "sales") == null);
        assertThat(sf.query("SELECT Id FROM PermissionSetGroup WHERE Id = '" + personal + "'")).hasSize(1);
    }

    @Test
    void observeReadsAndPlansButWritesNothing() {
        String set = sf.create("PermissionSet", Map.of("Name", "Hand_Made", "Label", "Hand Made"));
        String personal = sf.create("PermissionSetGroup", Map.of("DeveloperName", "Sales_Ops", "MasterLabel", "Sales Ops"));
        sf.create("PermissionSetGroupComponent", Map.of("PermissionSetGroupId", personal, "PermissionSetId", set));
        long writesBefore = sf.writeCalls();
        PermissionSetGroup g = group("sales", "Sales_Ops");
        g.getSpec().setManagementPolicy(ManagementPolicy.Observe);
        harness.create(g);

        PermissionSetGroup observed = harness.awaitCondition(PermissionSetGroup.class, "sales", "Planned", "True");
        assertThat(observed.getStatus().getPermissionSetGroupId()).startsWith(personal.substring(0, 15));
        assertThat(observed.getStatus().getPlan()).anyMatch(l -> l.startsWith("label: Sales Ops -> Sales Ops") || l.startsWith("description:"))
                .anyMatch(l -> l.startsWith("remove permission set"));
        harness.client().resource(harness.get(PermissionSetGroup.class, "sales")).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.get(PermissionSetGroup.class, "sales") == null);
        assertThat(sf.writeCalls() - writesBefore).as("Observe writes nothing, not even on deletion").isZero();
        assertThat(componentsOf(personal)).hasSize(1);
    }

    @Test
    void aLostCreateAnswerIsLookedUpNotSentAgainAndDeletionPoliciesAreHonoured() {
        sf.admin("POST", "/__emulator/faults/fail-next", Map.of("count", 1, "errorCode", "CONNECTION_DROP_AFTER_COMMIT",
                "path", "sobjects/PermissionSetGroup"));
        harness.create(group("kept", "Kept_Group"));
        String kept = awaitRecalculatedReady("kept").getStatus().getPermissionSetGroupId();
        assertThat(sf.query("SELECT Id FROM PermissionSetGroup WHERE DeveloperName = 'Kept_Group'")).hasSize(1);

        harness.create(group("gone", "Gone_Group"));
        String gone = awaitRecalculatedReady("gone").getStatus().getPermissionSetGroupId();

        PermissionSetGroup orphan = harness.get(PermissionSetGroup.class, "kept");
        orphan.getSpec().setDeletionPolicy(PermissionSetDeletionPolicy.Orphan);
        harness.client().resource(orphan).update();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.get(PermissionSetGroup.class, "kept").getSpec().getDeletionPolicy()
                == PermissionSetDeletionPolicy.Orphan);
        harness.client().resource(harness.get(PermissionSetGroup.class, "kept")).delete();
        harness.client().resource(harness.get(PermissionSetGroup.class, "gone")).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.get(PermissionSetGroup.class, "kept") == null
                && harness.get(PermissionSetGroup.class, "gone") == null);
        assertThat(sf.query("SELECT Id FROM PermissionSetGroup WHERE Id = '" + kept + "'")).as("Orphan leaves it").hasSize(1);
        assertThat(sf.query("SELECT Id FROM PermissionSetGroup WHERE Id = '" + gone + "'")).as("Delete removes it").isEmpty();
    }
}
