package io.sfintegration.controller.permissionset;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.sfintegration.api.v1alpha1.OrgAuth;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetSpec;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.api.v1alpha1.SalesforceOrgSpec;
import io.sfintegration.api.v1alpha1.SecretKeyRef;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.emulator.EmulatorConfig;
import io.sfintegration.emulator.SalesforceEmulator;
import io.sfintegration.salesforce.CallBudgets;
import io.sfintegration.salesforce.PermissionSetFields;
import io.sfintegration.salesforce.SalesforceClient;
import io.sfintegration.salesforce.SalesforceClients;
import io.sfintegration.salesforce.SaveResult;
import io.sfintegration.testing.EmulatorRest;
import io.sfintegration.testing.MutableClock;
import io.sfintegration.testing.TestClients;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A set stuck in deletion for a simulated day (injectable clock), with the real client against the emulator: every
 * recheck is what the cleanup sends (read the set, count its assignments), each under the deletion's call budget, and
 * the figure printed is the calls the emulator received. Once the person's assignment is gone the next recheck
 * deletes the set.
 */
@EnableKubernetesMockClient(crud = true)
class PermissionSetStuckDeletionCallsTest {

    static KubernetesClient kubernetes;

    @Test
    void aSetStuckInDeletionForADayCostsAHandfulOfCalls() throws Exception {
        try (SalesforceEmulator emulator = SalesforceEmulator.start(EmulatorConfig.defaults())) {
            EmulatorRest sf = new EmulatorRest(emulator);
            kubernetes.secrets().inNamespace("default").resource(new SecretBuilder().withNewMetadata().withName("sf-token").endMetadata()
                    .addToStringData("token", emulator.issueAccessToken(emulator.adminUsername())).build()).create();
            SalesforceOrg org = org(emulator.baseUrl());
            SalesforceClients clients = TestClients.create(kubernetes, emulator.baseUrl());
            SalesforceClient client = clients.forOrg(org);
            SaveResult created = client.createPermissionSet(new PermissionSetFields("Stuck_Set", "Stuck", "made by the operator", null, Set.of()),
                    List.of(), List.of());
            String userId = sf.createApiOnlyUser("holder@acme.example.com", "Holder", "holder@acme.example.com", "holder");
            // a person assigned the set in Setup: the deletion waits for it
            String assignment = sf.create("PermissionSetAssignment", Map.of("AssigneeId", userId, "PermissionSetId", created.id()));

            Instant deleted = Instant.parse("2026-12-01T00:00:00Z");
            MutableClock clock = new MutableClock(deleted);
            PermissionSetRetirement retirement = new PermissionSetRetirement(new EventRecorder(kubernetes, clock), clock);
            PermissionSet ps = permissionSet(deleted);
            OrgAccess access = new OrgAccess("default/org", org, client, client.describeOrg(List.of(), List.of()));
            CallBudgets budgets = clients.budgets();

            long before = sf.apiCalls();
            int rechecks = 0;
            while (clock.instant().isBefore(deleted.plus(Duration.ofDays(1)))) {
                PermissionSetRetirement.Result result = recheck(budgets, retirement, ps, access, created.id());
                assertThat(result.done()).isFalse();
                assertThat(result.message()).contains("1 user(s) still have it assigned");
                rechecks++;
                clock.advance(result.recheckAfter());
            }
            long calls = sf.apiCalls() - before;
            CallBudgets.Observed observed = budgets.observed().get(0);
            System.out.printf("permission set stuck in deletion for one simulated day: %d rechecks, %d Salesforce calls"
                    + " (most in one recheck %.0f, bound %d); a fixed 30 s poll: 2880 rechecks%n", rechecks, calls, observed.maxCalls(), observed.maxLimit());
            assertThat(rechecks).isLessThanOrEqualTo(10);
            // two per recheck, plus the client's one describe of PermissionSet's fields (cached for the client's life)
            assertThat(calls).as("a handful of calls a day").isLessThanOrEqualTo(2L * rechecks + 1).isLessThanOrEqualTo(21);
            assertThat(observed.refusals()).isZero();

            sf.delete("PermissionSetAssignment", assignment);
            assertThat(recheck(budgets, retirement, ps, access, created.id()).done()).isTrue();
            assertThat(sf.query("SELECT Id FROM PermissionSet WHERE Name = 'Stuck_Set'")).isEmpty();
            ((AutoCloseable) clients).close();
        }
    }

    /** One recheck as the cleanup makes it: the set read by name (ownership), then the retirement step. */
    private static PermissionSetRetirement.Result recheck(CallBudgets budgets, PermissionSetRetirement retirement, PermissionSet ps,
                                                          OrgAccess access, String id) {
        try (CallBudgets.Scope scope = budgets.open(CallBudgets.Kind.PERMISSION_SET_DELETE, "PermissionSet default/stuck", 0)) {
            assertThat(access.client().findPermissionSets(List.of("Stuck_Set"))).containsKey("stuck_set");
            return retirement.retire(ps, access, id, List.of());
        }
    }

    private static PermissionSet permissionSet(Instant deleted) {
        PermissionSet ps = new PermissionSet();
        ps.setMetadata(new ObjectMetaBuilder().withName("stuck").withNamespace("default").withDeletionTimestamp(deleted.toString()).build());
        PermissionSetSpec spec = new PermissionSetSpec();
        spec.setName("Stuck_Set");
        ps.setSpec(spec);
        return ps;
    }

    private static SalesforceOrg org(String instanceUrl) {
        SalesforceOrg org = new SalesforceOrg();
        org.setMetadata(new ObjectMetaBuilder().withName("org").withNamespace("default").withGeneration(1L).withUid("uid-org").build());
        SalesforceOrgSpec spec = new SalesforceOrgSpec();
        spec.setInstanceUrl(instanceUrl);
        OrgAuth auth = new OrgAuth();
        auth.setAccessTokenSecretRef(new SecretKeyRef("sf-token", "token"));
        spec.setAuth(auth);
        org.setSpec(spec);
        return org;
    }
}
