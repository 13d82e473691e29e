package io.sfintegration.controller;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.ManagementPolicy;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetReference;
import io.sfintegration.config.OperatorComponents;
import io.sfintegration.drift.DriftReport;
import io.sfintegration.drift.DriftScanSettings;
import io.sfintegration.drift.DriftScanner;
import io.sfintegration.drift.ScanResult;
import io.sfintegration.emulator.EmulatorConfig;
import io.sfintegration.emulator.EmulatorSeed;
import io.sfintegration.testing.EmulatorRest;
import io.sfintegration.testing.OperatorHarness;
import io.sfintegration.testing.Resources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.sfintegration.testing.OperatorHarness.NAMESPACE;
import static io.sfintegration.testing.OperatorHarness.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 20: managementPolicy Observe against the brownfield org. The emulator's write counter (every REST call that
 * writes, whoever sends it) proves the operator writes nothing through create, drift, update and delete; the only
 * write in the whole test is the person's change in Setup.
 */
class ObserveModeTest {

    static final String LEGACY = "legacy.etl@brownfield.example.com";
    static final String ERP = "erp.sync@brownfield.example.com";

    OperatorHarness harness;
    EmulatorRest person;
    DriftScanner scanner;
    DriftReport report = new DriftReport();
    io.micrometer.core.instrument.MeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void start() throws Exception {
        harness = OperatorHarness.start(EmulatorConfig.builder().seed(EmulatorSeed.brownfield()).build());
        person = new EmulatorRest(harness.emulator());
        harness.createOrg();
        OperatorComponents c = harness.components();
        scanner = new DriftScanner(harness.client(), c.clients(), c.catalog(), c.resync(), c.events(), meters,
                Clock.systemUTC(), DriftScanSettings.defaults(), report);
    }

    @AfterEach
    void stop() {
        if (scanner != null) {
            scanner.close();
        }
        harness.close();
    }

    @Test
    void observeNeverWritesThroughCreateDriftUpdateAndDelete() {
        harness.awaitCondition(io.sfintegration.api.v1alpha1.SalesforceOrg.class, ORG, "Ready", "True");
        long writesBefore = person.writeCalls();

        // create: a least-privilege spec for a legacy set and its user, observed
        harness.create(legacySet());
        PermissionSet set = harness.awaitCondition(PermissionSet.class, "legacy", "Ready", "True", "Observed");
        assertThat(set.getStatus().getPermissionSetId()).isEqualTo(person.one("SELECT Id FROM PermissionSet WHERE Name = 'Legacy_Integration'").path("Id").asText());
        assertThat(set.getStatus().getPlan()).contains("remove permission ModifyAllData from Legacy_Integration",
                "remove permission PasswordNeverExpires from Legacy_Integration", "remove permission ViewAllData from Legacy_Integration");
        assertThat(set.getStatus().condition("Planned").get().getStatus()).isEqualTo("True");

        harness.create(legacyUser());
        IntegrationUser user = harness.awaitCondition(IntegrationUser.class, "legacy-etl", "Ready", "True", "Observed");
        String userId = user.getStatus().getUserId();
        assertThat(userId).startsWith("005");
        assertThat(user.getStatus().getPlan()).containsExactlyInAnyOrder(
                "profile: Salesforce API Only System Integrations -> Minimum Access - API Only Integrations",
                "assign permission set licence Salesforce API Integration");
        assertThat(user.getStatus().getFindings()).anyMatch(f -> f.startsWith("ModifyAllData")).anyMatch(f -> f.startsWith("password never expires"));
        assertThat(user.getStatus().getLastLoginTime()).isNotNull();
        assertThat(user.getStatus().condition("Unused").get().getStatus()).isEqualTo("False");
        assertThat(user.getStatus().getAssignedPermissionSets()).extracting(a -> a.getName()).containsExactly("Legacy_Integration");

        // an admin on a full licence, described as it is: nothing to change, and the risky findings say why to look
        IntegrationUser erp = Resources.user("erp-sync", ERP);
        erp.getSpec().setManagementPolicy(ManagementPolicy.Observe);
        erp.getSpec().setEmail(ERP);
        erp.getSpec().setLastName("ERP and Warehouse Sync");
        erp.getSpec().setAlias("erpandwa");
        erp.getSpec().setProfile("System Administrator");
        erp.getSpec().setPermissionSetLicenses(new ArrayList<>());
        harness.create(erp);
        IntegrationUser erpObserved = harness.awaitCondition(IntegrationUser.class, "erp-sync", "Planned", "False");
        assertThat(erpObserved.getStatus().getPlan()).as("absent: nothing to change").isNull();
        assertThat(erpObserved.getStatus().getFindings()).contains("admin profile: System Administrator", "full licence: Salesforce");

        // a user that does not exist: the plan says what Manage would create, Observe creates nothing
        IntegrationUser missing = Resources.user("new-one", "new.one@brownfield.example.com");
        missing.getSpec().setManagementPolicy(ManagementPolicy.Observe);
        harness.create(missing);
        IntegrationUser notFound = harness.awaitCondition(IntegrationUser.class, "new-one", "Ready", "False", "NotFoundInSalesforce");
        assertThat(notFound.getStatus().getPlan()).first().asString().startsWith("create user new.one@brownfield.example.com");
        assertThat(notFound.getStatus().getPlan()).contains("assign permission set licence Salesforce API Integration");

        // drift: a person changes the user in Setup (the test's one write); the scan reports it and corrects nothing
        person.update("User", userId, Map.of("Email", "someone@elsewhere.example.com"));
        ScanResult scan = scanner.scanNow(NAMESPACE, ORG);
        assertThat(scan.drifted()).isGreaterThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> harness.get(IntegrationUser.class, "legacy-etl").getStatus().isTrue("Drifted"));
        // and the plan, which is what switching to Manage would do, now says it would put the email back
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<String> plan = harness.get(IntegrationUser.class, "legacy-etl").getStatus().getPlan();
            return plan != null && plan.contains("email: someone@elsewhere.example.com -> " + LEGACY);
        });
        // the scan's user read also gives last logins and risky findings: in the report and as metrics, no extra call
        assertThat(report.usage()).extracting(DriftReport.UserUsage::name).contains("legacy-etl", "erp-sync");
        DriftReport.UserUsage erpUsage = report.usage().stream().filter(u -> u.name().equals("erp-sync")).findFirst().orElseThrow();
        assertThat(erpUsage.risky()).contains("admin profile: System Administrator", "full licence: Salesforce");
        assertThat(erpUsage.unused()).isFalse();
        assertThat(meters.get("sfio_integration_users_risky").tag("finding", "admin profile").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("sfio_integration_users_risky").tag("finding", "ModifyAllData").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("sfio_integration_users_unused").gauge().value()).isZero();

        // update: the spec changes, the plan follows, still no write
        harness.edit(IntegrationUser.class, "legacy-etl", changed -> {
            changed.getSpec().setFirstName("Nightly");
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<String> plan = harness.get(IntegrationUser.class, "legacy-etl").getStatus().getPlan();
            return plan != null && plan.contains("firstName: null -> Nightly")
                    && plan.contains("email: someone@elsewhere.example.com -> " + LEGACY);
        });

        // delete: every observed resource goes, Salesforce stays as it was
        for (IntegrationUser u : harness.client().resources(IntegrationUser.class).inNamespace(NAMESPACE).list().getItems()) {
            harness.client().resource(u).delete();
        }
        harness.client().resource(harness.get(PermissionSet.class, "legacy")).delete();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.client().resources(IntegrationUser.class).inNamespace(NAMESPACE).list().getItems().isEmpty()
                && harness.get(PermissionSet.class, "legacy") == null);

        assertThat(person.writeCalls() - writesBefore).as("the person's one change, nothing from the operator").isEqualTo(1);
        assertThat(person.one("SELECT IsActive, Profile.Name FROM User WHERE Id = '" + userId + "'").path("IsActive").asBoolean()).isTrue();
        assertThat(person.one("SELECT PermissionsModifyAllData FROM PermissionSet WHERE Name = 'Legacy_Integration'")
                .path("PermissionsModifyAllData").asBoolean()).isTrue();
        assertThat(person.query("SELECT Id FROM PermissionSet WHERE Name LIKE 'SFIO_Managed%'")).as("not even the marker").isEmpty();
    }

    /** Review the plan, then adopt deliberately: switching to Manage without adoption is refused, with IfUnmanaged it converges. */
    @Test
    void switchingToManageNeedsAdoptionAndThenConvergesToLeastPrivilege() {
        harness.create(legacySet());
        harness.awaitCondition(PermissionSet.class, "legacy", "Planned", "True");
        harness.create(legacyUser());
        harness.awaitCondition(IntegrationUser.class, "legacy-etl", "Planned", "True");

        harness.edit(PermissionSet.class, "legacy", set -> {
            set.getSpec().setManagementPolicy(ManagementPolicy.Manage);
        });
        harness.awaitCondition(PermissionSet.class, "legacy", "Ready", "False", "AdoptionRefused");

        harness.edit(PermissionSet.class, "legacy", set -> set.getSpec().setAdoption(io.sfintegration.api.v1alpha1.AdoptionPolicy.IfUnmanaged));
        PermissionSet managed = harness.awaitCondition(PermissionSet.class, "legacy", "Ready", "True");
        assertThat(managed.getStatus().getPlan()).isNull();
        assertThat(managed.getStatus().condition("Planned").get().getStatus()).isEqualTo("False");

        harness.edit(IntegrationUser.class, "legacy-etl", user -> {
            user.getSpec().setManagementPolicy(ManagementPolicy.Manage);
            user.getSpec().setAdoption(io.sfintegration.api.v1alpha1.AdoptionPolicy.IfUnmanaged);
        });
        IntegrationUser adopted;
        try {
            adopted = harness.awaitCondition(IntegrationUser.class, "legacy-etl", "Planned", "False");
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not converged: " + io.fabric8.kubernetes.client.utils.Serialization.asJson(
                    harness.get(IntegrationUser.class, "legacy-etl").getStatus()), e);
        }
        assertThat(adopted.getStatus().isTrue("Ready")).isTrue();

        var sfUser = person.one("SELECT Profile.Name FROM User WHERE Username = '" + LEGACY + "'");
        assertThat(sfUser.path("Profile").path("Name").asText()).isEqualTo("Minimum Access - API Only Integrations");
        assertThat(person.query("SELECT Id FROM PermissionSetLicenseAssign WHERE Assignee.Username = '" + LEGACY + "'")).hasSize(1);
        assertThat(person.one("SELECT PermissionsModifyAllData, PermissionsPasswordNeverExpires FROM PermissionSet WHERE Name = 'Legacy_Integration'")
                .path("PermissionsModifyAllData").asBoolean()).isFalse();
        assertThat(person.query("SELECT Id FROM PermissionSetAssignment WHERE Assignee.Username = '" + LEGACY
                + "' AND PermissionSet.Name = 'Legacy_Integration'")).as("the person's grant stays").hasSize(1);
    }

    static PermissionSet legacySet() {
        PermissionSet ps = Resources.permissionSet("legacy", "Legacy_Integration");
        ps.getSpec().setManagementPolicy(ManagementPolicy.Observe);
        ps.getSpec().setLabel("Legacy Integration");
        ps.getSpec().setDescription("Made in 2019 for the ETL job");
        ps.getSpec().setLicense("None");
        ps.getSpec().setObjectPermissions(new ArrayList<>(List.of(
                new io.sfintegration.api.v1alpha1.ObjectPermission("Account", true, false, false, false, false, false),
                new io.sfintegration.api.v1alpha1.ObjectPermission("Contact", true, false, false, false, false, false))));
        ps.getSpec().setFieldPermissions(new ArrayList<>());
        ps.getSpec().setUserPermissions(new ArrayList<>(List.of("ApiEnabled")));
        return ps;
    }

    static IntegrationUser legacyUser() {
        IntegrationUser u = Resources.user("legacy-etl", LEGACY);
        u.getSpec().setManagementPolicy(ManagementPolicy.Observe);
        u.getSpec().setEmail(LEGACY);
        u.getSpec().setLastName("Legacy ETL");
        u.getSpec().setAlias("legacyet");
        u.getSpec().setPermissionSets(new ArrayList<>(List.of(PermissionSetReference.ofRef("legacy"))));
        return u;
    }
}
