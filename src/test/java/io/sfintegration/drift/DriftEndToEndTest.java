package io.sfintegration.drift;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Event;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfintegration.api.v1alpha1.DriftPolicy;
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

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.sfintegration.testing.OperatorHarness.NAMESPACE;
import static io.sfintegration.testing.OperatorHarness.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole loop against the emulator: a person (the second admin) changes users, assignments and permissions over the
 * REST API behind the operator's back; a scan detects it, names who did it, records an Event and the report, and the
 * controllers put Salesforce back under Correct, or leave it alone under Report.
 */
class DriftEndToEndTest {

    OperatorHarness harness;
    EmulatorRest person;
    DriftReport report;
    DriftScanner scanner;
    String userId;
    String permissionSetId;
    /**
     * Salesforce's clock and the scanner's: real time that the test can move ahead, instead of sleeping until the change
     * probe's window (second precision, minus the overlap) has passed.
     */
    final JumpingClock clock = new JumpingClock();

    @BeforeEach
    void start() throws Exception {
        harness = OperatorHarness.start(EmulatorConfig.builder().clock(clock).build());
        person = new EmulatorRest(harness.emulator());
        harness.createOrg();
        harness.create(Resources.permissionSet("reader", "Test_Reader"));
        permissionSetId = harness.awaitCondition(PermissionSet.class, "reader", "Ready", "True").getStatus().getPermissionSetId();
        harness.create(Resources.user("erp", "erp@acme.example.com", "reader"));
        userId = harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True").getStatus().getUserId();
        OperatorComponents c = harness.components();
        report = new DriftReport();
        scanner = new DriftScanner(harness.client(), c.clients(), c.catalog(), c.resync(), c.events(), new SimpleMeterRegistry(),
                clock, DriftScanSettings.defaults(), report);
    }

    @AfterEach
    void stop() {
        if (scanner != null) {
            scanner.close();
        }
        harness.close();
    }

    /**
     * Issue 17: a busy org (logins of every user, the operator's own and the managed one's included, people editing
     * people, admins changing other setup) costs one probe call and no full read; a change to the managed user that
     * only the audit trail shows (a freeze: UserLogin has no SystemModstamp) still leads to a full read that finds it.
     */
    @Test
    void aBusyOrgIsNotDriftButAFreezeSeenOnlyInTheAuditTrailIs() {
        clock.advance(DriftScanSettings.DEFAULT_PROBE_OVERLAP.plusSeconds(1));   // the operator's own writes of the set-up must be older than the first scan
        assertThat(scanner.scanNow(NAMESPACE, ORG).outcome()).isEqualTo(ScanOutcome.FULL);
        clock.advance(DriftScanSettings.DEFAULT_PROBE_OVERLAP.plusSeconds(1));
        person.activity(1200, 300, 600);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            var counts = harness.emulator().activity().counts();
            return counts.logins() >= 20 && counts.userEdits() >= 5 && counts.setupChanges() >= 10;
        });
        person.activity(0, 0, 0);
        assertThat(person.one("SELECT LastLoginDate FROM User WHERE Id = '" + userId + "'").path("LastLoginDate").isNull())
                .as("the managed user logged in").isFalse();
        clock.advance(DriftScanSettings.DEFAULT_PROBE_OVERLAP.plusSeconds(1));

        ScanResult busy = scanner.scanNow(NAMESPACE, ORG);
        assertThat(busy.outcome()).as(busy.toString()).isEqualTo(ScanOutcome.SKIPPED);
        assertThat(busy.apiCalls()).isEqualTo(1);

        person.update("UserLogin", person.one("SELECT Id FROM UserLogin WHERE UserId = '" + userId + "'").path("Id").asText(),
                Map.of("IsFrozen", true));
        clock.advance(DriftScanSettings.DEFAULT_PROBE_OVERLAP.plusSeconds(1));
        ScanResult frozen = scanner.scanNow(NAMESPACE, ORG);
        assertThat(frozen.outcome()).isEqualTo(ScanOutcome.FULL);
        assertThat(frozen.drifted()).isEqualTo(1);
    }

    /** Timestamps in the probe have second precision: waits until the wall clock is in the next second. */
    @Test
    void detectsAttributesReportsAndCorrectsChangesMadeInSetup() {
        // the freeze and the unassignment below remove access: only an org that allows it has them restored
        // (AccessRemovalEndToEndTest: without restoreAccess they stay)
        harness.edit(SalesforceOrg.class, ORG, org -> {
            org.getSpec().getDrift().setRestoreAccess(true);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(harness.get(SalesforceOrg.class, ORG).getSpec().getDrift().getRestoreAccess()));
        ScanResult first = scanner.scanNow(NAMESPACE, ORG);
        assertThat(first.outcome()).isEqualTo(ScanOutcome.FULL);
        assertThat(first.resourcesChecked()).isEqualTo(2);
        assertThat(first.drifted()).isZero();

        // a person in Setup changes the user, its assignments and the permission set
        person.update("User", userId, Map.of("Email", "intruder@elsewhere.example.com"));
        person.update("UserLogin", person.one("SELECT Id FROM UserLogin WHERE UserId = '" + userId + "'").path("Id").asText(),
                Map.of("IsFrozen", true));
        person.delete("PermissionSetAssignment", person.one("SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '" + userId
                + "' AND PermissionSet.Name = 'Test_Reader'").path("Id").asText());
        person.update("PermissionSet", permissionSetId, Map.of("PermissionsViewSetup", true));
        person.update("ObjectPermissions", person.one("SELECT Id FROM ObjectPermissions WHERE ParentId = '" + permissionSetId
                + "' AND SobjectType = 'Account'").path("Id").asText(), Map.of("PermissionsEdit", true));

        ScanResult scan = scanner.scanNow(NAMESPACE, ORG);

        assertThat(scan.outcome()).isEqualTo(ScanOutcome.FULL);
        assertThat(scan.drifted()).isEqualTo(2);
        DriftReport.DriftedResource user = report.drifted(DriftFinding.KIND_USER, NAMESPACE, "erp").orElseThrow();
        assertThat(user.differences()).anySatisfy(d -> assertThat(d).startsWith("email: expected 'owner@acme.example.com', found 'intruder@elsewhere.example.com'"))
                .anySatisfy(d -> assertThat(d).isEqualTo("frozen: expected false, found true"))
                .anySatisfy(d -> assertThat(d).isEqualTo("permission set Test_Reader: expected assigned, found not assigned"));
        assertThat(user.changedBy()).isEqualTo(EmulatorRest.SETUP_ADMIN);
        assertThat(user.changedAt()).isNotNull();
        DriftReport.DriftedResource ps = report.drifted(DriftFinding.KIND_PERMISSION_SET, NAMESPACE, "reader").orElseThrow();
        assertThat(ps.differences()).anySatisfy(d -> assertThat(d).startsWith("userPermissions:").contains("ViewSetup"))
                .anySatisfy(d -> assertThat(d).startsWith("objectPermissions Account: expected read, found read+edit"));
        assertThat(ps.policy()).isEqualTo(DriftPolicy.Correct);
        assertThat(events("erp", "DriftDetected")).hasSize(1);
        assertThat(events("erp", "DriftDetected").get(0).getMessage()).contains("Changed by " + EmulatorRest.SETUP_ADMIN);
        assertThat(events("reader", "DriftDetected")).hasSize(1);
        assertThat(new DriftResource(report).get().driftedCount()).isEqualTo(2);

        // Correct: the controllers put Salesforce back and say so
        harness.awaitCondition(IntegrationUser.class, "erp", "Drifted", "False", "DriftCorrected");
        harness.awaitCondition(PermissionSet.class, "reader", "Drifted", "False", "DriftCorrected");
        JsonNode back = person.one("SELECT Email FROM User WHERE Id = '" + userId + "'");
        assertThat(back.path("Email").asText()).isEqualTo("owner@acme.example.com");
        assertThat(person.one("SELECT IsFrozen FROM UserLogin WHERE UserId = '" + userId + "'").path("IsFrozen").asBoolean()).isFalse();
        assertThat(person.query("SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '" + userId
                + "' AND PermissionSet.Name = 'Test_Reader'")).hasSize(1);
        assertThat(person.one("SELECT PermissionsViewSetup FROM PermissionSet WHERE Id = '" + permissionSetId + "'")
                .path("PermissionsViewSetup").asBoolean()).isFalse();

        ScanResult after = scanner.scanNow(NAMESPACE, ORG);
        assertThat(after.drifted()).isZero();
        assertThat(report.drifted()).isEmpty();
    }

    @Test
    void underReportNothingIsWrittenToSalesforceAndAPersonPuttingItBackClearsTheDrift() {
        harness.edit(SalesforceOrg.class, ORG, org -> {
            org.getSpec().getDrift().setPolicy(DriftPolicy.Report);
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> harness.get(SalesforceOrg.class, ORG).getSpec().getDrift().getPolicy() == DriftPolicy.Report);
        scanner.scanNow(NAMESPACE, ORG);

        person.update("User", userId, Map.of("LastName", "Renamed by hand"));
        long writes = person.writeCalls();
        ScanResult scan = scanner.scanNow(NAMESPACE, ORG);

        assertThat(scan.drifted()).isEqualTo(1);
        IntegrationUser drifted = harness.awaitCondition(IntegrationUser.class, "erp", "Drifted", "True", "DriftDetected");
        assertThat(drifted.getStatus().condition("Drifted").orElseThrow().getMessage())
                .contains("lastName: expected 'Integration erp', found 'Renamed by hand'").contains("Policy Report");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(person.writeCalls()).as("write calls after a scan under Report").isEqualTo(writes);
        assertThat(person.one("SELECT LastName FROM User WHERE Id = '" + userId + "'").path("LastName").asText()).isEqualTo("Renamed by hand");

        person.update("User", userId, Map.of("LastName", "Integration erp"));
        scanner.scanNow(NAMESPACE, ORG);
        harness.awaitCondition(IntegrationUser.class, "erp", "Drifted", "False", "NoDrift");
        assertThat(report.drifted()).isEmpty();
    }

    @Test
    void aResourceCanReportWhileTheOrgCorrects() {
        harness.edit(IntegrationUser.class, "erp", user -> {
            user.getSpec().setDriftPolicy(DriftPolicy.Report);
        });
        harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True");
        scanner.scanNow(NAMESPACE, ORG);

        // (fields the spec leaves unset, such as firstName here, are not managed and so cannot drift)
        person.update("User", userId, Map.of("TimeZoneSidKey", "Europe/Paris"));
        long writes = person.writeCalls();
        ScanResult scan = scanner.scanNow(NAMESPACE, ORG);
        assertThat(scan.drifted()).isEqualTo(1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(person.writeCalls()).isEqualTo(writes);
        assertThat(report.drifted(DriftFinding.KIND_USER, NAMESPACE, "erp").orElseThrow().policy()).isEqualTo(DriftPolicy.Report);
        assertThat(report.drifted(DriftFinding.KIND_USER, NAMESPACE, "erp").orElseThrow().differences())
                .containsExactly("timeZone: expected 'America/Los_Angeles', found 'Europe/Paris'");
    }

    @Test
    void aScanThatFindsNothingChangedCostsOneCallAndOrphansAreReportedNotDeleted() {
        String orphanUser = person.createApiOnlyUser("by.hand@acme.example.com", "By Hand", "by.hand@acme.example.com", "byhand");
        String license = person.one("SELECT Id FROM PermissionSetLicense WHERE MasterLabel = 'Salesforce API Integration'").path("Id").asText();
        person.create("PermissionSet", Map.of("Name", "Left_Behind", "Label", "Left behind", "LicenseId", license));
        // every change so far lies before the full scan's start minus the probe's overlap
        clock.advance(DriftScanSettings.DEFAULT_PROBE_OVERLAP.plusSeconds(1));

        ScanResult full = scanner.scanNow(NAMESPACE, ORG);
        assertThat(full.orphans()).isEqualTo(2);
        assertThat(report.org(NAMESPACE, ORG).orElseThrow().orphans()).extracting(DriftReport.Orphan::name)
                .containsExactlyInAnyOrder("by.hand@acme.example.com", "Left_Behind");
        assertThat(full.apiCalls()).isLessThanOrEqualTo(4);

        long calls = person.apiCalls();
        clock.advance(Duration.ofMinutes(10));
        ScanResult quiet = scanner.scanNow(NAMESPACE, ORG);
        assertThat(quiet.outcome()).isEqualTo(ScanOutcome.SKIPPED);
        assertThat(quiet.apiCalls()).isEqualTo(1);
        assertThat(person.apiCalls() - calls).as("calls the emulator counted").isEqualTo(1);
        assertThat(person.query("SELECT Id FROM User WHERE Id = '" + orphanUser + "'")).hasSize(1);
    }

    /** Follows the system clock, plus every jump made so far. */
    static final class JumpingClock extends Clock {
        private volatile Duration ahead = Duration.ZERO;

        void advance(Duration d) {
            ahead = ahead.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(ahead);
        }
    }

    List<Event> events(String name, String reason) {
        return harness.client().v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason())).toList();
    }
}
