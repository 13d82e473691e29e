package io.sfintegration.local.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Server-side apply on the embedded API, through the fabric8 client (the operator's path): managedFields per
 * manager, create by apply, conflicts and force, removal of fields a manager stops applying, list-map merge of
 * status.conditions by type, and ownership taken by ordinary updates.
 */
class ServerSideApplyTest {

  private static final ResourceDefinitionContext IU = new ResourceDefinitionContext.Builder()
      .withGroup("sfintegration.io").withVersion("v1alpha1").withPlural("integrationusers").withKind("IntegrationUser")
      .withNamespaced(true).build();

  private EmbeddedKubernetes kube;
  private NonNamespaceOperation<GenericKubernetesResource, GenericKubernetesResourceList,
      Resource<GenericKubernetesResource>> users;

  @BeforeEach
  void start() {
    kube = EmbeddedKubernetes.start(0);
    users = kube.client().genericKubernetesResources(IU).inNamespace("default");
  }

  @AfterEach
  void stop() {
    kube.close();
  }

  private static GenericKubernetesResource user(String yaml) {
    return Serialization.unmarshal("""
        apiVersion: sfintegration.io/v1alpha1
        kind: IntegrationUser
        metadata:
          name: erp-sync
          namespace: default
        """ + yaml, GenericKubernetesResource.class);
  }

  private static final String SPEC = """
      spec:
        orgRef: {name: local}
        username: erp-sync@acme.example.com
        email: platform-team@acme.example.com
        lastName: Sync
      """;

  private GenericKubernetesResource apply(String manager, GenericKubernetesResource config, boolean force) {
    return users.resource(config).patch(new PatchContext.Builder().withPatchType(PatchType.SERVER_SIDE_APPLY)
        .withFieldManager(manager).withForce(force).build());
  }

  private GenericKubernetesResource applyStatus(String manager, GenericKubernetesResource config) {
    return users.resource(config).subresource("status").patch(new PatchContext.Builder()
        .withPatchType(PatchType.SERVER_SIDE_APPLY).withFieldManager(manager).withForce(true).build());
  }

  private static ManagedFieldsEntry entry(GenericKubernetesResource r, String manager) {
    return r.getMetadata().getManagedFields().stream().filter(e -> e.getManager().equals(manager)).findFirst()
        .orElseThrow(() -> new AssertionError("no managedFields entry for " + manager));
  }

  private static Map<String, Object> fields(ManagedFieldsEntry e) {
    return Serialization.jsonMapper().convertValue(e.getFieldsV1(), Map.class);
  }

  @Test
  void applyCreatesTheObjectAndRecordsTheManagersFields() {
    GenericKubernetesResource created = apply("alice", user(SPEC + "  firstName: ERP\n"), false);

    assertThat(users.withName("erp-sync").get()).isNotNull();
    ManagedFieldsEntry alice = entry(created, "alice");
    assertThat(alice.getOperation()).isEqualTo("Apply");
    assertThat(alice.getFieldsType()).isEqualTo("FieldsV1");
    assertThat(alice.getSubresource()).isNull();
    assertThat(Serialization.asJson(alice.getFieldsV1())).isEqualTo("{\"f:spec\":{\"f:email\":{},\"f:firstName\":{},"
        + "\"f:lastName\":{},\"f:orgRef\":{\"f:name\":{}},\"f:username\":{}}}");
    // defaults filled in by the API server are nobody's
    assertThat(created.get("spec", "active").toString()).isEqualTo("true");
  }

  @Test
  void anotherManagersDifferentValueConflictsAndForceTakesTheField() {
    apply("alice", user(SPEC + "  firstName: ERP\n"), false);

    assertThatThrownBy(() -> apply("bob", user(SPEC + "  firstName: Billing\n"), false))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
          assertThat(e.getCode()).isEqualTo(409);
          assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
          assertThat(e.getStatus().getMessage()).startsWith("Apply failed with 1 conflict: conflict with \"alice\": "
              + ".spec.firstName");
          assertThat(e.getStatus().getDetails().getCauses()).singleElement()
              .satisfies(c -> assertThat(c.getReason()).isEqualTo("FieldManagerConflict"));
        });
    assertThat(users.withName("erp-sync").get().get("spec", "firstName").toString()).isEqualTo("ERP");

    // the same values are shared, not a conflict; force takes the differing field
    GenericKubernetesResource forced = apply("bob", user(SPEC + "  firstName: Billing\n"), true);
    assertThat(forced.get("spec", "firstName").toString()).isEqualTo("Billing");
    assertThat((Map<String, Object>) fields(entry(forced, "alice")).get("f:spec")).doesNotContainKey("f:firstName")
        .containsKey("f:username");
    assertThat((Map<String, Object>) fields(entry(forced, "bob")).get("f:spec")).containsKeys("f:firstName",
        "f:username");
  }

  @Test
  void severalConflictsAreListedByManager() {
    apply("alice", user(SPEC + "  firstName: ERP\n  alias: erpsync\n"), false);
    assertThatThrownBy(() -> apply("bob", user(SPEC + "  firstName: Billing\n  alias: billing\n"), false))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
            .isEqualTo("Apply failed with 2 conflicts: conflicts with \"alice\":\n- .spec.alias\n- .spec.firstName"));
  }

  @Test
  void fieldsAManagerStopsApplyingGoUnlessSomeoneElseOwnsThem() {
    apply("alice", user(SPEC + "  firstName: ERP\n  alias: erpsync\n"), false);
    apply("bob", user(SPEC + "  alias: erpsync\n"), false); // shares alias (same value), owns no firstName

    GenericKubernetesResource after = apply("alice", user(SPEC), false);

    assertThat((Map<String, Object>) after.getAdditionalProperties().get("spec")).doesNotContainKey("firstName")
        .containsEntry("alias", "erpsync");
  }

  @Test
  void conditionsMergeByTypeAndEachManagerKeepsItsOwn() {
    apply("alice", user(SPEC), false);
    applyStatus("controller", user("""
        status:
          conditions:
          - {type: Ready, status: "True", reason: Reconciled, lastTransitionTime: "2026-01-01T00:00:00Z"}
        """));
    applyStatus("drift", user("""
        status:
          conditions:
          - {type: Drifted, status: "True", reason: DriftDetected, lastTransitionTime: "2026-01-01T00:01:00Z"}
        """));

    // the controller applies only what it knows (Ready changed): Drifted, owned by another manager, stays
    GenericKubernetesResource after = applyStatus("controller", user("""
        status:
          conditions:
          - {type: Ready, status: "False", reason: Failed, lastTransitionTime: "2026-01-01T00:02:00Z"}
        """));

    List<Map<String, Object>> conditions = (List<Map<String, Object>>) ((Map<String, Object>) after
        .getAdditionalProperties().get("status")).get("conditions");
    assertThat(conditions).extracting(c -> c.get("type") + "=" + c.get("status"))
        .containsExactly("Ready=False", "Drifted=True");
    ManagedFieldsEntry controller = entry(after, "controller");
    assertThat(controller.getSubresource()).isEqualTo("status");
    assertThat(Serialization.asJson(controller.getFieldsV1())).contains("\"k:{\\\"type\\\":\\\"Ready\\\"}\":{\".\":{}")
        .doesNotContain("Drifted");
    assertThat(Serialization.asJson(entry(after, "drift").getFieldsV1())).contains("Drifted");
    // status writes never own spec, spec writes never own status
    assertThat(fields(controller)).containsOnlyKeys("f:status");
    assertThat(fields(entry(after, "alice"))).containsOnlyKeys("f:spec");
  }

  @Test
  void aConditionAnotherManagerChangedSurvivesWithItsKeyWhenTheFirstOneDropsIt() {
    apply("alice", user(SPEC), false);
    applyStatus("controller", user("""
        status:
          conditions:
          - {type: Ready, status: "True", reason: Reconciled}
          - {type: Drifted, status: "False", reason: NoDrift}
        """));
    // another writer changes Drifted with an ordinary update (as the drift writer does)
    users.withName("erp-sync").editStatus(u -> {
      ((List<Map<String, Object>>) ((Map<String, Object>) u.getAdditionalProperties().get("status")).get("conditions"))
          .stream().filter(c -> "Drifted".equals(c.get("type"))).forEach(c -> {
            c.put("status", "True");
            c.put("reason", "DriftDetected");
          });
      return u;
    });

    GenericKubernetesResource after = applyStatus("controller", user("""
        status:
          conditions:
          - {type: Ready, status: "True", reason: Reconciled}
        """));

    List<Map<String, Object>> conditions = (List<Map<String, Object>>) ((Map<String, Object>) after
        .getAdditionalProperties().get("status")).get("conditions");
    assertThat(conditions).extracting(c -> c.get("type") + "=" + c.get("status") + "/" + c.get("reason"))
        .containsExactly("Ready=True/Reconciled", "Drifted=True/DriftDetected");
  }

  @Test
  void anUpdateTakesTheFieldsItChanges() {
    apply("alice", user(SPEC + "  firstName: ERP\n"), false);

    GenericKubernetesResource edited = users.withName("erp-sync").edit(u -> {
      ((Map<String, Object>) u.getAdditionalProperties().get("spec")).put("firstName", "Edited");
      return u;
    });

    ManagedFieldsEntry update = edited.getMetadata().getManagedFields().stream()
        .filter(e -> e.getOperation().equals("Update")).findFirst().orElseThrow();
    assertThat(update.getManager()).isEqualTo("fabric8-kubernetes-client");
    assertThat(Serialization.asJson(update.getFieldsV1())).isEqualTo("{\"f:spec\":{\"f:firstName\":{}}}");
    assertThat((Map<String, Object>) fields(entry(edited, "alice")).get("f:spec")).doesNotContainKey("f:firstName");
    // alice's next apply of her old value is now a conflict with the updater, as on a real server
    assertThatThrownBy(() -> apply("alice", user(SPEC + "  firstName: ERP\n"), false))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getStatus().getMessage())
            .startsWith("Apply failed with 1 conflict: conflict with \"fabric8-kubernetes-client\" using "
                + "sfintegration.io/v1alpha1 at ").endsWith(": .spec.firstName"));
  }

  @Test
  void finalizersAreASetOwnedPerValue() {
    apply("alice", user(SPEC), false);
    GenericKubernetesResource finalizer = user("");
    finalizer.getMetadata().setFinalizers(List.of("sfintegration.io/finalizer"));
    apply("operator", finalizer, true);

    // the user's next apply does not mention finalizers: the operator's stays
    GenericKubernetesResource after = apply("alice", user(SPEC + "  firstName: ERP\n"), false);

    assertThat(after.getMetadata().getFinalizers()).containsExactly("sfintegration.io/finalizer");
    assertThat(Serialization.asJson(entry(after, "operator").getFieldsV1()))
        .isEqualTo("{\"f:metadata\":{\"f:finalizers\":{\"v:\\\"sfintegration.io/finalizer\\\"\":{}}}}");
  }

  @Test
  void applyWithoutAFieldManagerIsRefusedAndANoOpApplyWritesNothing() {
    GenericKubernetesResource first = apply("alice", user(SPEC), false);
    GenericKubernetesResource again = apply("alice", user(SPEC), false);
    assertThat(again.getMetadata().getResourceVersion()).isEqualTo(first.getMetadata().getResourceVersion());
  }
}
