package io.sfintegration.drift;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.config.OperatorComponents;
import io.sfintegration.controller.PermissionSetGrantsTestSupport;
import io.sfintegration.emulator.EmulatorConfig;
import io.sfintegration.testing.EmulatorRest;
import io.sfintegration.testing.OperatorHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static io.sfintegration.testing.OperatorHarness.NAMESPACE;
import static io.sfintegration.testing.OperatorHarness.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Issue 19: a grant removed and one added in Setup are drift, reported by name and put back under Correct. */
class GrantDriftTest {

    static final String GRANTED = "SELECT Id, SetupEntityId FROM SetupEntityAccess WHERE Parent.Name = 'Billing_Grants'";

    OperatorHarness harness;
    EmulatorRest person;
    DriftReport report;
    DriftScanner scanner;
    final DriftEndToEndTest.JumpingClock clock = new DriftEndToEndTest.JumpingClock();

    @BeforeEach
    void start() throws Exception {
        harness = OperatorHarness.start(EmulatorConfig.builder().clock(clock).build());
        person = new EmulatorRest(harness.emulator());
        harness.createOrg();
        harness.create(PermissionSetGrantsTestSupport.billing());
        harness.awaitCondition(PermissionSet.class, "billing", "Ready", "True");
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

    @Test
    void aGrantRemovedAndOneAddedInSetupAreFoundAndCorrected() {
        assertThat(scanner.scanNow(NAMESPACE, ORG).drifted()).isZero();

        String app = person.one("SELECT Id FROM ConnectedApplication WHERE Name = 'Billing_Integration'").path("Id").asText();
        String appRow = person.one(GRANTED + " AND SetupEntityId = '" + app + "'").path("Id").asText();
        person.delete("SetupEntityAccess", appRow);
        String setId = person.one("SELECT Id FROM PermissionSet WHERE Name = 'Billing_Grants'").path("Id").asText();
        String bypass = person.one("SELECT Id FROM CustomPermission WHERE DeveloperName = 'Bypass_Validation'").path("Id").asText();
        person.create("SetupEntityAccess", Map.of("ParentId", setId, "SetupEntityId", bypass));
        clock.advance(DriftScanSettings.DEFAULT_PROBE_OVERLAP.plusSeconds(1));

        ScanResult scan = scanner.scanNow(NAMESPACE, ORG);
        assertThat(scan.drifted()).as(scan.toString()).isEqualTo(1);
        DriftReport.DriftedResource ps = report.drifted(DriftFinding.KIND_PERMISSION_SET, NAMESPACE, "billing").orElseThrow();
        assertThat(ps.differences()).contains("connectedApps Billing_Integration: expected granted, found not granted",
                "customPermissions " + bypass + ": expected not granted, found granted");

        // the grant added in Setup is taken away; the one a person removed stays removed (spec.drift.restoreAccess false)
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(person.query(GRANTED))
                .extracting(r -> r.path("SetupEntityId").asText()).doesNotContain(app).doesNotContain(bypass).hasSize(3));
        assertThat(harness.get(PermissionSet.class, "billing").getStatus().condition("Drifted").orElseThrow().getReason())
                .isEqualTo("AccessRemovedInSalesforce");

        // once the org allows restoring access, the removed grant comes back
        harness.edit(SalesforceOrg.class, ORG, org -> {
            org.getSpec().getDrift().setRestoreAccess(true);
        });
        harness.awaitCondition(PermissionSet.class, "billing", "Drifted", "False", "DriftCorrected");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(person.query(GRANTED))
                .extracting(r -> r.path("SetupEntityId").asText()).contains(app).doesNotContain(bypass).hasSize(4));
    }
}
