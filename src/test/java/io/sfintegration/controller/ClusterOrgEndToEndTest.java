package io.sfintegration.controller;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.sfintegration.api.v1alpha1.AllowedNamespaces;
import io.sfintegration.api.v1alpha1.ClusterSalesforceOrg;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.OrgAuth;
import io.sfintegration.api.v1alpha1.OrgKind;
import io.sfintegration.api.v1alpha1.OrgPolicy;
import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetReference;
import io.sfintegration.api.v1alpha1.SecretKeyRef;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfintegration.config.OperatorComponents;
import io.sfintegration.drift.DriftReport;
import io.sfintegration.drift.DriftScanSettings;
import io.sfintegration.drift.DriftScanner;
import io.sfintegration.drift.ScanOutcome;
import io.sfintegration.drift.ScanResult;
import io.sfintegration.drift.ScannedResources;
import io.sfintegration.testing.EmulatorRest;
import io.sfintegration.testing.OperatorHarness;
import io.sfintegration.testing.Resources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A platform team's ClusterSalesforceOrg used from team namespaces: only allowed namespaces reach Salesforce (a
 * refused one costs no call, counted in the emulator), allowing one later converges without a restart, credentials
 * come from the cluster-secrets namespace alone, and the cluster org's policy (quota, forbidden permissions, no
 * existing set by name unless listed) refuses before any write.
 */
class ClusterOrgEndToEndTest {

    static final String ORG = "shared";

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
    void aNamespaceNotListedMakesNoCallAndConvergesOnceListed() {
        harness.namespace("team-a", Map.of());
        harness.namespace("team-b", Map.of());
        harness.clusterOrg(ORG, names("team-a"), null);
        harness.awaitClusterCondition(ClusterSalesforceOrg.class, ORG, "Ready", "True", null);
        long calls = salesforce.apiCalls();

        harness.create(user("team-b", "intruder", "intruder@acme.example.com"));
        IntegrationUser refused = harness.awaitCondition("team-b", IntegrationUser.class, "intruder", "Ready", "False", "NamespaceNotAllowed");
        assertThat(refused.getStatus().condition("Ready").get().getMessage()).contains("team-b", "ClusterSalesforceOrg " + ORG);
        assertThat(salesforce.apiCalls() - calls).as("Salesforce calls for a resource in a namespace the org does not allow").isZero();
        assertThat(harness.client().v1().events().inNamespace("team-b").list().getItems().stream()
                .anyMatch(e -> "NamespaceNotAllowed".equals(e.getReason()) && "Warning".equals(e.getType()))).isTrue();

        harness.create(user("team-a", "payments", "payments@acme.example.com"));
        harness.awaitCondition("team-a", IntegrationUser.class, "payments", "Ready", "True", null);

        // the platform lists team-b: the waiting user converges, woken by the watch on the cluster org
        harness.client().resources(ClusterSalesforceOrg.class).withName(ORG).edit(o -> {
            o.getSpec().getAllowedNamespaces().setNames(List.of("team-a", "team-b"));
            return o;
        });
        harness.awaitCondition("team-b", IntegrationUser.class, "intruder", "Ready", "True", null);
        assertThat(salesforce.query("SELECT Id FROM User WHERE Username = 'intruder@acme.example.com'")).hasSize(1);
    }

    @Test
    void labellingTheNamespaceLaterConvergesWithoutRestart() {
        harness.namespace("team-c", Map.of("purpose", "sandbox"));
        AllowedNamespaces selector = new AllowedNamespaces();
        selector.setSelector(new LabelSelectorBuilder().addToMatchLabels("salesforce", "allowed").build());
        harness.clusterOrg(ORG, selector, null);
        harness.awaitClusterCondition(ClusterSalesforceOrg.class, ORG, "Ready", "True", null);
        long calls = salesforce.apiCalls();

        harness.create(user("team-c", "reports", "reports@acme.example.com"));
        harness.awaitCondition("team-c", IntegrationUser.class, "reports", "Ready", "False", "NamespaceNotAllowed");
        assertThat(salesforce.apiCalls() - calls).isZero();

        harness.namespace("team-c", Map.of("purpose", "sandbox", "salesforce", "allowed"));
        assertThat(harness.client().namespaces().withName("team-c").get().getMetadata().getLabels()).containsEntry("salesforce", "allowed");
        harness.awaitCondition("team-c", IntegrationUser.class, "reports", "Ready", "True", null);
    }

    @Test
    void credentialsAreReadFromTheClusterSecretsNamespaceOnly() {
        harness.namespace("team-a", Map.of());
        // a tenant's Secret of the same name holds a token the emulator refuses: were it read, the org would fail
        harness.secret("team-a", "sf-token", Map.of("token", "not-a-valid-token"));
        harness.clusterOrg(ORG, names("team-a"), null);
        harness.awaitClusterCondition(ClusterSalesforceOrg.class, ORG, "Ready", "True", null);

        // a Secret that exists only in a tenant namespace is not found at all
        harness.secret("team-a", "tenant-only", Map.of("token", harness.emulator().issueAccessToken(harness.emulator().adminUsername())));
        ClusterSalesforceOrg other = new ClusterSalesforceOrg();
        other.getMetadata().setName("borrowed");
        other.setSpec(harness.client().resources(ClusterSalesforceOrg.class).withName(ORG).get().getSpec());
        OrgAuth auth = new OrgAuth();
        auth.setAccessTokenSecretRef(new SecretKeyRef("tenant-only", "token"));
        other.getSpec().setAuth(auth);
        harness.client().resource(other).create();
        ClusterSalesforceOrg missing = harness.awaitClusterCondition(ClusterSalesforceOrg.class, "borrowed", "Ready", "False", "SecretNotFound");
        assertThat(missing.getStatus().condition("Ready").get().getMessage()).contains(OperatorHarness.CLUSTER_SECRETS_NAMESPACE + "/tenant-only");
    }

    @Test
    void theUserBeyondTheQuotaTakesNoSeatUntilASlotIsFreed() {
        harness.namespace("team-a", Map.of());
        OrgPolicy policy = new OrgPolicy();
        policy.setMaxUsersPerNamespace(1);
        harness.clusterOrg(ORG, names("team-a"), policy);
        harness.awaitClusterCondition(ClusterSalesforceOrg.class, ORG, "Ready", "True", null);
        harness.create(user("team-a", "first", "first@acme.example.com"));
        harness.awaitCondition("team-a", IntegrationUser.class, "first", "Ready", "True", null);
        long writes = salesforce.writeCalls();

        harness.create(user("team-a", "second", "second@acme.example.com"));
        IntegrationUser over = harness.awaitCondition("team-a", IntegrationUser.class, "second", "Ready", "False", "PolicyViolation");
        assertThat(over.getStatus().condition("Ready").get().getMessage()).contains("policy.maxUsersPerNamespace is 1", "has 2 IntegrationUsers");
        assertThat(salesforce.writeCalls() - writes).as("Salesforce writes for the user over the quota").isZero();
        assertThat(salesforce.query("SELECT Id FROM User WHERE Username = 'second@acme.example.com'")).isEmpty();
        assertThat(warnings("team-a", "PolicyViolation")).isNotEmpty();

        // deleting the first frees its slot: the second converges, woken by the deletion
        harness.client().resources(IntegrationUser.class).inNamespace("team-a").withName("first").delete();
        harness.awaitCondition("team-a", IntegrationUser.class, "second", "Ready", "True", null);
        assertThat(salesforce.query("SELECT Id FROM User WHERE Username = 'second@acme.example.com' AND IsActive = true")).hasSize(1);
    }

    @Test
    void aLoweredQuotaMarksTheNewestAndChangesNothingInSalesforce() {
        harness.namespace("team-a", Map.of());
        OrgPolicy policy = new OrgPolicy();
        policy.setMaxUsersPerNamespace(2);
        harness.clusterOrg(ORG, names("team-a"), policy);
        harness.awaitClusterCondition(ClusterSalesforceOrg.class, ORG, "Ready", "True", null);
        // creationTimestamp has second precision and both may be created in the same second, when the quota orders
        // them by name: the names sort in creation order too, so "newest" is the same user either way
        harness.create(user("team-a", "a-older", "older@acme.example.com"));
        harness.awaitCondition("team-a", IntegrationUser.class, "a-older", "Ready", "True", null);
        harness.create(user("team-a", "b-newer", "newer@acme.example.com"));
        harness.awaitCondition("team-a", IntegrationUser.class, "b-newer", "Ready", "True", null);
        long writes = salesforce.writeCalls();

        harness.client().resources(ClusterSalesforceOrg.class).withName(ORG).edit(o -> {
            o.getSpec().getPolicy().setMaxUsersPerNamespace(1);
            return o;
        });
        harness.awaitCondition("team-a", IntegrationUser.class, "b-newer", "Ready", "False", "PolicyViolation");
        // the older user is never pushed out by the newer one
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> harness.client().resources(IntegrationUser.class)
                .inNamespace("team-a").withName("a-older").get().getStatus().isTrue("Ready"));
        assertThat(salesforce.writeCalls() - writes).as("writes caused by the lowered quota").isZero();
        assertThat(salesforce.query("SELECT Id FROM User WHERE Username = 'newer@acme.example.com' AND IsActive = true")).hasSize(1);
    }

    @Test
    void theClusterOrgPolicyRefusesModifyAllDataAndUnlistedSetsByName() {
        harness.namespace("team-a", Map.of());
        harness.clusterOrg(ORG, names("team-a"), null);
        harness.awaitClusterCondition(ClusterSalesforceOrg.class, ORG, "Ready", "True", null);
        long writes = salesforce.writeCalls();

        PermissionSet mad = Resources.permissionSet("mad", "Team_A_Mad");
        mad.getMetadata().setNamespace("team-a");
        mad.getSpec().setOrgRef(new OrgReference(OrgKind.ClusterSalesforceOrg, ORG));
        mad.getSpec().setUserPermissions(new ArrayList<>(List.of("ApiEnabled", "ModifyAllData")));
        harness.create(mad);
        assertThat(harness.awaitCondition("team-a", PermissionSet.class, "mad", "Ready", "False", "PolicyViolation")
                .getStatus().condition("Ready").get().getMessage()).contains("ClusterSalesforceOrg " + ORG, "ModifyAllData");

        // allowedPermissionSetNames absent on a cluster org: no existing set may be named
        IntegrationUser borrower = user("team-a", "borrower", "borrower@acme.example.com");
        borrower.getSpec().setPermissionSets(new ArrayList<>(List.of(PermissionSetReference.ofName("Sales_Reader"))));
        harness.create(borrower);
        assertThat(harness.awaitCondition("team-a", IntegrationUser.class, "borrower", "Ready", "False", "PolicyViolation")
                .getStatus().condition("Ready").get().getMessage()).contains("policy.allowedPermissionSetNames is absent", "Sales_Reader");

        assertThat(salesforce.writeCalls() - writes).as("Salesforce writes for two refused resources").isZero();
        assertThat(salesforce.query("SELECT Id FROM PermissionSet WHERE Name = 'Team_A_Mad'")).isEmpty();
        assertThat(warnings("team-a", "PolicyViolation")).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void aPermissionSetGroupUsesTheClusterOrgOnlyFromAnAllowedNamespace() {
        harness.namespace("team-a", Map.of());
        harness.namespace("team-b", Map.of());
        harness.clusterOrg(ORG, names("team-a"), null);
        harness.awaitClusterCondition(ClusterSalesforceOrg.class, ORG, "Ready", "True", null);

        PermissionSet reader = Resources.permissionSet("reader", "Team_A_Reader");
        reader.getMetadata().setNamespace("team-a");
        reader.getSpec().setOrgRef(new OrgReference(OrgKind.ClusterSalesforceOrg, ORG));
        harness.create(reader);
        harness.awaitCondition("team-a", PermissionSet.class, "reader", "Ready", "True", null);
        io.sfintegration.api.v1alpha1.PermissionSetGroup role = Resources.permissionSetGroup("role", "Team_A_Role", PermissionSetReference.ofRef("reader"));
        role.getMetadata().setNamespace("team-a");
        role.getSpec().setOrgRef(new OrgReference(OrgKind.ClusterSalesforceOrg, ORG));
        harness.create(role);
        // Ready once Salesforce has recalculated the group (2 s on the emulator's clock, here the system's)
        harness.awaitCondition("team-a", io.sfintegration.api.v1alpha1.PermissionSetGroup.class, "role", "Ready", "True", null);
        assertThat(salesforce.query("SELECT Id FROM PermissionSetGroup WHERE DeveloperName = 'Team_A_Role'")).hasSize(1);

        // the same from a namespace the cluster org does not allow: refused, nothing sent to Salesforce
        long calls = salesforce.apiCalls();
        io.sfintegration.api.v1alpha1.PermissionSetGroup other = Resources.permissionSetGroup("role", "Team_B_Role");
        other.getMetadata().setNamespace("team-b");
        other.getSpec().setOrgRef(new OrgReference(OrgKind.ClusterSalesforceOrg, ORG));
        harness.create(other);
        harness.awaitCondition("team-b", io.sfintegration.api.v1alpha1.PermissionSetGroup.class, "role", "Ready", "False", "NamespaceNotAllowed");
        assertThat(salesforce.apiCalls() - calls).as("Salesforce calls for the refused group").isZero();
    }

    @Test
    void theDriftScanCoversTheClusterOrgsResourcesInTheirNamespaces() {
        harness.namespace("team-a", Map.of());
        harness.clusterOrg(ORG, names("team-a"), null);
        harness.awaitClusterCondition(ClusterSalesforceOrg.class, ORG, "Ready", "True", null);
        harness.create(user("team-a", "erp", "erp@acme.example.com"));
        String userId = harness.awaitCondition("team-a", IntegrationUser.class, "erp", "Ready", "True", null).getStatus().getUserId();
        OperatorComponents c = harness.components();
        DriftReport report = new DriftReport();
        try (DriftScanner scanner = new DriftScanner(harness.client(), c.clients(), c.catalog(), c.resync(), c.events(),
                new SimpleMeterRegistry(), java.time.Clock.systemUTC(), DriftScanSettings.defaults(), report, () -> true,
                ScannedResources.apiServer(harness.client(), java.util.Set.of())
                        .withClusterOrgs(new ClusterOrgs(OperatorHarness.CLUSTER_SECRETS_NAMESPACE)))) {
            salesforce.update("User", userId, Map.of("LastName", "Renamed In Setup"));

            ScanResult result = scanner.scanNow("", ORG);
            assertThat(result.outcome()).isEqualTo(ScanOutcome.FULL);
            assertThat(result.resourcesChecked()).isEqualTo(1);
            assertThat(report.org("", ORG)).hasValueSatisfying(o -> assertThat(o.drifted())
                    .singleElement().satisfies(d -> assertThat(d.namespace() + "/" + d.name()).isEqualTo("team-a/erp")));
            // policy Correct: the controller puts the name back
            await().atMost(Duration.ofSeconds(30)).until(() -> salesforce.one("SELECT LastName FROM User WHERE Id = '" + userId + "'")
                    .path("LastName").asText().equals("Integration erp"));
            assertThat(harness.client().resources(ClusterSalesforceOrg.class).withName(ORG).get().getStatus().getLastDriftScan()).isNotNull();
        }
    }

    @Test
    void anAnnotatedClusterOrgIsScannedNowAndAnswered() {
        harness.namespace("team-a", Map.of());
        harness.clusterOrg(ORG, names("team-a"), null);
        harness.awaitClusterCondition(ClusterSalesforceOrg.class, ORG, "Ready", "True", null);
        harness.create(user("team-a", "erp", "erp@acme.example.com"));
        harness.awaitCondition("team-a", IntegrationUser.class, "erp", "Ready", "True", null);
        OperatorComponents c = harness.components();
        DriftReport report = new DriftReport();
        try (DriftScanner scanner = new DriftScanner(harness.client(), c.clients(), c.catalog(), c.resync(), c.events(),
                new SimpleMeterRegistry(), java.time.Clock.systemUTC(), DriftScanSettings.defaults().withTick(Duration.ZERO, Duration.ofMillis(100)),
                report, () -> true, ScannedResources.apiServer(harness.client(), java.util.Set.of())
                        .withClusterOrgs(new ClusterOrgs(OperatorHarness.CLUSTER_SECRETS_NAMESPACE)))) {
            scanner.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> report.org("", ORG).map(o -> o.scan() != null).orElse(false));
            var first = report.org("", ORG).orElseThrow().scan().lastScan();

            // kubectl annotate csforg <name> sfintegration.io/rescan-drift=now
            harness.client().resources(ClusterSalesforceOrg.class).withName(ORG).edit(o -> {
                o.getMetadata().setAnnotations(new java.util.HashMap<>(Map.of("sfintegration.io/rescan-drift", "now")));
                return o;
            });
            await().atMost(Duration.ofSeconds(20)).until(() -> harness.client().resources(ClusterSalesforceOrg.class).withName(ORG).get()
                    .getMetadata().getAnnotations() == null || !harness.client().resources(ClusterSalesforceOrg.class).withName(ORG).get()
                    .getMetadata().getAnnotations().containsKey("sfintegration.io/rescan-drift"));
            assertThat(report.org("", ORG).orElseThrow().scan().lastScan()).isAfter(first);
            // the answer is an Event on the cluster org, kept in the operator's (cluster-secrets) namespace
            await().atMost(Duration.ofSeconds(20)).until(() -> harness.client().v1().events().inNamespace(OperatorHarness.CLUSTER_SECRETS_NAMESPACE)
                    .list().getItems().stream().anyMatch(e -> "DriftRescanned".equals(e.getReason())
                            && "ClusterSalesforceOrg".equals(e.getInvolvedObject().getKind()) && ORG.equals(e.getInvolvedObject().getName())
                            && e.getMessage().contains("ClusterSalesforceOrg " + ORG) && e.getMessage().contains("FULL")));
        }
    }

    private static AllowedNamespaces names(String... names) {
        AllowedNamespaces allowed = new AllowedNamespaces();
        allowed.setNames(new ArrayList<>(List.of(names)));
        return allowed;
    }

    private static IntegrationUser user(String namespace, String name, String username) {
        IntegrationUser user = Resources.user(name, username);
        user.getMetadata().setNamespace(namespace);
        user.getSpec().setOrgRef(new OrgReference(OrgKind.ClusterSalesforceOrg, ORG));
        return user;
    }

    private List<Event> warnings(String namespace, String reason) {
        return harness.client().v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason()) && "Warning".equals(e.getType())).toList();
    }
}
