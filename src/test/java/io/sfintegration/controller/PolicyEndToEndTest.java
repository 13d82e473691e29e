package io.sfintegration.controller;

import io.fabric8.kubernetes.api.model.Event;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.ObjectPermission;
import io.sfintegration.api.v1alpha1.OrgPolicy;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetReference;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.testing.EmulatorRest;
import io.sfintegration.testing.OperatorHarness;
import io.sfintegration.testing.Resources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The org's spec.policy refuses, before any Salesforce write, what a team may not ask for: a forbidden user
 * permission, modify/view all records, an existing permission set outside the allowed names. Writes are counted in
 * the emulator. A policy tightened later marks existing resources PolicyViolation and changes nothing in Salesforce.
 */
class PolicyEndToEndTest {

    OperatorHarness harness;
    EmulatorRest salesforce;

    @BeforeEach
    void start() throws Exception {
        harness = OperatorHarness.start();
        salesforce = new EmulatorRest(harness.emulator());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void eachGuardrailIsRefusedWithoutASalesforceWrite() {
        harness.createOrg();
        harness.client().resources(SalesforceOrg.class).inNamespace(OperatorHarness.NAMESPACE).withName(OperatorHarness.ORG)
                .edit(o -> {
                    OrgPolicy policy = new OrgPolicy();
                    policy.setAllowedPermissionSetNames(List.of("Team_A_*"));
                    o.getSpec().setPolicy(policy);
                    return o;
                });
        long writesBefore = salesforce.writeCalls();

        PermissionSet modifyAllData = Resources.permissionSet("mad", "Team_A_Mad");
        modifyAllData.getSpec().setUserPermissions(new ArrayList<>(List.of("ApiEnabled", "ModifyAllData")));
        harness.create(modifyAllData);
        PermissionSet refused = harness.awaitCondition(PermissionSet.class, "mad", "Ready", "False", "PolicyViolation");
        assertThat(refused.getStatus().condition("Ready").get().getMessage())
                .contains("policy.forbiddenUserPermissions", "ModifyAllData").doesNotContain("ApiEnabled,");

        PermissionSet manageUsers = Resources.permissionSet("mu", "Team_A_Mu");
        manageUsers.getSpec().setUserPermissions(new ArrayList<>(List.of("PermissionsManageUsers")));
        harness.create(manageUsers);
        harness.awaitCondition(PermissionSet.class, "mu", "Ready", "False", "PolicyViolation");

        PermissionSet modifyAll = Resources.permissionSet("mar", "Team_A_Mar");
        modifyAll.getSpec().setObjectPermissions(new ArrayList<>(List.of(new ObjectPermission("Account", true, true, true, true, true, true))));
        harness.create(modifyAll);
        assertThat(harness.awaitCondition(PermissionSet.class, "mar", "Ready", "False", "PolicyViolation")
                .getStatus().condition("Ready").get().getMessage()).contains("policy.allowModifyAllRecords", "Account");

        PermissionSet viewAll = Resources.permissionSet("var", "Team_A_Var");
        viewAll.getSpec().setObjectPermissions(new ArrayList<>(List.of(new ObjectPermission("Account", true, false, false, false, true, false))));
        harness.create(viewAll);
        assertThat(harness.awaitCondition(PermissionSet.class, "var", "Ready", "False", "PolicyViolation")
                .getStatus().condition("Ready").get().getMessage()).contains("policy.allowViewAllRecords", "Account");

        IntegrationUser user = Resources.user("borrower", "borrower@acme.example.com");
        user.getSpec().setPermissionSets(new ArrayList<>(List.of(PermissionSetReference.ofName("Admin_Everything"))));
        harness.create(user);
        assertThat(harness.awaitCondition(IntegrationUser.class, "borrower", "Ready", "False", "PolicyViolation")
                .getStatus().condition("Ready").get().getMessage()).contains("policy.allowedPermissionSetNames", "Admin_Everything");

        assertThat(salesforce.writeCalls() - writesBefore).as("Salesforce writes for five refused resources").isZero();
        assertThat(salesforce.query("SELECT Id FROM PermissionSet WHERE Name LIKE 'Team_A_%'")).isEmpty();
        assertThat(salesforce.query("SELECT Id FROM User WHERE Username = 'borrower@acme.example.com'")).isEmpty();
        List<Event> events = harness.client().v1().events().inAnyNamespace().list().getItems();
        assertThat(events.stream().filter(e -> "PolicyViolation".equals(e.getReason()) && "Warning".equals(e.getType())).count())
                .isGreaterThanOrEqualTo(5);
    }

    @Test
    void aTightenedPolicyMarksExistingResourcesAndChangesNothingInSalesforce() {
        harness.createOrg();
        PermissionSet setup = Resources.permissionSet("setup", "Team_Setup");
        setup.getSpec().setUserPermissions(new ArrayList<>(List.of("ApiEnabled", "ViewSetup")));
        harness.create(setup);
        harness.awaitCondition(PermissionSet.class, "setup", "Ready", "True");
        long writesBefore = salesforce.writeCalls();

        harness.client().resources(SalesforceOrg.class).inNamespace(OperatorHarness.NAMESPACE).withName(OperatorHarness.ORG)
                .edit(o -> {
                    OrgPolicy policy = new OrgPolicy();
                    policy.setForbiddenUserPermissions(List.of("ViewSetup", "ModifyAllData"));
                    o.getSpec().setPolicy(policy);
                    return o;
                });
        PermissionSet marked = harness.awaitCondition(PermissionSet.class, "setup", "Ready", "False", "PolicyViolation");
        assertThat(marked.getStatus().condition("Ready").get().getMessage()).contains("ViewSetup");
        assertThat(salesforce.writeCalls() - writesBefore).as("writes caused by the tightened policy").isZero();
        assertThat(salesforce.one("SELECT PermissionsViewSetup FROM PermissionSet WHERE Name = 'Team_Setup'")
                .path("PermissionsViewSetup").asBoolean()).isTrue();
    }
}
