package io.sfintegration.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.sfintegration.api.v1alpha1.FieldPermission;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.ObjectPermission;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetDeletionPolicy;
import io.sfintegration.testing.EmulatorRest;
import io.sfintegration.testing.OperatorHarness;
import io.sfintegration.testing.Resources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class PermissionSetControllerTest {

    OperatorHarness harness;
    EmulatorRest sf;

    @BeforeEach
    void start() throws Exception {
        harness = OperatorHarness.start();
        sf = new EmulatorRest(harness.emulator());
        harness.createOrg();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void createsThePermissionSetWithItsLicenceAndPermissions() {
        PermissionSet ps = Resources.permissionSet("reader", "Test_Reader");
        ps.getSpec().getObjectPermissions().add(new ObjectPermission("Case", true, true, true, false, false, false));
        ps.getSpec().getUserPermissions().add("ApiEnabled");
        harness.create(ps);
        PermissionSet ready = harness.awaitCondition(PermissionSet.class, "reader", "Ready", "True");

        JsonNode row = sf.one("SELECT Id, Label, LicenseId, PermissionsApiEnabled FROM PermissionSet WHERE Name = 'Test_Reader'");
        assertThat(ready.getStatus().getPermissionSetId()).isEqualTo(row.path("Id").asText());
        assertThat(row.path("PermissionsApiEnabled").asBoolean()).isTrue();
        String psl = sf.one("SELECT Id FROM PermissionSetLicense WHERE MasterLabel = 'Salesforce API Integration'").path("Id").asText();
        assertThat(row.path("LicenseId").asText()).isEqualTo(psl);
        assertThat(sf.query("SELECT SobjectType, PermissionsRead, PermissionsCreate, PermissionsEdit FROM ObjectPermissions WHERE Parent.Name = 'Test_Reader'"))
                .extracting(r -> r.path("SobjectType").asText() + ":" + r.path("PermissionsRead").asBoolean() + r.path("PermissionsEdit").asBoolean())
                .containsExactlyInAnyOrder("Account:truefalse", "Case:truetrue");
        assertThat(sf.query("SELECT Field FROM FieldPermissions WHERE Parent.Name = 'Test_Reader'"))
                .extracting(r -> r.path("Field").asText()).containsExactly("Account.Phone");
    }

    @Test
    void removesRowsTheSpecNoLongerListsAndUpdatesChangedOnes() {
        PermissionSet ps = Resources.permissionSet("reader", "Test_Reader");
        ps.getSpec().getObjectPermissions().add(new ObjectPermission("Contact", true, false, false, false, false, false));
        harness.create(ps);
        harness.awaitCondition(PermissionSet.class, "reader", "Ready", "True");

        harness.edit(PermissionSet.class, "reader", changed -> {
            changed.getSpec().setObjectPermissions(new ArrayList<>(List.of(new ObjectPermission("Account", true, true, true, false, false, false))));
            changed.getSpec().setFieldPermissions(new ArrayList<>(List.of(new FieldPermission("Account.Industry", true, true))));
            changed.getSpec().setLabel("Renamed");
        });

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(sf.query("SELECT SobjectType, PermissionsEdit FROM ObjectPermissions WHERE Parent.Name = 'Test_Reader'"))
                    .extracting(r -> r.path("SobjectType").asText() + ":" + r.path("PermissionsEdit").asBoolean())
                    .containsExactly("Account:true");
            assertThat(sf.query("SELECT Field, PermissionsEdit FROM FieldPermissions WHERE Parent.Name = 'Test_Reader'"))
                    .extracting(r -> r.path("Field").asText() + ":" + r.path("PermissionsEdit").asBoolean())
                    .containsExactly("Account.Industry:true");
            assertThat(sf.one("SELECT Label FROM PermissionSet WHERE Name = 'Test_Reader'").path("Label").asText()).isEqualTo("Renamed");
        });
    }

    @Test
    void contradictorySpecIsRejectedBeforeCallingSalesforce() {
        PermissionSet ps = Resources.permissionSet("bad", "Test_Bad");
        ps.getSpec().setObjectPermissions(new ArrayList<>(List.of(new ObjectPermission("Account", false, false, true, true, false, false))));
        long calls = sf.apiCalls();
        // the API refuses it, as a real one does; the operator still checks objects stored before the rules existed
        assertThatThrownBy(() -> harness.create(ps)).hasMessageContaining("is invalid");
        harness.createBypassingAdmission(ps);
        PermissionSet refused = harness.awaitCondition(PermissionSet.class, "bad", "Ready", "False", "InvalidSpec");
        assertThat(refused.getStatus().condition("Ready").get().getMessage()).contains("edit").contains("read");
        assertThat(sf.apiCalls()).isEqualTo(calls);
        assertThat(sf.query("SELECT Id FROM PermissionSet WHERE Name = 'Test_Bad'")).isEmpty();
    }

    @Test
    void unknownObjectsAndFieldsAreReportedFromSalesforce() {
        PermissionSet ps = Resources.permissionSet("unknown", "Test_Unknown");
        ps.getSpec().getObjectPermissions().add(new ObjectPermission("NoSuchObject__c", true, false, false, false, false, false));
        harness.create(ps);
        PermissionSet refused = harness.awaitCondition(PermissionSet.class, "unknown", "Ready", "False", "RejectedBySalesforce");
        assertThat(refused.getStatus().condition("Ready").get().getMessage()).contains("NoSuchObject__c");
    }

    @Test
    void deletingASetInUseMakesItsUsersLetGoThenDeletesIt() {
        harness.create(Resources.permissionSet("reader", "Test_Reader"));
        harness.awaitCondition(PermissionSet.class, "reader", "Ready", "True");
        harness.create(Resources.user("erp", "erp@acme.example.com", "reader"));
        String userId = harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True").getStatus().getUserId();

        // the user still lists the set: it treats a set being deleted as not wanted, unassigns it, and the set goes
        harness.client().resource(harness.get(PermissionSet.class, "reader")).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.get(PermissionSet.class, "reader") == null);
        assertThat(sf.query("SELECT Id FROM PermissionSet WHERE Name = 'Test_Reader'")).isEmpty();
        assertThat(sf.query("SELECT Id FROM User WHERE Id = '" + userId + "' AND IsActive = true")).hasSize(1);
        // the spec still names a PermissionSet that no longer exists: the user says so, and waits for it
        harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "False", "PermissionSetNotReady");
    }

    @Test
    void deletionWaitsWhileAPersonStillHoldsTheSet() {
        harness.create(Resources.permissionSet("reader", "Test_Reader"));
        String psId = harness.awaitCondition(PermissionSet.class, "reader", "Ready", "True").getStatus().getPermissionSetId();
        String someone = sf.createApiOnlyUser("person@acme.example.com", "Person", "p@acme.example.com", "person");
        String licence = sf.one("SELECT Id FROM PermissionSetLicense WHERE MasterLabel = 'Salesforce API Integration'").path("Id").asText();
        sf.create("PermissionSetLicenseAssign", Map.of("AssigneeId", someone, "PermissionSetLicenseId", licence));
        sf.create("PermissionSetAssignment", Map.of("AssigneeId", someone, "PermissionSetId", psId));

        harness.client().resource(harness.get(PermissionSet.class, "reader")).delete();
        PermissionSet waiting = harness.awaitCondition(PermissionSet.class, "reader", "Ready", "False", "WaitingForUnassignment");
        assertThat(waiting.getStatus().condition("Ready").get().getMessage()).contains("1 user(s) still have it assigned");
        assertThat(sf.query("SELECT Id FROM PermissionSet WHERE Name = 'Test_Reader'")).hasSize(1);

        // the way out a person takes: leave the set to whoever still holds it
        harness.edit(PermissionSet.class, "reader", orphan -> {
            orphan.getSpec().setDeletionPolicy(PermissionSetDeletionPolicy.Orphan);
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.get(PermissionSet.class, "reader") == null);
        assertThat(sf.query("SELECT Id FROM PermissionSetAssignment WHERE PermissionSetId = '" + psId + "'")).hasSize(1);
    }

    @Test
    void orphanPolicyLeavesThePermissionSet() {
        PermissionSet ps = Resources.permissionSet("kept", "Test_Kept");
        ps.getSpec().setDeletionPolicy(PermissionSetDeletionPolicy.Orphan);
        harness.create(ps);
        harness.awaitCondition(PermissionSet.class, "kept", "Ready", "True");
        harness.client().resource(harness.get(PermissionSet.class, "kept")).delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.get(PermissionSet.class, "kept") == null);
        assertThat(sf.query("SELECT Id FROM PermissionSet WHERE Name = 'Test_Kept'")).hasSize(1);
    }
}
