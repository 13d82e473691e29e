package io.sfintegration.controller;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.sfintegration.api.v1alpha1.AdoptionPolicy;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.OrgAuth;
import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetReference;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.api.v1alpha1.SalesforceOrgSpec;
import io.sfintegration.api.v1alpha1.SecretKeyRef;
import io.sfintegration.controller.ownership.OwnershipRecords;
import io.sfintegration.testing.EmulatorRest;
import io.sfintegration.testing.OperatorHarness;
import io.sfintegration.testing.Resources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ownership scenarios of issue 14, end to end on the embedded Kubernetes API and the emulator. The "person" works
 * with the same Salesforce credentials as the operator (the shared admin integration user), so CreatedById proves nothing.
 */
class OwnershipEndToEndTest {

    static final String MARKER = "SFIO_Managed_harness";

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
    void anotherNamespaceReachingTheSameOrgCannotTakeOverAUser() {
        harness.create(Resources.user("orders-sync", "orders@acme.example.com"));
        String userId = harness.awaitCondition(IntegrationUser.class, "orders-sync", "Ready", "True").getStatus().getUserId();

        orgInNamespace("team-b", "org-b");
        IntegrationUser intruder = Resources.user("orders-copy", "orders@acme.example.com");
        intruder.getMetadata().setNamespace("team-b");
        intruder.getSpec().setOrgRef(new OrgReference("org-b"));
        intruder.getSpec().setActive(false);
        harness.client().resource(intruder).create();

        IntegrationUser refused = awaitInNamespace("team-b", "orders-copy", "Conflict");
        assertThat(refused.getStatus().condition("Ready").get().getMessage()).contains("default/orders-sync");
        assertThat(active(userId)).isTrue();

        harness.client().resource(harness.client().resources(IntegrationUser.class).inNamespace("team-b").withName("orders-copy").get()).delete();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                harness.client().resources(IntegrationUser.class).inNamespace("team-b").withName("orders-copy").get() == null);
        assertThat(active(userId)).as("deleting the younger claimant leaves the holder's user alone").isTrue();
        harness.awaitCondition(IntegrationUser.class, "orders-sync", "Ready", "True");
    }

    @Test
    void aPersonsUserMadeWithTheOperatorsOwnCredentialsIsNotAdoptedByDefault() {
        String personal = personUser("shared-admin@acme.example.com");
        IntegrationUser user = Resources.user("admin", "shared-admin@acme.example.com");
        user.getSpec().setActive(false);
        long writes = sf.writeCalls();
        harness.create(user);
        IntegrationUser refused = harness.awaitCondition(IntegrationUser.class, "admin", "Ready", "False", "AdoptionRefused");
        assertThat(refused.getStatus().condition("Ready").get().getMessage()).contains("IfUnmanaged");
        assertThat(active(personal)).isTrue();
        assertThat(sf.writeCalls()).as("no Salesforce write at all, not even the marker").isEqualTo(writes);

        harness.client().resource(harness.get(IntegrationUser.class, "admin")).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.get(IntegrationUser.class, "admin") == null);
        assertThat(active(personal)).as("deleting the refused resource leaves the person's user active").isTrue();
    }

    @Test
    void aPersonsPermissionSetIsNeitherRewrittenNorDeleted() {
        String handMade = sf.create("PermissionSet", Map.of("Name", "Finance_Reports", "Label", "Finance reports", "Description", "made in Setup"));
        sf.create("ObjectPermissions", Map.of("ParentId", handMade, "SobjectType", "Opportunity", "PermissionsRead", true));

        harness.create(Resources.permissionSet("finance", "Finance_Reports"));
        PermissionSet refused = harness.awaitCondition(PermissionSet.class, "finance", "Ready", "False", "AdoptionRefused");
        assertThat(refused.getStatus().condition("Ready").get().getMessage()).contains("IfUnmanaged");
        assertThat(rows(handMade)).containsExactly("Opportunity");
        assertThat(sf.one("SELECT Description FROM PermissionSet WHERE Id = '" + handMade + "'").path("Description").asText()).isEqualTo("made in Setup");

        harness.client().resource(harness.get(PermissionSet.class, "finance")).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.get(PermissionSet.class, "finance") == null);
        assertThat(sf.query("SELECT Id FROM PermissionSet WHERE Id = '" + handMade + "'")).as("never deleted").hasSize(1);

        // adopted deliberately: managed from now on, but still never deleted, since the operator did not create it
        PermissionSet adopt = Resources.permissionSet("finance", "Finance_Reports");
        adopt.getSpec().setAdoption(AdoptionPolicy.IfUnmanaged);
        adopt.getSpec().setLicense("None");   // as it was made: Salesforce never changes a set's licence
        harness.create(adopt);
        harness.awaitCondition(PermissionSet.class, "finance", "Ready", "True");
        assertThat(rows(handMade)).containsExactly("Account");
        assertThat(sf.one("SELECT Description FROM PermissionSet WHERE Id = '" + handMade + "'").path("Description").asText())
                .isEqualTo("test permission set [sfio:harness]");
        harness.client().resource(harness.get(PermissionSet.class, "finance")).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.get(PermissionSet.class, "finance") == null);
        assertThat(sf.query("SELECT Id FROM PermissionSet WHERE Id = '" + handMade + "'")).as("an adopted set is never deleted").hasSize(1);
    }

    @Test
    void deletingTheOrgFirstStillRetiresItsUsers() {
        harness.create(Resources.user("erp", "erp@acme.example.com"));
        String userId = harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True").getStatus().getUserId();

        harness.client().resource(harness.get(SalesforceOrg.class, OperatorHarness.ORG)).delete();
        SalesforceOrg inUse = harness.awaitCondition(SalesforceOrg.class, OperatorHarness.ORG, "Ready", "False", "InUse");
        assertThat(inUse.getStatus().condition("Ready").get().getMessage()).contains("1 resource(s)").contains("default/erp");

        harness.client().resource(harness.get(IntegrationUser.class, "erp")).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.get(IntegrationUser.class, "erp") == null
                && harness.get(SalesforceOrg.class, OperatorHarness.ORG) == null);
        assertThat(active(userId)).as("retired per deletionPolicy Deactivate before the org went").isFalse();
    }

    @Test
    void deletingEverythingAtOnceRetiresBeforeTheOrgGoes() {
        harness.create(Resources.permissionSet("reader", "Test_Reader"));
        harness.awaitCondition(PermissionSet.class, "reader", "Ready", "True");
        harness.create(Resources.user("erp", "erp@acme.example.com", "reader"));
        String userId = harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True").getStatus().getUserId();

        // an Argo CD Application deleted with cascade, a namespace going away: no order at all, the org first here
        harness.client().resource(harness.get(SalesforceOrg.class, OperatorHarness.ORG)).delete();
        harness.client().resource(harness.get(PermissionSet.class, "reader")).delete();
        harness.client().resource(harness.get(IntegrationUser.class, "erp")).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.get(IntegrationUser.class, "erp") == null
                && harness.get(PermissionSet.class, "reader") == null && harness.get(SalesforceOrg.class, OperatorHarness.ORG) == null);
        assertThat(active(userId)).isFalse();
        assertThat(sf.query("SELECT Id FROM PermissionSet WHERE Name = 'Test_Reader'")).as("the set the operator made is deleted").isEmpty();
        assertThat(assignments(userId)).isEmpty();
    }

    @Test
    void wipedStatusIsRecoveredWithoutDuplicatesAndAPersonsGrantStays() {
        harness.create(Resources.permissionSet("reader", "Test_Reader"));
        harness.create(Resources.permissionSet("writer", "Test_Writer"));
        harness.awaitCondition(PermissionSet.class, "reader", "Ready", "True");
        String writerId = harness.awaitCondition(PermissionSet.class, "writer", "Ready", "True").getStatus().getPermissionSetId();
        harness.create(Resources.user("erp", "erp@acme.example.com", "reader"));
        String userId = harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True").getStatus().getUserId();
        // a person grants the writer set by hand
        String personsGrant = sf.create("PermissionSetAssignment", Map.of("AssigneeId", userId, "PermissionSetId", writerId));

        harness.stopOperator();
        IntegrationUser wiped = harness.get(IntegrationUser.class, "erp");
        wiped.setStatus(null);
        harness.client().resource(wiped).updateStatus();
        harness.startOperator();

        IntegrationUser recovered = harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True");
        assertThat(recovered.getStatus().getUserId()).isEqualTo(userId);
        assertThat(sf.query("SELECT Id FROM User WHERE Username = 'erp@acme.example.com'")).hasSize(1);

        // the spec now lists writer too, then drops both: the person's grant of writer stays through all of it
        harness.edit(IntegrationUser.class, "erp", both -> {
            both.getSpec().setPermissionSets(List.of(PermissionSetReference.ofRef("reader"), PermissionSetReference.ofRef("writer")));
        });
        harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True");
        harness.edit(IntegrationUser.class, "erp", none -> {
            none.getSpec().setPermissionSets(List.of());
        });
        harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True");
        assertThat(assignments(userId)).containsExactlyInAnyOrder("Test_Writer", MARKER);
        assertThat(sf.query("SELECT Id FROM PermissionSetAssignment WHERE Id = '" + personsGrant + "'")).hasSize(1);

        // and retirement removes what the operator made, never the person's grant
        harness.client().resource(harness.get(IntegrationUser.class, "erp")).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.get(IntegrationUser.class, "erp") == null);
        assertThat(assignments(userId)).containsExactly("Test_Writer");
        assertThat(sf.query("SELECT Id FROM PermissionSetLicenseAssign WHERE AssigneeId = '" + userId + "'"))
                .as("the licence the person's grant still needs stays").hasSize(1);
        assertThat(active(userId)).isFalse();
    }

    @Test
    void aForgedUserIdInStatusDoesNotPointRetirementAtAnotherUser() {
        String bystander = personUser("bystander@acme.example.com");
        harness.create(Resources.user("erp", "erp@acme.example.com"));
        String userId = harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True").getStatus().getUserId();

        harness.stopOperator();
        IntegrationUser forged = harness.get(IntegrationUser.class, "erp");
        forged.getStatus().setUserId(bystander);
        harness.client().resource(forged).updateStatus();
        harness.startOperator();
        harness.client().resource(harness.get(IntegrationUser.class, "erp")).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.get(IntegrationUser.class, "erp") == null);

        assertThat(active(bystander)).as("the user named in the forged status is untouched").isTrue();
        assertThat(active(userId)).as("the resource's own user is retired").isFalse();
    }

    @Test
    void aForgedOwnershipRecordDoesNotPointRetirementAtAnotherUser() {
        String bystander = personUser("bystander@acme.example.com");
        harness.create(Resources.user("erp", "erp@acme.example.com"));
        harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True");
        harness.stopOperator();
        IntegrationUser forged = harness.get(IntegrationUser.class, "erp");
        String record = forged.getMetadata().getAnnotations().get(OwnershipRecords.ANNOTATION);
        String userId = forged.getStatus().getUserId();
        Map<String, String> annotations = new HashMap<>(forged.getMetadata().getAnnotations());
        annotations.put(OwnershipRecords.ANNOTATION, record.replace(userId, bystander));
        forged.getMetadata().setAnnotations(annotations);
        harness.client().resource(forged).update();
        harness.startOperator();
        harness.client().resource(harness.get(IntegrationUser.class, "erp")).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.get(IntegrationUser.class, "erp") == null);
        assertThat(active(bystander)).as("a user without this installation's marker is never retired").isTrue();
    }

    @Test
    void lostAnswersToEveryCreateAreLookedUpNotSentAgain() {
        // 1: the permission set create commits and its answer is lost
        sf.admin("POST", "/__emulator/faults/fail-next", Map.of("count", 1, "errorCode", "CONNECTION_DROP_AFTER_COMMIT"));
        harness.create(Resources.permissionSet("reader", "Test_Reader"));
        harness.awaitCondition(PermissionSet.class, "reader", "Ready", "True");
        harness.create(Resources.permissionSet("writer", "Test_Writer"));
        harness.awaitCondition(PermissionSet.class, "writer", "Ready", "True");
        // 2: the marker's create, then the user's provisioning (user, licence, sets in one composite) lose their answers
        sf.admin("POST", "/__emulator/faults/fail-next", Map.of("count", 2, "errorCode", "CONNECTION_DROP_AFTER_COMMIT"));
        harness.create(Resources.user("erp", "erp@acme.example.com", "reader"));
        String userId = harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True").getStatus().getUserId();
        // 3: an assignment create loses its answer
        sf.admin("POST", "/__emulator/faults/fail-next", Map.of("count", 1, "errorCode", "CONNECTION_DROP_AFTER_COMMIT"));
        harness.edit(IntegrationUser.class, "erp", more -> {
            more.getSpec().setPermissionSets(List.of(PermissionSetReference.ofRef("reader"), PermissionSetReference.ofRef("writer")));
        });
        IntegrationUser done = harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True");

        assertThat(sf.query("SELECT Id FROM PermissionSet WHERE Name IN ('Test_Reader', 'Test_Writer', '" + MARKER + "')")).hasSize(3);
        assertThat(sf.query("SELECT Id FROM User WHERE Username = 'erp@acme.example.com'")).hasSize(1);
        assertThat(assignments(userId)).containsExactlyInAnyOrder("Test_Reader", "Test_Writer", MARKER);
        assertThat(sf.query("SELECT Id FROM PermissionSetLicenseAssign WHERE AssigneeId = '" + userId + "'")).hasSize(1);
        assertThat(done.getStatus().getAssignedPermissionSets()).allSatisfy(a -> assertThat(a.getManaged()).as(a.getName()).isTrue());
        assertThat(harness.client().v1().events().inNamespace(OperatorHarness.NAMESPACE).list().getItems())
                .noneMatch(e -> "UsernameTaken".equals(e.getReason()));

        // everything recovered counts as the operator's: retirement removes it all
        harness.client().resource(harness.get(IntegrationUser.class, "erp")).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.get(IntegrationUser.class, "erp") == null);
        assertThat(assignments(userId)).isEmpty();
        assertThat(active(userId)).isFalse();
    }

    @Test
    void aSalesforceOrgThatNowReachesAnotherOrgStopsAllWrites() {
        harness.create(Resources.user("erp", "erp@acme.example.com"));
        String userId = harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True").getStatus().getUserId();
        // as if instanceUrl had reached another org until now: the org id the status remembers differs from Salesforce's
        harness.editStatus(SalesforceOrg.class, OperatorHarness.ORG, moved -> moved.getStatus().setOrgId("00D5g0000000OTHERA"));
        harness.edit(SalesforceOrg.class, OperatorHarness.ORG, bumped -> {
            bumped.getSpec().setApiVersion("61.0");
        });
        SalesforceOrg refused = harness.awaitCondition(SalesforceOrg.class, OperatorHarness.ORG, "Ready", "False", "OrgIdentityChanged");
        assertThat(refused.getStatus().condition("Ready").get().getMessage()).contains("default/erp");

        long writes = sf.writeCalls();
        harness.edit(IntegrationUser.class, "erp", off -> {
            off.getSpec().setActive(false);
        });
        harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "False", "OrgNotReady");
        assertThat(active(userId)).isTrue();
        assertThat(sf.writeCalls()).isEqualTo(writes);
    }

    @Test
    void aUserRecordedInAnotherOrgIsNotTouched() {
        harness.create(Resources.user("erp", "erp@acme.example.com"));
        String userId = harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True").getStatus().getUserId();
        long writes = sf.writeCalls();
        harness.edit(IntegrationUser.class, "erp", moved -> {
            Map<String, String> annotations = new HashMap<>(moved.getMetadata().getAnnotations());
            annotations.put(OwnershipRecords.ANNOTATION, annotations.get(OwnershipRecords.ANNOTATION).replace(harness.emulator().orgId(), "00D5g0000000OTHERA"));
            moved.getMetadata().setAnnotations(annotations);
            moved.getSpec().setActive(false);
        });
        harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "False", "OrgIdentityChanged");
        assertThat(active(userId)).isTrue();
        assertThat(sf.writeCalls()).isEqualTo(writes);
    }

    private List<String> assignments(String userId) {
        return sf.query("SELECT PermissionSet.Name FROM PermissionSetAssignment WHERE AssigneeId = '" + userId
                + "' AND PermissionSet.IsOwnedByProfile = false").stream().map(r -> r.path("PermissionSet").path("Name").asText()).toList();
    }

    private List<String> rows(String permissionSetId) {
        return sf.query("SELECT SobjectType FROM ObjectPermissions WHERE ParentId = '" + permissionSetId + "'").stream()
                .map(r -> r.path("SobjectType").asText()).toList();
    }

    private boolean active(String userId) {
        return sf.one("SELECT IsActive FROM User WHERE Id = '" + userId + "'").path("IsActive").asBoolean();
    }

    /** A user a person made in Setup, with the same admin credentials the operator uses. */
    private String personUser(String username) {
        return sf.createApiOnlyUser(username, "Person", "p@acme.example.com", "person");
    }

    /** A second team's SalesforceOrg reaching the same Salesforce org with the same credentials. */
    private void orgInNamespace(String namespace, String name) {
        String token = harness.emulator().issueAccessToken(harness.emulator().adminUsername());
        harness.client().secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("sf-token")
                .withNamespace(namespace).endMetadata().addToStringData("token", token).build()).create();
        SalesforceOrg org = new SalesforceOrg();
        org.getMetadata().setName(name);
        org.getMetadata().setNamespace(namespace);
        SalesforceOrgSpec spec = new SalesforceOrgSpec();
        spec.setInstanceUrl(harness.emulator().baseUrl());
        OrgAuth auth = new OrgAuth();
        auth.setAccessTokenSecretRef(new SecretKeyRef("sf-token", "token"));
        spec.setAuth(auth);
        org.setSpec(spec);
        harness.client().resource(org).create();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            SalesforceOrg o = harness.client().resources(SalesforceOrg.class).inNamespace(namespace).withName(name).get();
            return o != null && o.getStatus() != null && o.getStatus().isTrue("Ready");
        });
    }

    private IntegrationUser awaitInNamespace(String namespace, String name, String reason) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            IntegrationUser u = harness.client().resources(IntegrationUser.class).inNamespace(namespace).withName(name).get();
            return u != null && u.getStatus() != null && u.getStatus().condition("Ready")
                    .filter(c -> reason.equals(c.getReason())).isPresent();
        });
        return harness.client().resources(IntegrationUser.class).inNamespace(namespace).withName(name).get();
    }

}
