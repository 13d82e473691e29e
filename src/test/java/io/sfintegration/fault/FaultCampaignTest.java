package io.sfintegration.fault;

import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.testing.EmulatorRest;
import io.sfintegration.testing.LogCapture;
import io.sfintegration.testing.OperatorHarness;
import io.sfintegration.testing.Resources;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The small fault campaign of the normal test suite (the full one is FaultCampaignBenchmark): transient errors, lock
 * contention, latency spikes, every token expiring, an operator restart in the middle of a burst and the Kubernetes
 * watches dropped. Afterwards everything has converged, nothing is duplicated or deleted, no secret was logged and
 * the API calls stayed bounded.
 */
class FaultCampaignTest {

    static final int USERS = 4;

    @Test
    void everythingConvergesWithoutDuplicatesAfterFaults() throws Exception {
        AtomicReference<TcpProxy> proxy = new AtomicReference<>();
        try (LogCapture logs = new LogCapture(); OperatorHarness harness = OperatorHarness.start(OperatorHarness.Options.defaults()
                .withOperatorApiUrl(url -> {
                    proxy.set(TcpProxy.to(url));
                    return proxy.get().url();
                }))) {
            EmulatorRest sf = new EmulatorRest(harness.emulator());
            harness.createClientCredentialsOrg();
            long callsBefore = sf.apiCalls();
            sf.admin("PUT", "/__emulator/faults", Map.of(
                    "errorRates", Map.of("SERVER_UNAVAILABLE", 0.10, "UNABLE_TO_LOCK_ROW", 0.05, "CONNECTION_DROP_AFTER_COMMIT", 0.05),
                    "latencySpike", Map.of("probability", 0.05, "ms", 300)));
            harness.create(Resources.permissionSet("reader", "Fault_Reader"));
            harness.create(Resources.permissionSet("writer", "Fault_Writer"));
            for (int i = 0; i < USERS; i++) {
                harness.create(Resources.user("u" + i, "fault" + i + "@acme.example.com", "reader", "writer"));
            }
            // stopped and restarted mid-burst: once the operator has started calling Salesforce for it
            await().atMost(Duration.ofSeconds(30)).until(() -> sf.apiCalls() > callsBefore);
            harness.restartOperator();
            sf.admin("POST", "/__emulator/tokens/expire-all", null);   // every token expires: the client gets a new one
            // the restarted operator's informers have synced (start returns then); their watches go through the proxy
            await().atMost(Duration.ofSeconds(10)).until(() -> proxy.get().openConnections() > 0);
            assertThat(proxy.get().dropAll()).as("watch connections cut").isPositive();
            // created after the watches dropped: only a re-established watch sees it
            harness.create(Resources.user("u" + USERS, "fault" + USERS + "@acme.example.com", "reader"));
            harness.awaitCondition(IntegrationUser.class, "u" + USERS, "Ready", "True");
            for (int i = 0; i < USERS; i++) {
                harness.awaitCondition(IntegrationUser.class, "u" + i, "Ready", "True");
            }
            harness.awaitCondition(PermissionSet.class, "reader", "Ready", "True");
            harness.awaitCondition(PermissionSet.class, "writer", "Ready", "True");
            sf.admin("DELETE", "/__emulator/faults", null);

            for (int i = 0; i < USERS; i++) {
                assertThat(sf.query("SELECT Id FROM User WHERE Username = 'fault" + i + "@acme.example.com'")).hasSize(1);
                String id = harness.get(IntegrationUser.class, "u" + i).getStatus().getUserId();
                assertThat(sf.query("SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = '" + id
                        + "' AND PermissionSet.IsOwnedByProfile = false AND PermissionSet.Name != 'SFIO_Managed_harness'"))
                        .as("one assignment per permission set").hasSize(2);
                assertThat(sf.query("SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '" + id
                        + "' AND PermissionSet.Name = 'SFIO_Managed_harness'")).as("one ownership marker").hasSize(1);
                assertThat(sf.query("SELECT Id FROM PermissionSetLicenseAssign WHERE AssigneeId = '" + id + "'")).hasSize(1);
            }
            assertThat(sf.query("SELECT Id FROM PermissionSet WHERE Name = 'Fault_Reader'")).hasSize(1);
            assertThat(sf.query("SELECT Id FROM PermissionSet WHERE Name = 'Fault_Writer'")).hasSize(1);
            OrgIntegrity.Findings found = OrgIntegrity.check(sf, "fault");
            assertThat(found.users()).isEqualTo(USERS + 1);
            assertThat(found.duplicates()).as(found.describeDuplicates()).isZero();
            assertThat(found.deletions()).as("unassignments, deletions, deactivations in the audit trail").isZero();
            long calls = sf.apiCalls() - callsBefore;
            System.out.printf("fault campaign (503 10%%, lock 5%%, answer lost after commit 5%%, latency spikes, restart, token expiry,"
                    + " watch cut): %d users, %d calls, %d duplicates, %d unassignments/deletions/deactivations%n",
                    found.users(), calls, found.duplicates(), found.deletions());
            assertThat(calls).as("API calls for %d users and 2 permission sets under faults (no hot loop)", USERS).isLessThan(150);
            // a retirement too, under the same faults: the deletion path has a budget of its own
            sf.admin("PUT", "/__emulator/faults", Map.of("errorRates", Map.of("SERVER_UNAVAILABLE", 0.10, "UNABLE_TO_LOCK_ROW", 0.05)));
            harness.client().resources(IntegrationUser.class).inNamespace(OperatorHarness.NAMESPACE).withName("u" + USERS).delete();
            await().atMost(Duration.ofSeconds(60)).until(() -> harness.client().resources(IntegrationUser.class)
                    .inNamespace(OperatorHarness.NAMESPACE).withName("u" + USERS).get() == null);
            sf.admin("DELETE", "/__emulator/faults", null);
            var budgets = harness.observedCallBudgets();
            System.out.println("fault campaign, Salesforce calls of one reconcile (most observed / stated bound): "
                    + io.sfintegration.testing.CallBudgetFigures.describe(budgets));
            io.sfintegration.testing.CallBudgetFigures.assertWithinBounds(budgets);
            assertThat(budgets).containsKeys(io.sfintegration.salesforce.CallBudgets.Kind.SALESFORCE_ORG,
                    io.sfintegration.salesforce.CallBudgets.Kind.PERMISSION_SET, io.sfintegration.salesforce.CallBudgets.Kind.INTEGRATION_USER,
                    io.sfintegration.salesforce.CallBudgets.Kind.INTEGRATION_USER_DELETE);
            assertThat(logs.text()).doesNotContain(OperatorHarness.CLIENT_SECRET);
            assertThat(logs.text()).doesNotContainPattern(OrgIntegrity.ACCESS_TOKEN.pattern());
        } finally {
            if (proxy.get() != null) {
                proxy.get().close();
            }
        }
    }
}
