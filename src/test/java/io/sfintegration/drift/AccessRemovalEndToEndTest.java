package io.sfintegration.drift;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.config.OperatorComponents;
import io.sfintegration.emulator.EmulatorConfig;
import io.sfintegration.testing.EmulatorRest;
import io.sfintegration.testing.OperatorHarness;
import io.sfintegration.testing.Resources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.sfintegration.testing.OperatorHarness.NAMESPACE;
import static io.sfintegration.testing.OperatorHarness.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16 item 5 against the emulator: a person deactivates, freezes, unassigns or strips a permission in Salesforce
 * (a security response); the scan reports it as AccessRemovedInSalesforce with who and when, and neither the scan's
 * correction, nor a resync, nor a spec change gives the access back, until the org sets spec.drift.restoreAccess.
 * Drift that adds access is still corrected under Correct.
 */
class AccessRemovalEndToEndTest {

    OperatorHarness harness;
    EmulatorRest person;
    DriftScanner scanner;
    String userId;
    String permissionSetId;
    final DriftEndToEndTest.JumpingClock clock = new DriftEndToEndTest.JumpingClock();

    @BeforeEach
    void start() throws Exception {
        harness = OperatorHarness.start(EmulatorConfig.builder().clock(clock).build());
        person = new EmulatorRest(harness.emulator());
        harness.createOrg();
        PermissionSet reader = Resources.permissionSet("reader", "Test_Reader");
        reader.getSpec().setUserPermissions(new java.util.ArrayList<>(List.of("ViewSetup")));
        harness.create(reader);
        permissionSetId = harness.awaitCondition(PermissionSet.class, "reader", "Ready", "True").getStatus().getPermissionSetId();
        harness.create(Resources.user("erp", "erp@acme.example.com", "reader"));
        userId = harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True").getStatus().getUserId();
        OperatorComponents c = harness.components();
        scanner = new DriftScanner(harness.client(), c.clients(), c.catalog(), c.resync(), c.events(), new SimpleMeterRegistry(),
                clock, DriftScanSettings.defaults(), new DriftReport());
        assertThat(scanner.scanNow(NAMESPACE, ORG).drifted()).isZero();
    }

    @AfterEach
    void stop() {
        if (scanner != null) {
            scanner.close();
        }
        harness.close();
    }

    @Test
    void accessRemovedInSalesforceIsReportedAndNotUndoneUntilTheOrgAllowsIt() {
        // a person responds to an incident: deactivates and freezes the user, unassigns its set, strips a permission,
        // and, in the same sitting, changes the user's email (drift that removes no access)
        person.update("User", userId, Map.of("IsActive", false, "Email", "incident@acme.example.com"));
        person.update("UserLogin", loginId(), Map.of("IsFrozen", true));
        person.delete("PermissionSetAssignment", person.one("SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '" + userId
                + "' AND PermissionSet.Name = 'Test_Reader'").path("Id").asText());
        person.update("PermissionSet", permissionSetId, Map.of("PermissionsViewSetup", false));

        ScanResult scan = scanner.scanNow(NAMESPACE, ORG);
        assertThat(scan.drifted()).isEqualTo(2);

        // reported, with who did it; the email (no access) is still put back under Correct
        await().atMost(Duration.ofSeconds(20)).until(() -> "owner@acme.example.com".equals(
                person.one("SELECT Email FROM User WHERE Id = '" + userId + "'").path("Email").asText()));
        Condition user = drifted(IntegrationUser.class, "erp");
        assertThat(user.getStatus()).isEqualTo("True");
        assertThat(user.getReason()).isEqualTo("AccessRemovedInSalesforce");
        assertThat(user.getMessage()).contains("active: expected true, found false").contains("frozen: expected false, found true")
                .contains("permission set Test_Reader: expected assigned, found not assigned")
                .contains("Changed by " + EmulatorRest.SETUP_ADMIN + " at ").contains("restoreAccess is false");
        Condition set = drifted(PermissionSet.class, "reader");
        assertThat(set.getReason()).isEqualTo("AccessRemovedInSalesforce");
        assertThat(set.getMessage()).contains("userPermission ViewSetup: expected enabled, found disabled");
        assertThat(events("erp", "AccessRemovedInSalesforce")).hasSize(1);
        assertThat(events("reader", "AccessRemovedInSalesforce")).hasSize(1);
        assertRemoved();

        // a resync of both, as the periodic failsafe or a restart would run, gives nothing back
        OperatorComponents c = harness.components();
        long writes = person.writeCalls();
        c.resync().request(IntegrationUser.class, ResourceID.fromResource(harness.get(IntegrationUser.class, "erp")));
        c.resync().request(PermissionSet.class, ResourceID.fromResource(harness.get(PermissionSet.class, "reader")));
        await().atMost(Duration.ofSeconds(20)).until(() -> !c.resync().isPending(IntegrationUser.class, ResourceID.fromResource(harness.get(IntegrationUser.class, "erp")))
                && !c.resync().isPending(PermissionSet.class, ResourceID.fromResource(harness.get(PermissionSet.class, "reader"))));
        assertThat(person.writeCalls()).as("writes of a resync while access is held").isEqualTo(writes);
        assertRemoved();

        // nor does a spec change: what it changes is applied, the removed access stays removed
        harness.edit(IntegrationUser.class, "erp", u -> {
            u.getSpec().setLastName("Integration renamed");
        });
        harness.edit(PermissionSet.class, "reader", ps -> {
            ps.getSpec().setLabel("Test Reader renamed");
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> "Integration renamed".equals(
                person.one("SELECT LastName FROM User WHERE Id = '" + userId + "'").path("LastName").asText())
                && "Test Reader renamed".equals(person.one("SELECT Label FROM PermissionSet WHERE Id = '" + permissionSetId + "'").path("Label").asText()));
        harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True");
        assertRemoved();
        assertThat(drifted(IntegrationUser.class, "erp").getReason()).isEqualTo("AccessRemovedInSalesforce");
        scanner.scanNow(NAMESPACE, ORG);
        assertRemoved();

        // the org allows restoring: the controllers put the access back
        harness.edit(SalesforceOrg.class, ORG, org -> {
            org.getSpec().getDrift().setRestoreAccess(true);
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            scanner.scanNow(NAMESPACE, ORG);
            return person.one("SELECT IsActive FROM User WHERE Id = '" + userId + "'").path("IsActive").asBoolean()
                    && !person.one("SELECT IsFrozen FROM UserLogin WHERE UserId = '" + userId + "'").path("IsFrozen").asBoolean()
                    && assignments() == 1
                    && person.one("SELECT PermissionsViewSetup FROM PermissionSet WHERE Id = '" + permissionSetId + "'").path("PermissionsViewSetup").asBoolean();
        });
        scanner.scanNow(NAMESPACE, ORG);
        harness.awaitCondition(IntegrationUser.class, "erp", "Drifted", "False");
        harness.awaitCondition(PermissionSet.class, "reader", "Drifted", "False");
    }

    @Test
    void accessAddedInSalesforceIsStillTakenAwayUnderCorrect() {
        person.update("PermissionSet", permissionSetId, Map.of("PermissionsApiEnabled", true));
        person.update("ObjectPermissions", person.one("SELECT Id FROM ObjectPermissions WHERE ParentId = '" + permissionSetId
                + "' AND SobjectType = 'Account'").path("Id").asText(), Map.of("PermissionsEdit", true));

        assertThat(scanner.scanNow(NAMESPACE, ORG).drifted()).isEqualTo(1);

        harness.awaitCondition(PermissionSet.class, "reader", "Drifted", "False", "DriftCorrected");
        assertThat(events("reader", "DriftDetected")).hasSize(1);
        assertThat(events("reader", "AccessRemovedInSalesforce")).isEmpty();
        var set = person.one("SELECT PermissionsApiEnabled, PermissionsViewSetup FROM PermissionSet WHERE Id = '" + permissionSetId + "'");
        assertThat(set.path("PermissionsApiEnabled").asBoolean()).as("ApiEnabled, added in Setup").isFalse();
        assertThat(set.path("PermissionsViewSetup").asBoolean()).as("ViewSetup, in the spec").isTrue();
        assertThat(person.one("SELECT PermissionsEdit FROM ObjectPermissions WHERE ParentId = '" + permissionSetId
                + "' AND SobjectType = 'Account'").path("PermissionsEdit").asBoolean()).isFalse();
    }

    private void assertRemoved() {
        assertThat(person.one("SELECT IsActive FROM User WHERE Id = '" + userId + "'").path("IsActive").asBoolean()).as("active").isFalse();
        assertThat(person.one("SELECT IsFrozen FROM UserLogin WHERE UserId = '" + userId + "'").path("IsFrozen").asBoolean()).as("frozen").isTrue();
        assertThat(assignments()).as("Test_Reader assignments").isZero();
        assertThat(person.one("SELECT PermissionsViewSetup FROM PermissionSet WHERE Id = '" + permissionSetId + "'")
                .path("PermissionsViewSetup").asBoolean()).as("ViewSetup").isFalse();
    }

    private int assignments() {
        return person.query("SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '" + userId
                + "' AND PermissionSet.Name = 'Test_Reader'").size();
    }

    private String loginId() {
        return person.one("SELECT Id FROM UserLogin WHERE UserId = '" + userId + "'").path("Id").asText();
    }

    private <R extends io.fabric8.kubernetes.client.CustomResource<?, ? extends io.sfintegration.api.v1alpha1.ConditionedStatus>> Condition drifted(Class<R> kind, String name) {
        return harness.get(kind, name).getStatus().condition("Drifted").orElseThrow();
    }

    private List<Event> events(String name, String reason) {
        return harness.client().v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason())).toList();
    }
}
