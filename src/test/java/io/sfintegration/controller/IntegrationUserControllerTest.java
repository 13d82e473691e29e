package io.sfintegration.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Event;
import io.sfintegration.api.v1alpha1.AdoptionPolicy;
import io.sfintegration.api.v1alpha1.AssignedPermissionSet;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetReference;
import io.sfintegration.api.v1alpha1.UserDeletionPolicy;
import io.sfintegration.testing.EmulatorRest;
import io.sfintegration.testing.OperatorHarness;
import io.sfintegration.testing.Resources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/** The IntegrationUser lifecycle, observed through resource status and the emulated org's records. */
class IntegrationUserControllerTest {

    /** The operator marks the users it manages with this installation's marker permission set; most checks look past it. */
    static final String MARKER = "SFIO_Managed_harness";
    static final String NOT_MARKER = " AND PermissionSet.Name != '" + MARKER + "'";

    OperatorHarness harness;
    EmulatorRest sf;

    @BeforeEach
    void start() throws Exception {
        harness = OperatorHarness.start();
        sf = new EmulatorRest(harness.emulator());
        harness.createOrg();
        harness.create(Resources.permissionSet("reader", "Test_Reader"));
        harness.create(Resources.permissionSet("writer", "Test_Writer"));
        harness.awaitCondition(PermissionSet.class, "reader", "Ready", "True");
        harness.awaitCondition(PermissionSet.class, "writer", "Ready", "True");
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void createsTheRecommendedIntegrationUser() {
        harness.create(Resources.user("erp", "erp@acme.example.com", "reader", "writer"));
        IntegrationUser user = harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True");

        JsonNode user0 = sf.one("SELECT Id, Username, IsActive, Profile.Name, Profile.UserLicense.Name FROM User WHERE Username = 'erp@acme.example.com'");
        assertThat(user0.path("Profile").path("Name").asText()).isEqualTo("Minimum Access - API Only Integrations");
        assertThat(user0.path("Profile").path("UserLicense").path("Name").asText()).isEqualTo("Salesforce Integration");
        assertThat(user0.path("IsActive").asBoolean()).isTrue();
        assertThat(user.getStatus().getUserId()).isEqualTo(user0.path("Id").asText());
        assertThat(sf.query("SELECT Id FROM PermissionSetLicenseAssign WHERE AssigneeId = '" + user0.path("Id").asText()
                + "' AND PermissionSetLicense.MasterLabel = 'Salesforce API Integration'")).hasSize(1);
        assertThat(sf.query("SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = '" + user0.path("Id").asText()
                + "' AND PermissionSet.IsOwnedByProfile = false" + NOT_MARKER)).extracting(r -> r.path("PermissionSet").path("Name").asText())
                .containsExactlyInAnyOrder("Test_Reader", "Test_Writer");
        assertThat(user.getStatus().getAssignedPermissionSets()).extracting(AssignedPermissionSet::getName, AssignedPermissionSet::getManaged)
                .containsExactlyInAnyOrder(tuple("Test_Reader", true), tuple("Test_Writer", true), tuple(MARKER, true));
        assertThat(sf.query("SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '" + user0.path("Id").asText()
                + "' AND PermissionSet.Name = '" + MARKER + "'")).as("the ownership marker").hasSize(1);
        assertThat(user.getMetadata().getAnnotations()).containsKey("sfintegration.io/ownership");
        assertThat(user.getStatus().getAssignedPermissionSetLicenses()).extracting(AssignedPermissionSet::getName)
                .containsExactly("Salesforce API Integration");
        assertThat(user.getStatus().condition("Synced")).get().extracting(c -> c.getStatus()).isEqualTo("True");
        assertThat(events("erp")).extracting(Event::getReason).contains("Created");
    }

    @Test
    void reReconcileWithoutChangeMakesNoWriteCall() {
        harness.create(Resources.user("erp", "erp@acme.example.com", "reader"));
        harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True");
        long writes = sf.writeCalls();
        String resourceVersion = harness.get(IntegrationUser.class, "erp").getMetadata().getResourceVersion();

        harness.restartOperator();   // every resource is reconciled again from scratch
        harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);

        assertThat(sf.writeCalls()).as("write calls after a re-reconcile with nothing changed").isEqualTo(writes);
        assertThat(harness.get(IntegrationUser.class, "erp").getMetadata().getResourceVersion())
                .as("no status write either").isEqualTo(resourceVersion);
    }

    @Test
    void convergesSpecChangesAndLeavesPeoplesAssignmentsAlone() {
        harness.create(Resources.user("erp", "erp@acme.example.com", "reader", "writer"));
        IntegrationUser user = harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True");
        String userId = user.getStatus().getUserId();
        // a person assigns another permission set in Setup
        String handMade = sf.create("PermissionSet", Map.of("Name", "Hand_Made", "Label", "Hand made",
                "LicenseId", sf.one("SELECT Id FROM PermissionSetLicense WHERE MasterLabel = 'Salesforce API Integration'").path("Id").asText()));
        sf.create("PermissionSetAssignment", Map.of("AssigneeId", userId, "PermissionSetId", handMade));

        harness.edit(IntegrationUser.class, "erp", changed -> {
            changed.getSpec().setFirstName("Enterprise");
            changed.getSpec().setPermissionSets(List.of(PermissionSetReference.ofRef("reader")));
        });

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(sf.one("SELECT FirstName FROM User WHERE Id = '" + userId + "'").path("FirstName").asText()).isEqualTo("Enterprise");
            assertThat(sf.query("SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = '" + userId
                    + "' AND PermissionSet.IsOwnedByProfile = false" + NOT_MARKER)).extracting(r -> r.path("PermissionSet").path("Name").asText())
                    .containsExactlyInAnyOrder("Test_Reader", "Hand_Made");
        });
        IntegrationUser after = harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True");
        assertThat(after.getStatus().getAssignedPermissionSets()).extracting(AssignedPermissionSet::getName, AssignedPermissionSet::getManaged)
                .containsExactlyInAnyOrder(tuple("Test_Reader", true), tuple("Hand_Made", false), tuple(MARKER, true));
        assertThat(after.getStatus().condition("Synced").get().getMessage()).contains("Hand_Made");
    }

    @Test
    void refusesAdministratorProfilesWithoutCallingSalesforceForWrites() {
        IntegrationUser admin = Resources.user("admin", "root@acme.example.com");
        admin.getSpec().setProfile("System Administrator");
        long writes = sf.writeCalls();
        harness.create(admin);
        IntegrationUser refused = harness.awaitCondition(IntegrationUser.class, "admin", "Ready", "False", "ProfileNotAllowed");
        assertThat(refused.getStatus().condition("Ready").get().getMessage()).contains("not API-only");
        assertThat(sf.query("SELECT Id FROM User WHERE Username = 'root@acme.example.com'")).isEmpty();
        assertThat(sf.writeCalls()).isEqualTo(writes);
    }

    @Test
    void invalidSpecIsReportedWithoutAnySalesforceCall() {
        IntegrationUser bad = Resources.user("bad", "not-an-email");
        bad.getSpec().setAlias("much-too-long");
        long calls = sf.apiCalls();
        // the API refuses it, as a real one does; the operator still checks objects stored before the rules existed
        assertThatThrownBy(() -> harness.create(bad)).hasMessageContaining("is invalid");
        harness.createBypassingAdmission(bad);
        IntegrationUser refused = harness.awaitCondition(IntegrationUser.class, "bad", "Ready", "False", "InvalidSpec");
        assertThat(refused.getStatus().condition("Ready").get().getMessage()).contains("username").contains("alias");
        assertThat(sf.apiCalls()).isEqualTo(calls);
    }

    @Test
    void hostileUsernameIsEscapedAndMatchesNothingElse() {
        harness.create(Resources.user("first", "victim@acme.example.com"));
        harness.awaitCondition(IntegrationUser.class, "first", "Ready", "True");
        // quotes are legal in an email-shaped username: the lookup must not turn them into SOQL
        harness.create(Resources.user("hostile", "x'OR'1'='1@acme.example.com"));
        IntegrationUser hostile = harness.awaitCondition(IntegrationUser.class, "hostile", "Ready", "True");
        assertThat(hostile.getStatus().getUserId()).isNotEqualTo(harness.get(IntegrationUser.class, "first").getStatus().getUserId());
        assertThat(sf.query("SELECT Id FROM User WHERE Username = 'x\\'OR\\'1\\'=\\'1@acme.example.com'")).hasSize(1);
    }

    @Test
    void refusesToAdoptAnUnmanagedUserUnlessAsked() {
        String existing = sf.createApiOnlyUser("legacy@acme.example.com", "Legacy", "l@acme.example.com", "legacy");
        harness.create(Resources.user("legacy", "legacy@acme.example.com", "reader"));
        harness.awaitCondition(IntegrationUser.class, "legacy", "Ready", "False", "AdoptionRefused");
        assertThat(sf.query("SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '" + existing + "' AND PermissionSet.IsOwnedByProfile = false" + NOT_MARKER)).isEmpty();

        harness.edit(IntegrationUser.class, "legacy", adopt -> {
            adopt.getSpec().setAdoption(AdoptionPolicy.IfUnmanaged);
        });
        IntegrationUser adopted = harness.awaitCondition(IntegrationUser.class, "legacy", "Ready", "True");
        assertThat(adopted.getStatus().getUserId()).isEqualTo(existing);
        assertThat(events("legacy")).extracting(Event::getReason).contains("Adopted");
        assertThat(sf.query("SELECT Id FROM User WHERE Username = 'legacy@acme.example.com'")).hasSize(1);
    }

    @Test
    void twoResourcesClaimingOneUsernameMarkTheYoungerAsConflict() throws Exception {
        harness.create(Resources.user("older", "shared@acme.example.com"));
        IntegrationUser older = harness.awaitCondition(IntegrationUser.class, "older", "Ready", "True");
        // creation timestamps have second precision: the younger one is created once the API's clock is a second on
        java.time.Instant olderCreated = java.time.Instant.parse(older.getMetadata().getCreationTimestamp());
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> java.time.Instant.now().getEpochSecond() > olderCreated.getEpochSecond());
        harness.create(Resources.user("younger", "shared@acme.example.com", "reader"));
        IntegrationUser younger = harness.awaitCondition(IntegrationUser.class, "younger", "Ready", "False", "Conflict");
        assertThat(younger.getStatus().condition("Ready").get().getMessage()).contains("older");
        assertThat(sf.query("SELECT Id FROM User WHERE Username = 'shared@acme.example.com'")).hasSize(1);
        String userId = harness.get(IntegrationUser.class, "older").getStatus().getUserId();
        assertThat(sf.query("SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '" + userId + "' AND PermissionSet.IsOwnedByProfile = false" + NOT_MARKER)).isEmpty();

        // deleting the loser must not touch the winner's user
        harness.client().resource(harness.get(IntegrationUser.class, "younger")).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.get(IntegrationUser.class, "younger") == null);
        assertThat(sf.one("SELECT IsActive FROM User WHERE Id = '" + userId + "'").path("IsActive").asBoolean()).isTrue();
    }

    @Test
    void deactivateIsTheDefaultDeletionPolicyAndTheUserIsNeverDeleted() {
        harness.create(Resources.user("erp", "erp@acme.example.com", "reader"));
        String userId = harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True").getStatus().getUserId();
        harness.client().resource(harness.get(IntegrationUser.class, "erp")).delete();
        await().atMost(Duration.ofSeconds(15)).until(() -> harness.get(IntegrationUser.class, "erp") == null);
        JsonNode user0 = sf.one("SELECT Id, IsActive FROM User WHERE Id = '" + userId + "'");
        assertThat(user0.path("IsActive").asBoolean()).isFalse();
        assertThat(sf.query("SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '" + userId + "' AND PermissionSet.IsOwnedByProfile = false" + NOT_MARKER)).isEmpty();
    }

    @Test
    void freezeAndOrphanDeletionPolicies() {
        IntegrationUser freeze = Resources.user("freeze", "freeze@acme.example.com", "reader");
        freeze.getSpec().setDeletionPolicy(UserDeletionPolicy.Freeze);
        IntegrationUser orphan = Resources.user("orphan", "orphan@acme.example.com", "reader");
        orphan.getSpec().setDeletionPolicy(UserDeletionPolicy.Orphan);
        harness.create(freeze);
        harness.create(orphan);
        String frozenId = harness.awaitCondition(IntegrationUser.class, "freeze", "Ready", "True").getStatus().getUserId();
        String orphanId = harness.awaitCondition(IntegrationUser.class, "orphan", "Ready", "True").getStatus().getUserId();
        harness.client().resource(harness.get(IntegrationUser.class, "freeze")).delete();
        harness.client().resource(harness.get(IntegrationUser.class, "orphan")).delete();
        await().atMost(Duration.ofSeconds(15)).until(() -> harness.get(IntegrationUser.class, "freeze") == null
                && harness.get(IntegrationUser.class, "orphan") == null);

        assertThat(sf.one("SELECT IsFrozen FROM UserLogin WHERE UserId = '" + frozenId + "'").path("IsFrozen").asBoolean()).isTrue();
        assertThat(sf.one("SELECT IsActive FROM User WHERE Id = '" + frozenId + "'").path("IsActive").asBoolean()).isTrue();
        assertThat(sf.one("SELECT IsActive FROM User WHERE Id = '" + orphanId + "'").path("IsActive").asBoolean()).isTrue();
        assertThat(sf.query("SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '" + orphanId + "' AND PermissionSet.IsOwnedByProfile = false" + NOT_MARKER)).hasSize(1);
        assertThat(sf.query("SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '" + frozenId + "' AND PermissionSet.IsOwnedByProfile = false" + NOT_MARKER)).isEmpty();
    }

    @Test
    void frozenAndActiveAreHonoured() {
        harness.create(Resources.user("erp", "erp@acme.example.com"));
        String userId = harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True").getStatus().getUserId();
        // edit (a patch), not get + update: the operator may write the status in between (409 on update)
        var erp = harness.client().resources(IntegrationUser.class).inNamespace(OperatorHarness.NAMESPACE).withName("erp");
        erp.edit(u -> {
            u.getSpec().setFrozen(true);
            return u;
        });
        await().atMost(Duration.ofSeconds(30)).until(() ->
                sf.one("SELECT IsFrozen FROM UserLogin WHERE UserId = '" + userId + "'").path("IsFrozen").asBoolean());
        erp.edit(u -> {
            u.getSpec().setActive(false);
            return u;
        });
        await().atMost(Duration.ofSeconds(30)).until(() ->
                !sf.one("SELECT IsActive FROM User WHERE Id = '" + userId + "'").path("IsActive").asBoolean());
        harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True");
    }

    @Test
    void waitsForItsOrgWithoutCallingSalesforce() {
        IntegrationUser lost = Resources.user("lost", "lost@acme.example.com");
        lost.getSpec().getOrgRef().setName("no-such-org");
        long calls = sf.apiCalls();
        harness.create(lost);
        IntegrationUser waiting = harness.awaitCondition(IntegrationUser.class, "lost", "Ready", "False", "OrgNotReady");
        assertThat(waiting.getStatus().condition("Ready").get().getMessage()).contains("no-such-org");
        assertThat(sf.apiCalls()).isEqualTo(calls);
    }

    @Test
    void restartAfterLosingStatusFindsTheUserInsteadOfCreatingASecond() {
        harness.create(Resources.user("erp", "erp@acme.example.com", "reader", "writer"));
        String userId = harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True").getStatus().getUserId();
        harness.stopOperator();
        // a crash between the Salesforce writes and the status write: status is gone, a person removed one assignment
        IntegrationUser wiped = harness.get(IntegrationUser.class, "erp");
        wiped.setStatus(null);
        harness.client().resource(wiped).updateStatus();
        String one = sf.query("SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '" + userId
                + "' AND PermissionSet.Name = 'Test_Writer'").get(0).path("Id").asText();
        sf.delete("PermissionSetAssignment", one);

        harness.startOperator();
        IntegrationUser recovered = harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True");
        assertThat(recovered.getStatus().getUserId()).isEqualTo(userId);
        assertThat(sf.query("SELECT Id FROM User WHERE Username = 'erp@acme.example.com'")).hasSize(1);
        assertThat(sf.query("SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = '" + userId
                + "' AND PermissionSet.IsOwnedByProfile = false" + NOT_MARKER)).extracting(r -> r.path("PermissionSet").path("Name").asText())
                .containsExactlyInAnyOrder("Test_Reader", "Test_Writer");
        assertThat(sf.query("SELECT Id FROM PermissionSetLicenseAssign WHERE AssigneeId = '" + userId + "'")).hasSize(1);
    }

    @Test
    void syncedFalseLeftByAFailedReconcileDoesNotStick() {
        harness.create(Resources.user("erp", "erp@acme.example.com"));
        harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True");
        harness.stopOperator();
        // as an error before the apply leaves it (a Secret missing during rotation, a 503 while resolving names)
        IntegrationUser failed = harness.get(IntegrationUser.class, "erp");
        failed.getStatus().getConditions().stream().filter(c -> "Synced".equals(c.getType())).forEach(c -> {
            c.setStatus("False");
            c.setReason("ReconcileError");
            c.setMessage("Reconcile failed, retrying: Salesforce answered 503");
        });
        harness.client().resource(failed).updateStatus();
        harness.startOperator();
        harness.awaitCondition(IntegrationUser.class, "erp", "Synced", "True");
    }

    @Test
    void survivesTransientFaults() {
        harness.create(Resources.user("warmup", "warmup@acme.example.com"));
        harness.awaitCondition(IntegrationUser.class, "warmup", "Ready", "True");
        sf.admin("PUT", "/__emulator/faults", Map.of("errorRates", Map.of("SERVER_UNAVAILABLE", 0.3, "UNABLE_TO_LOCK_ROW", 0.2)));
        for (int i = 0; i < 3; i++) {
            harness.create(Resources.user("u" + i, "u" + i + "@acme.example.com", "reader"));
        }
        for (int i = 0; i < 3; i++) {
            harness.awaitCondition(IntegrationUser.class, "u" + i, "Ready", "True");
        }
        sf.admin("DELETE", "/__emulator/faults", null);
        for (int i = 0; i < 3; i++) {
            assertThat(sf.query("SELECT Id FROM User WHERE Username = 'u" + i + "@acme.example.com'")).hasSize(1);
            String id = harness.get(IntegrationUser.class, "u" + i).getStatus().getUserId();
            assertThat(sf.query("SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '" + id + "' AND PermissionSet.IsOwnedByProfile = false" + NOT_MARKER)).hasSize(1);
        }
    }

    List<Event> events(String name) {
        return harness.client().v1().events().inNamespace(OperatorHarness.NAMESPACE).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
    }
}
