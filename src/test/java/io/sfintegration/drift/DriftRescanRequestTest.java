package io.sfintegration.drift;

import io.fabric8.kubernetes.api.model.Event;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.config.OperatorComponents;
import io.sfintegration.testing.EmulatorRest;
import io.sfintegration.testing.OperatorHarness;
import io.sfintegration.testing.Resources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.sfintegration.testing.OperatorHarness.NAMESPACE;
import static io.sfintegration.testing.OperatorHarness.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Argo CD action rescan-drift end to end: the annotation it sets on an IntegrationUser or a SalesforceOrg makes the
 * running scanner scan that org at once (its interval is 10 minutes), with a full read, and the annotation goes away.
 */
class DriftRescanRequestTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    OperatorHarness harness;
    EmulatorRest person;
    DriftReport report;
    DriftScanner scanner;
    String userId;

    @BeforeEach
    void start() throws Exception {
        harness = OperatorHarness.start();
        person = new EmulatorRest(harness.emulator());
        harness.createOrg();
        harness.create(Resources.permissionSet("reader", "Test_Reader"));
        harness.awaitCondition(PermissionSet.class, "reader", "Ready", "True");
        harness.create(Resources.user("erp", "erp@acme.example.com", "reader"));
        userId = harness.awaitCondition(IntegrationUser.class, "erp", "Ready", "True").getStatus().getUserId();
        OperatorComponents c = harness.components();
        report = new DriftReport();
        scanner = new DriftScanner(harness.client(), c.clients(), c.catalog(), c.resync(), c.events(), new SimpleMeterRegistry(),
                Clock.systemUTC(), DriftScanSettings.defaults().withTick(Duration.ZERO, Duration.ofMillis(100)), report);
        scanner.start();
        // the first round scans at once; the next is due in 10 minutes
        await().atMost(WAIT).until(() -> report.org(NAMESPACE, ORG).map(o -> o.scan() != null).orElse(false));
    }

    @AfterEach
    void stop() {
        if (scanner != null) {
            scanner.close();
        }
        harness.close();
    }

    @Test
    void anAnnotatedUserHasItsOrgScannedNow() {
        person.update("User", userId, Map.of("LastName", "Renamed by hand"));

        harness.client().resources(IntegrationUser.class).inNamespace(NAMESPACE).withName("erp")
                .edit(u -> {
                    u.getMetadata().getAnnotations().put(RescanRequests.ANNOTATION, "20261202T080000Z");
                    return u;
                });

        await().atMost(WAIT).until(() -> report.drifted(DriftFinding.KIND_USER, NAMESPACE, "erp").isPresent());
        assertThat(report.drifted(DriftFinding.KIND_USER, NAMESPACE, "erp").orElseThrow().differences())
                .anySatisfy(d -> assertThat(d).startsWith("lastName:"));
        await().atMost(WAIT).until(() -> !harness.get(IntegrationUser.class, "erp").getMetadata().getAnnotations()
                .containsKey(RescanRequests.ANNOTATION));
        await().atMost(WAIT).until(() -> !events("erp").isEmpty());
        assertThat(events("erp").get(0).getMessage()).contains("SalesforceOrg " + NAMESPACE + "/" + ORG).contains("FULL");
    }

    @Test
    void anAnnotatedOrgIsScannedWithAFullReadEvenWhenNothingChanged() {
        var before = report.org(NAMESPACE, ORG).orElseThrow().scan();
        harness.client().resources(SalesforceOrg.class).inNamespace(NAMESPACE).withName(ORG)
                .edit(o -> {
                    o.getMetadata().getAnnotations().put(RescanRequests.ANNOTATION, "20261202T080000Z");
                    return o;
                });

        await().atMost(WAIT).until(() -> !harness.get(SalesforceOrg.class, ORG).getMetadata().getAnnotations()
                .containsKey(RescanRequests.ANNOTATION));
        await().atMost(WAIT).until(() -> !events(ORG).isEmpty());
        assertThat(events(ORG).get(0).getMessage()).contains("FULL, 2 resources checked, 0 drifted");
        assertThat(report.org(NAMESPACE, ORG).orElseThrow().scan().lastOutcome()).isEqualTo(ScanOutcome.FULL);
        assertThat(report.org(NAMESPACE, ORG).orElseThrow().scan().lastScan()).isAfter(before.lastScan());
        // the user did not ask: only the resources that asked get an answer
        assertThat(events("erp")).isEmpty();
    }

    List<Event> events(String name) {
        return harness.client().v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName()) && RescanRequests.EVENT.equals(e.getReason())).toList();
    }
}
