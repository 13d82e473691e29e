package io.sfintegration.drift;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.IntegrationUserStatus;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.api.v1alpha1.SalesforceOrgStatus;
import io.sfintegration.controller.status.StatusConditions;
import io.sfintegration.local.kube.EmbeddedKubernetes;
import io.sfintegration.testing.MutableClock;
import io.sfintegration.testing.OperatorHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 15 item 7, with server-side apply on: a controller's status apply computed from an older cache copy must not
 * wipe the Drifted condition the drift writer wrote meanwhile, nor move the org's lastDriftScan back. The status apply
 * here is exactly JOSDK's (ResourceOperations.serverSideApplyPrimaryStatus: the whole status, the cached copy's
 * resourceVersion, the controller's field manager, force); the drift writer is the real one.
 */
class StaleCopyStatusApplyTest {

    private static final String MANAGER = "integrationuserreconciler";

    private EmbeddedKubernetes kube;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T10:00:00Z"));
    private DriftStatusWriter writer;
    private StatusConditions conditions;

    @BeforeEach
    void start() throws IOException {
        kube = EmbeddedKubernetes.start(0);
        writer = new DriftStatusWriter(kube.client(), clock);
        conditions = new StatusConditions(clock);
        for (String example : new String[] {"00-salesforce-org.yaml", "20-integrationuser-erp.yaml"}) {
            try (InputStream in = Files.newInputStream(Path.of("deploy/examples", example))) {
                kube.client().load(in).inNamespace("default").resources().forEach(r -> r.create());
            }
        }
    }

    @AfterEach
    void stop() {
        kube.close();
    }

    private static PatchContext josdkStatusApply(String manager) {
        return new PatchContext.Builder().withFieldManager(manager).withForce(true)
                .withPatchType(PatchType.SERVER_SIDE_APPLY).build();
    }

    private IntegrationUser user() {
        return kube.client().resources(IntegrationUser.class).inNamespace("default").withName("erp-sync").get();
    }

    /** A reconcile's status write from {@code copy}: the copy's status with {@code edit} applied, as JOSDK sends it. */
    private IntegrationUser reconcileFrom(IntegrationUser copy, Consumer<IntegrationUserStatus> edit) {
        IntegrationUser resource = Serialization.clone(copy);
        if (resource.getStatus() == null) {
            resource.setStatus(new IntegrationUserStatus());
        }
        edit.accept(resource.getStatus());
        resource.getMetadata().setManagedFields(null); // JOSDK clears them before applying
        return kube.client().resource(resource).subresource("status").patch(josdkStatusApply(MANAGER));
    }

    private void ready(IntegrationUserStatus status, String message) {
        conditions.set(status, 1, "Ready", true, "Available", message);
        if (status.condition("Drifted").isEmpty()) {
            conditions.set(status, 1, "Drifted", false, "NoDrift", "No drift seen.");
        }
    }

    @Test
    void aReconcileFromAnOlderCopyDoesNotWipeDrifted() {
        reconcileFrom(user(), s -> ready(s, "first"));
        IntegrationUser older = user(); // what the reconcile's cache still holds
        clock.advance(java.time.Duration.ofMinutes(1));
        assertThat(writer.markDrifted(IntegrationUser.class, older, "ProfileId changed in Salesforce")).isTrue();

        // the copy says Drifted=False: applying its whole status with force would put that back; its resourceVersion
        // makes the apply fail instead, and JOSDK reconciles again from the newer copy
        assertThatThrownBy(() -> reconcileFrom(older, s -> ready(s, "second")))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(user().getStatus().isTrue("Drifted")).isTrue();

        IntegrationUser after = reconcileFrom(user(), s -> ready(s, "second"));
        assertThat(after.getStatus().isTrue("Drifted")).isTrue();
        assertThat(after.getStatus().condition("Ready").orElseThrow().getMessage()).isEqualTo("second");
        assertThat(user().getStatus().isTrue("Drifted")).isTrue();
    }

    @Test
    void anApplyThatLeavesDriftedOutKeepsTheDriftWritersCondition() {
        // a controller that never wrote Drifted, applying without a resourceVersion: the list-map keeps the item that
        // another manager owns
        reconcileFrom(user(), s -> conditions.set(s, 1, "Ready", true, "Available", "first"));
        writer.markDrifted(IntegrationUser.class, user(), "ProfileId changed in Salesforce");
        IntegrationUser withoutVersion = user();
        withoutVersion.getMetadata().setResourceVersion(null);
        withoutVersion.getStatus().getConditions().removeIf(c -> c.getType().equals("Drifted"));

        IntegrationUser after = reconcileFrom(withoutVersion,
                s -> conditions.set(s, 1, "Ready", false, "Failed", "second"));

        assertThat(after.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
                .containsExactlyInAnyOrder("Ready=False", "Drifted=True");
        ManagedFieldsEntry controller = after.getMetadata().getManagedFields().stream()
                .filter(e -> e.getManager().equals(MANAGER)).findFirst().orElseThrow();
        assertThat(controller.getOperation()).isEqualTo("Apply");
        assertThat(controller.getSubresource()).isEqualTo("status");
    }

    @Test
    void aReconcileFromAnOlderCopyDoesNotMoveLastDriftScanBack() {
        var orgs = kube.client().resources(SalesforceOrg.class).inNamespace("default").withName("local");
        SalesforceOrg first = Serialization.clone(orgs.get());
        SalesforceOrgStatus status = new SalesforceOrgStatus();
        status.setOrgId("00D000000000001");
        status.setLastDriftScan("2026-06-01T09:00:00Z");
        first.setStatus(status);
        kube.client().resource(first).subresource("status").patch(josdkStatusApply("salesforceorgreconciler"));
        SalesforceOrg older = orgs.get();

        writer.orgScanned(older, "2026-06-01T10:00:00Z", "1m");

        SalesforceOrg fromOlder = Serialization.clone(older);
        fromOlder.getStatus().setOrgId("00D000000000001");
        fromOlder.getStatus().setApiVersion("62.0");
        fromOlder.getMetadata().setManagedFields(null);
        assertThatThrownBy(() -> kube.client().resource(fromOlder).subresource("status")
                .patch(josdkStatusApply("salesforceorgreconciler")))
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(orgs.get().getStatus().getLastDriftScan()).isEqualTo("2026-06-01T10:00:00Z");

        SalesforceOrg fresh = orgs.get();
        fresh.getStatus().setApiVersion("62.0");
        fresh.getMetadata().setManagedFields(null);
        kube.client().resource(fresh).subresource("status").patch(josdkStatusApply("salesforceorgreconciler"));
        assertThat(orgs.get().getStatus().getLastDriftScan()).isEqualTo("2026-06-01T10:00:00Z");
        assertThat(orgs.get().getStatus().getApiVersion()).isEqualTo("62.0");
    }

    /** The operator itself writes status with server-side apply on this API (as in production). */
    @Test
    void theOperatorWritesStatusWithServerSideApply() throws Exception {
        try (OperatorHarness harness = OperatorHarness.start()) {
            SalesforceOrg org = harness.createOrg();
            assertThat(org.getMetadata().getManagedFields())
                    .anySatisfy(e -> {
                        assertThat(e.getOperation()).isEqualTo("Apply");
                        assertThat(e.getSubresource()).isEqualTo("status");
                    });
        }
    }
}
