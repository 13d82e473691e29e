package io.sfintegration.drift;

import io.sfintegration.testing.MutableClock;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfintegration.api.v1alpha1.DriftPolicy;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.ResyncRequests;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.salesforce.AuditEntry;
import io.sfintegration.salesforce.OrgInventory;
import io.sfintegration.salesforce.SalesforceClient;
import io.sfintegration.salesforce.SalesforceClients;
import io.sfintegration.salesforce.SalesforceUser;
import io.sfintegration.salesforce.UserFields;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.sfintegration.drift.DriftFixture.NS;
import static io.sfintegration.drift.DriftFixture.ORG;
import static org.assertj.core.api.Assertions.assertThat;

@EnableKubernetesMockClient(crud = true)
class DriftScannerTest {

    KubernetesClient kube;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T01:00:00Z"));
    final FakeSalesforceClient salesforce = new FakeSalesforceClient(DriftFixture.snapshot());
    final OrgCatalog catalog = new OrgCatalog(clock);
    final ResyncRequests resync = new ResyncRequests();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final DriftReport report = new DriftReport();
    DriftScanner scanner;

    DriftScanner scanner(DriftScanSettings settings) {
        catalog.put(OrgCatalog.key(NS, ORG), DriftFixture.snapshot());
        SalesforceClients clients = new SalesforceClients() {
            @Override
            public SalesforceClient forOrg(SalesforceOrg org) {
                return salesforce;
            }

            @Override
            public void forget(SalesforceOrg org) {
            }
        };
        scanner = new DriftScanner(kube, clients, catalog, resync, new EventRecorder(kube, clock), meters, clock, settings, report);
        return scanner;
    }

    void inSync() {
        salesforce.users.put(DriftFixture.USER_ID, DriftFixture.userState("owner@acme.example", false, true));
        salesforce.permissionSets.put(DriftFixture.PS_NAME.toLowerCase(Locale.ROOT), DriftFixture.permissionSetState(Set.of("ApiEnabled")));
    }

    @AfterEach
    void stop() {
        if (scanner != null) {
            scanner.close();
        }
    }

    IntegrationUser user() {
        return kube.resources(IntegrationUser.class).inNamespace(NS).withName("billing").get();
    }

    PermissionSet permissionSet() {
        return kube.resources(PermissionSet.class).inNamespace(NS).withName("billing-ps").get();
    }

    List<Event> events(String reason) {
        return kube.v1().events().inNamespace(NS).list().getItems().stream().filter(e -> reason.equals(e.getReason())).toList();
    }

    @Test
    void firstScanReadsEverythingAndFindsNothing() {
        DriftFixture.createAll(kube, DriftFixture.org(DriftPolicy.Correct, "10m"), DriftFixture.user(null), DriftFixture.permissionSet(null));
        inSync();
        ScanResult r = scanner(DriftScanSettings.defaults()).scanNow(NS, ORG);

        assertThat(r.outcome()).isEqualTo(ScanOutcome.FULL);
        assertThat(r.resourcesChecked()).isEqualTo(2);
        assertThat(r.drifted()).isZero();
        assertThat(r.apiCalls()).as("users, permission sets, inventory").isEqualTo(3);
        assertThat(user().getStatus().condition(ConditionTypes.DRIFTED)).isEmpty();
        SalesforceOrg org = kube.resources(SalesforceOrg.class).inNamespace(NS).withName(ORG).get();
        assertThat(org.getStatus().getLastDriftScan()).isEqualTo("2026-11-29T01:00:00Z");
        assertThat(org.getStatus().getEffectiveDriftInterval()).isEqualTo("10m");
        assertThat(salesforce.writes.get()).isZero();
    }

    @Test
    void aScanThatFindsNothingChangedCostsOneCallAndReadsInFullEveryNScans() {
        DriftFixture.createAll(kube, DriftFixture.org(DriftPolicy.Correct, "10m"), DriftFixture.user(null), DriftFixture.permissionSet(null));
        inSync();
        scanner(DriftScanSettings.defaults().withFullReadEvery(3));
        List<ScanOutcome> outcomes = new java.util.ArrayList<>();
        List<Long> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ScanResult r = scanner.scanNow(NS, ORG);
            outcomes.add(r.outcome());
            calls.add(r.apiCalls());
            clock.advance(Duration.ofMinutes(10));
        }
        assertThat(outcomes).containsExactly(ScanOutcome.FULL, ScanOutcome.SKIPPED, ScanOutcome.SKIPPED, ScanOutcome.FULL, ScanOutcome.SKIPPED);
        assertThat(calls).containsExactly(3L, 1L, 1L, 4L, 1L);
        assertThat(salesforce.probedSince).as("the previous scan's start minus the overlap")
                .first().isEqualTo(Instant.parse("2026-11-29T01:00:00Z").minus(DriftScanSettings.DEFAULT_PROBE_OVERLAP));
        assertThat(meters.get(DriftMetrics.SCANS).tag("result", "skipped").counter().count()).isEqualTo(3.0);
        assertThat(meters.get(DriftMetrics.SCANS).tag("result", "full").counter().count()).isEqualTo(2.0);
        assertThat(meters.get(DriftMetrics.API_CALLS).counter().count()).isEqualTo(10.0);
        assertThat(meters.get(DriftMetrics.DURATION).timer().count()).isEqualTo(5);
    }

    @Test
    void aChangeStampedJustBeforeThePreviousScanStartedIsStillSeen() {
        DriftFixture.createAll(kube, DriftFixture.org(DriftPolicy.Correct, "10m"), DriftFixture.user(null), DriftFixture.permissionSet(null));
        inSync();
        scanner(DriftScanSettings.defaults());
        Instant firstScan = clock.instant();
        assertThat(scanner.scanNow(NS, ORG).outcome()).isEqualTo(ScanOutcome.FULL);
        clock.advance(Duration.ofMinutes(10));
        // Salesforce's clock runs 20 s behind ours: a change made after the first scan's read carries an earlier stamp
        salesforce.audit.add(new AuditEntry("0Ym9", firstScan.minusSeconds(20), "PermSetChanged", "Manage Users",
                "Changed permission set " + DriftFixture.PS_NAME, "setup.admin@emulator.example.com", null));
        assertThat(scanner.scanNow(NS, ORG).outcome()).as("seen through the overlap").isEqualTo(ScanOutcome.FULL);

        clock.advance(Duration.ofMinutes(10));
        assertThat(scanner.scanNow(NS, ORG).outcome()).as("no longer inside the window").isEqualTo(ScanOutcome.SKIPPED);
    }

    @Test
    void withoutOverlapASkewedChangeWaitsForTheBackstop() {
        DriftFixture.createAll(kube, DriftFixture.org(DriftPolicy.Correct, "10m"), DriftFixture.user(null), DriftFixture.permissionSet(null));
        inSync();
        scanner(DriftScanSettings.defaults().withProbeOverlap(Duration.ZERO));
        Instant firstScan = clock.instant();
        scanner.scanNow(NS, ORG);
        clock.advance(Duration.ofMinutes(10));
        salesforce.audit.add(new AuditEntry("0Ym9", firstScan.minusSeconds(20), "PermSetChanged", "Manage Users",
                "Changed permission set " + DriftFixture.PS_NAME, "setup.admin@emulator.example.com", null));
        assertThat(scanner.scanNow(NS, ORG).outcome()).isEqualTo(ScanOutcome.SKIPPED);
    }

    @Test
    void userDriftIsDetectedAttributedReportedAndCorrectedUnderCorrect() {
        // the freeze below removes access: corrected only where the org restores access (AccessRemovalEndToEndTest: default)
        SalesforceOrg org = DriftFixture.org(DriftPolicy.Correct, "10m");
        org.getSpec().getDrift().setRestoreAccess(true);
        DriftFixture.createAll(kube, org, DriftFixture.user(null), DriftFixture.permissionSet(null));
        inSync();
        scanner(DriftScanSettings.defaults());
        scanner.scanNow(NS, ORG);
        clock.advance(Duration.ofMinutes(10));
        // a person changes the user in Setup
        salesforce.users.put(DriftFixture.USER_ID, DriftFixture.userState("someone@else.example", true, true));
        salesforce.audit.add(new AuditEntry("0Ym1", clock.instant().minusSeconds(60), "changedemail", "Manage Users",
                "Changed email for user billing@acme.example from owner@acme.example to someone@else.example",
                "setup.admin@emulator.example.com", null));
        salesforce.audit.add(new AuditEntry("0Ym0", clock.instant().minusSeconds(300), "changedemail", "Manage Users",
                "Changed email for user billing@acme.example.other", "someone.else@emulator.example.com", null));
        salesforce.audit.add(new AuditEntry("0Ym2", clock.instant().minusSeconds(30), "frozeuser", "Manage Users",
                "Froze user other@acme.example", "someone.else@emulator.example.com", null));

        ScanResult r = scanner.scanNow(NS, ORG);

        assertThat(r.outcome()).isEqualTo(ScanOutcome.FULL);
        assertThat(r.drifted()).isEqualTo(1);
        assertThat(r.apiCalls()).isEqualTo(4);
        var drifted = user().getStatus().condition(ConditionTypes.DRIFTED).orElseThrow();
        assertThat(drifted.getStatus()).isEqualTo("True");
        assertThat(drifted.getReason()).isEqualTo("DriftDetected");
        assertThat(drifted.getMessage())
                .contains("email: expected 'owner@acme.example', found 'someone@else.example'")
                .contains("frozen: expected false, found true")
                .contains("Changed by setup.admin@emulator.example.com at 2026-11-29T01:09:00Z")
                .contains("Policy Correct");
        assertThat(events("DriftDetected")).hasSize(1);
        assertThat(events("DriftDetected").get(0).getType()).isEqualTo("Warning");
        assertThat(events("DriftDetected").get(0).getInvolvedObject().getName()).isEqualTo("billing");
        assertThat(resync.isPending(IntegrationUser.class, ResourceID.fromResource(user()))).isTrue();
        assertThat(resync.holdsRemovedAccess(IntegrationUser.class, ResourceID.fromResource(user()))).isFalse();
        assertThat(resync.isPending(PermissionSet.class, ResourceID.fromResource(permissionSet()))).isFalse();
        DriftReport.DriftedResource entry = report.drifted(DriftFinding.KIND_USER, NS, "billing").orElseThrow();
        assertThat(entry.differences()).hasSize(2);
        assertThat(entry.changedBy()).isEqualTo("setup.admin@emulator.example.com");
        assertThat(entry.policy()).isEqualTo(DriftPolicy.Correct);
        assertThat(meters.get(DriftMetrics.RESOURCES).tag("kind", "IntegrationUser").gauge().value()).isEqualTo(1.0);
        assertThat(salesforce.writes.get()).as("corrections are the controller's job").isZero();

        // seen again: same message, so no second status write and no second event
        String version = user().getMetadata().getResourceVersion();
        clock.advance(Duration.ofMinutes(10));
        salesforce.recordsChangedSince = true;
        assertThat(scanner.scanNow(NS, ORG).drifted()).isEqualTo(1);
        assertThat(user().getMetadata().getResourceVersion()).isEqualTo(version);
        assertThat(events("DriftDetected")).hasSize(1);
        assertThat(report.drifted(DriftFinding.KIND_USER, NS, "billing").orElseThrow().changedBy()).isEqualTo("setup.admin@emulator.example.com");
    }

    @Test
    void aFreezeIsReportedAsAccessRemovedAndTheCorrectionHoldsIt() {
        DriftFixture.createAll(kube, DriftFixture.org(DriftPolicy.Correct, "10m"), DriftFixture.user(null), DriftFixture.permissionSet(null));
        inSync();
        scanner(DriftScanSettings.defaults());
        scanner.scanNow(NS, ORG);
        clock.advance(Duration.ofMinutes(10));
        salesforce.users.put(DriftFixture.USER_ID, DriftFixture.userState("someone@else.example", true, true));
        salesforce.audit.add(new AuditEntry("0Ym2", clock.instant().minusSeconds(30), "frozeuser", "Manage Users",
                "Froze user billing@acme.example", "setup.admin@emulator.example.com", null));

        assertThat(scanner.scanNow(NS, ORG).drifted()).isEqualTo(1);

        var drifted = user().getStatus().condition(ConditionTypes.DRIFTED).orElseThrow();
        assertThat(drifted.getStatus()).isEqualTo("True");
        assertThat(drifted.getReason()).isEqualTo("AccessRemovedInSalesforce");
        assertThat(drifted.getMessage()).startsWith("Access was removed in Salesforce: frozen: expected false, found true.")
                .contains("Changed by setup.admin@emulator.example.com at 2026-11-29T01:09:30Z")
                .contains("restoreAccess is false")
                .contains("Other differences: email: expected 'owner@acme.example', found 'someone@else.example'");
        assertThat(events("AccessRemovedInSalesforce")).hasSize(1);
        assertThat(events("DriftDetected")).isEmpty();
        // the email is still corrected, by a reconcile told to hold the freeze
        assertThat(resync.isPending(IntegrationUser.class, ResourceID.fromResource(user()))).isTrue();
        assertThat(resync.holdsRemovedAccess(IntegrationUser.class, ResourceID.fromResource(user()))).isTrue();
        assertThat(report.drifted(DriftFinding.KIND_USER, NS, "billing").orElseThrow().correctionRequested()).isTrue();
    }

    @Test
    void reportPolicyNeverAsksForCorrectionAndResourcesMayOverrideIt() {
        DriftFixture.createAll(kube, DriftFixture.org(DriftPolicy.Report, "10m"), DriftFixture.user(null), DriftFixture.permissionSet(DriftPolicy.Correct));
        salesforce.users.put(DriftFixture.USER_ID, DriftFixture.userState("someone@else.example", false, true));
        salesforce.permissionSets.put(DriftFixture.PS_NAME.toLowerCase(Locale.ROOT), DriftFixture.permissionSetState(Set.of("ApiEnabled", "ViewSetup")));

        ScanResult r = scanner(DriftScanSettings.defaults()).scanNow(NS, ORG);

        assertThat(r.drifted()).isEqualTo(2);
        assertThat(resync.isPending(IntegrationUser.class, ResourceID.fromResource(user()))).isFalse();
        assertThat(resync.isPending(PermissionSet.class, ResourceID.fromResource(permissionSet()))).isTrue();
        assertThat(user().getStatus().condition(ConditionTypes.DRIFTED).orElseThrow().getMessage()).contains("Policy Report");
        assertThat(permissionSet().getStatus().condition(ConditionTypes.DRIFTED).orElseThrow().getMessage())
                .contains("userPermissions: expected [ApiEnabled], found [ApiEnabled, ViewSetup]");
        assertThat(report.drifted(DriftFinding.KIND_USER, NS, "billing").orElseThrow().policy()).isEqualTo(DriftPolicy.Report);
        assertThat(salesforce.writes.get()).isZero();
    }

    @Test
    void aResourcePutBackByAPersonReturnsToNoDrift() {
        DriftFixture.createAll(kube, DriftFixture.org(DriftPolicy.Report, "10m"), DriftFixture.user(null), DriftFixture.permissionSet(null));
        inSync();
        salesforce.users.put(DriftFixture.USER_ID, DriftFixture.userState("owner@acme.example", false, false));
        scanner(DriftScanSettings.defaults()).scanNow(NS, ORG);
        assertThat(user().getStatus().condition(ConditionTypes.DRIFTED).orElseThrow().getMessage())
                .contains("permission set Billing_Integration: expected assigned, found not assigned");

        clock.advance(Duration.ofMinutes(10));
        inSync();
        salesforce.recordsChangedSince = true;
        ScanResult r = scanner.scanNow(NS, ORG);

        assertThat(r.drifted()).isZero();
        var condition = user().getStatus().condition(ConditionTypes.DRIFTED).orElseThrow();
        assertThat(condition.getStatus()).isEqualTo("False");
        assertThat(condition.getReason()).isEqualTo("NoDrift");
        assertThat(report.drifted()).isEmpty();
        assertThat(events("NoDrift")).hasSize(1);
        assertThat(meters.get(DriftMetrics.RESOURCES).tag("kind", "IntegrationUser").gauge().value()).isZero();
    }

    @Test
    void orphansAreReportedButNotTheOperatorOrClaimedOnes() {
        DriftFixture.createAll(kube, DriftFixture.org(DriftPolicy.Correct, "10m"), DriftFixture.user(null), DriftFixture.permissionSet(null));
        inSync();
        UserFields f = new UserFields("old@acme.example", "x@acme.example", null, "Old", "old", null, null, null, null, DriftFixture.PROFILE_ID);
        salesforce.inventory = new OrgInventory(List.of(
                salesforce.users.get(DriftFixture.USER_ID).user(),
                new SalesforceUser(DriftFixture.OPERATOR_ID, f, "p", "Salesforce Integration", true, null),
                new SalesforceUser("005000000000009AAA", f, DriftFixture.snapshot().profiles().get(0).name(), "Salesforce Integration", true, DriftFixture.OPERATOR_ID)),
                List.of(new OrgInventory.PermissionSetSummary(DriftFixture.PS_ID, DriftFixture.PS_NAME, "Billing Integration"),
                        new OrgInventory.PermissionSetSummary("0PS000000000009AAA", "Legacy_Sync", "Legacy Sync")));

        ScanResult r = scanner(DriftScanSettings.defaults()).scanNow(NS, ORG);

        assertThat(r.orphans()).isEqualTo(2);
        assertThat(report.org(NS, ORG).orElseThrow().orphans()).extracting(DriftReport.Orphan::name)
                .containsExactlyInAnyOrder("old@acme.example", "Legacy_Sync");
        assertThat(salesforce.writes.get()).isZero();
    }

    @Test
    void anExhaustedBudgetStretchesTheIntervalAndSaysSoUntilScansGetThroughAgain() {
        DriftFixture.createAll(kube, DriftFixture.org(DriftPolicy.Correct, "10m"), DriftFixture.user(null), DriftFixture.permissionSet(null));
        inSync();
        scanner(DriftScanSettings.defaults());
        salesforce.budgetExhausted = true;

        assertThat(scanner.scanNow(NS, ORG).outcome()).isEqualTo(ScanOutcome.THROTTLED);
        assertThat(org().getStatus().getEffectiveDriftInterval()).isEqualTo("20m");
        assertThat(org().getStatus().getLastDriftScan()).isNull();
        scanner.scanNow(NS, ORG);
        assertThat(org().getStatus().getEffectiveDriftInterval()).isEqualTo("40m");
        assertThat(events(DriftPublisher.EVENT_THROTTLED)).hasSize(2);
        assertThat(events(DriftPublisher.EVENT_THROTTLED).get(0).getMessage()).contains("every 20m instead of 10m");
        assertThat(report.org(NS, ORG).orElseThrow().scan().throttled()).isTrue();
        assertThat(meters.get(DriftMetrics.SCANS).tag("result", "throttled").counter().count()).isEqualTo(2.0);

        salesforce.budgetExhausted = false;
        assertThat(scanner.scanNow(NS, ORG).outcome()).isEqualTo(ScanOutcome.FULL);
        assertThat(org().getStatus().getEffectiveDriftInterval()).isEqualTo("10m");
        assertThat(events(DriftPublisher.EVENT_RESUMED)).hasSize(1);
    }

    @Test
    void stretchingStopsAtADay() {
        assertThat(DriftIntervals.stretch(Duration.ofHours(16))).isEqualTo(Duration.ofHours(24));
        assertThat(DriftIntervals.stretch(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void permissionSetDeletedInSetupIsDrift() {
        DriftFixture.createAll(kube, DriftFixture.org(DriftPolicy.Correct, "10m"), null, DriftFixture.permissionSet(null));
        ScanResult r = scanner(DriftScanSettings.defaults()).scanNow(NS, ORG);
        assertThat(r.drifted()).isEqualTo(1);
        assertThat(report.drifted(DriftFinding.KIND_PERMISSION_SET, NS, "billing-ps").orElseThrow().differences())
                .containsExactly("permission set Billing_Integration: expected to exist, found none");
    }

    @Test
    void aResourceWithAnUnappliedSpecChangeIsNotCompared() {
        IntegrationUser u = DriftFixture.user(null);
        DriftFixture.createAll(kube, DriftFixture.org(DriftPolicy.Correct, "10m"), u, DriftFixture.permissionSet(null));
        inSync();
        IntegrationUser current = user();
        current.getStatus().setObservedGeneration(current.getMetadata().getGeneration() == null ? 5L : current.getMetadata().getGeneration() - 1);
        kube.resources(IntegrationUser.class).inNamespace(NS).resource(current).updateStatus();
        salesforce.users.put(DriftFixture.USER_ID, DriftFixture.userState("someone@else.example", false, true));

        ScanResult r = scanner(DriftScanSettings.defaults()).scanNow(NS, ORG);
        assertThat(r.resourcesChecked()).isEqualTo(1);
        assertThat(r.drifted()).isZero();
    }

    @Test
    void anOrgThatIsNotReadyIsNotScanned() {
        SalesforceOrg org = DriftFixture.org(DriftPolicy.Correct, "10m");
        org.getStatus().getConditions().get(0).setStatus("False");
        DriftFixture.createAll(kube, org, null, null);
        ScanResult r = scanner(DriftScanSettings.defaults()).scanNow(NS, ORG);
        assertThat(r.outcome()).isEqualTo(ScanOutcome.NOT_READY);
        assertThat(salesforce.calls.get()).isZero();
    }

    @Test
    void theScheduleScansDueOrgsOnItsOwn() {
        DriftFixture.createAll(kube, DriftFixture.org(DriftPolicy.Correct, "10m"), DriftFixture.user(null), DriftFixture.permissionSet(null));
        inSync();
        scanner(DriftScanSettings.defaults().withTick(Duration.ZERO, Duration.ofMillis(50))).start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> report.org(NS, ORG).map(o -> o.scan() != null).orElse(false));
        scanner.close();
        // the clock did not move: the org is not due again, so the schedule made exactly one scan
        assertThat(salesforce.calls.get()).isEqualTo(3);
    }

    @Test
    void onlyTheLeaseHolderScansOnSchedule() {
        DriftFixture.createAll(kube, DriftFixture.org(DriftPolicy.Correct, "10m"), DriftFixture.user(null), DriftFixture.permissionSet(null));
        inSync();
        kube.leases().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder()
                .withNewMetadata().withName("lease").withNamespace(NS).endMetadata()
                .withNewSpec().withHolderIdentity("pod-a").endSpec().build()).create();
        catalog.put(OrgCatalog.key(NS, ORG), DriftFixture.snapshot());
        SalesforceClients clients = new SalesforceClients() {
            @Override
            public SalesforceClient forOrg(SalesforceOrg org) {
                return salesforce;
            }

            @Override
            public void forget(SalesforceOrg org) {
            }
        };
        DriftScanner follower = new DriftScanner(kube, clients, catalog, resync, new EventRecorder(kube, clock), meters, clock,
                DriftScanSettings.defaults(), report, new LeaseHolderCheck(kube, NS, "lease", "pod-b"));
        follower.scanDueOrgs();
        assertThat(salesforce.calls.get()).isZero();
        DriftScanner leader = new DriftScanner(kube, clients, catalog, resync, new EventRecorder(kube, clock), meters, clock,
                DriftScanSettings.defaults(), report, new LeaseHolderCheck(kube, NS, "lease", "pod-a"));
        leader.scanDueOrgs();
        assertThat(salesforce.calls.get()).isEqualTo(3);
    }

    SalesforceOrg org() {
        return kube.resources(SalesforceOrg.class).inNamespace(NS).withName(ORG).get();
    }
}
