package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.sfintegration.api.v1alpha1.ApiUsage;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.IntegrationUserStatus;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetStatus;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.api.v1alpha1.SalesforceOrgSpec;
import io.sfintegration.api.v1alpha1.SalesforceOrgStatus;
import io.sfintegration.testing.Resources;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tables for kubectl built from the CRDs' printer columns, and the JSONPath subset they use. */
class PrinterColumnsTest {

  private static final String USER = """
      {"apiVersion":"sfintegration.io/v1alpha1","kind":"IntegrationUser",
       "metadata":{"name":"erp-sync","namespace":"default","creationTimestamp":"2026-01-01T00:00:00Z"},
       "spec":{"username":"erp@acme.example.com","orgRef":{"name":"local"},"active":false},
       "status":{"userId":"005A","conditions":[{"type":"Synced","status":"False"},{"type":"Ready","status":"True"}]}}
      """;

  private final List<CustomResourceDefinition> crds = BundledCrds.load();
  private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:03:05Z"), ZoneOffset.UTC);

  @Test
  void jsonPathSubset() throws Exception {
    JsonNode user = Serialization.jsonMapper().readTree(USER);
    assertThat(SimpleJsonPath.evaluate(user, ".spec.orgRef.name")).extracting(JsonNode::asText).containsExactly("local");
    assertThat(SimpleJsonPath.evaluate(user, ".status.conditions[?(@.type==\"Ready\")].status"))
        .extracting(JsonNode::asText).containsExactly("True");
    assertThat(SimpleJsonPath.evaluate(user, "{.status.conditions[*].type}")).extracting(JsonNode::asText)
        .containsExactly("Synced", "Ready");
    assertThat(SimpleJsonPath.evaluate(user, ".status.conditions[1].type")).extracting(JsonNode::asText)
        .containsExactly("Ready");
    assertThat(SimpleJsonPath.evaluate(user, ".status.missing.field")).isEmpty();
  }

  @Test
  void ages() {
    assertThat(Ages.human(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(Ages.human(Duration.ofSeconds(185))).isEqualTo("3m5s");
    assertThat(Ages.human(Duration.ofMinutes(42))).isEqualTo("42m");
    assertThat(Ages.human(Duration.ofMinutes(5 * 60 + 3))).isEqualTo("5h3m");
    assertThat(Ages.human(Duration.ofHours(30))).isEqualTo("30h");
    assertThat(Ages.human(Duration.ofDays(20))).isEqualTo("20d");
  }

  @Test
  void listBecomesTableForTableAccept() throws Exception {
    List<RecordedRequest> seen = new ArrayList<>();
    Dispatcher backend = new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        seen.add(request);
        return new MockResponse().setResponseCode(200).setBody("{\"kind\":\"List\",\"apiVersion\":\"v1\","
            + "\"metadata\":{\"resourceVersion\":\"7\"},\"items\":[" + USER + "]}");
      }
    };
    PrinterColumnsDispatcher dispatcher = new PrinterColumnsDispatcher(backend, crds, clock);
    var headers = io.fabric8.mockwebserver.http.Headers.builder()
        .add("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json").build();
    MockResponse response = dispatcher.dispatch(new RecordedRequest("HTTP/1.1",
        io.fabric8.mockwebserver.dsl.HttpMethod.GET,
        "/apis/sfintegration.io/v1alpha1/namespaces/default/integrationusers?limit=500", headers, null));

    JsonNode table = Serialization.jsonMapper().readTree(response.getBody().getBytes());
    assertThat(table.get("kind").asText()).isEqualTo("Table");
    List<String> columns = new ArrayList<>();
    table.get("columnDefinitions").forEach(c -> columns.add(c.get("name").asText()));
    // the order the IntegrationUser class declares (and the committed CRD keeps), AGE last as kubectl shows it
    assertThat(columns).containsExactly("Name", "USERNAME", "ORG", "USER-ID", "ACTIVE", "READY", "SYNCED", "DRIFTED",
        "AGE");
    List<Integer> priorities = new ArrayList<>();
    table.get("columnDefinitions").forEach(c -> priorities.add(c.get("priority").asInt()));
    // priority 1 columns (ORG, ACTIVE) are the ones kubectl shows only with -o wide
    assertThat(priorities).containsExactly(0, 0, 1, 0, 1, 0, 0, 0, 0);
    JsonNode cells = table.get("rows").get(0).get("cells");
    assertThat(cells.get(0).asText()).isEqualTo("erp-sync");
    assertThat(cells.get(1).asText()).isEqualTo("erp@acme.example.com");
    assertThat(cells.get(2).asText()).isEqualTo("local");
    assertThat(cells.get(3).asText()).isEqualTo("005A");
    assertThat(cells.get(4).asBoolean()).isFalse();
    assertThat(cells.get(5).asText()).isEqualTo("True");
    assertThat(cells.get(6).asText()).isEqualTo("False");
    assertThat(cells.get(7).isNull()).isTrue();
    assertThat(cells.get(8).asText()).isEqualTo("3m5s");
    assertThat(table.get("rows").get(0).get("object").get("metadata").get("name").asText()).isEqualTo("erp-sync");
  }

  /** Every committed CRD lists its printer columns in the order its Java kind declares them, AGE last. */
  @Test
  void crdColumnsKeepTheDeclaredOrder() {
    Map<String, Class<?>> kinds = Map.of("IntegrationUser", IntegrationUser.class, "PermissionSet", PermissionSet.class,
        "PermissionSetGroup", io.sfintegration.api.v1alpha1.PermissionSetGroup.class,
        "SalesforceOrg", SalesforceOrg.class, "ClusterSalesforceOrg", io.sfintegration.api.v1alpha1.ClusterSalesforceOrg.class);
    for (CustomResourceDefinition crd : crds) {
      Class<?> kind = kinds.get(crd.getSpec().getNames().getKind());
      List<String> declared = java.util.Arrays.stream(
          kind.getAnnotationsByType(io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.class))
          .map(io.fabric8.crd.generator.annotation.AdditionalPrinterColumn::name).toList();
      for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
        List<String> inCrd = v.getAdditionalPrinterColumns().stream()
            .map(io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition::getName).toList();
        assertThat(inCrd).as(crd.getMetadata().getName()).isEqualTo(declared).endsWith("AGE");
      }
    }
  }

  @Test
  void plainJsonAcceptPassesThrough() {
    MockResponse original = new MockResponse().setResponseCode(200).setBody(USER);
    PrinterColumnsDispatcher dispatcher = new PrinterColumnsDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return original;
      }
    }, crds, clock);
    var headers = io.fabric8.mockwebserver.http.Headers.builder().add("Accept", "application/json").build();
    assertThat(dispatcher.dispatch(new RecordedRequest("HTTP/1.1", io.fabric8.mockwebserver.dsl.HttpMethod.GET,
        "/apis/sfintegration.io/v1alpha1/namespaces/default/integrationusers/erp-sync", headers, null)))
        .isSameAs(original);
  }

  /**
   * Every column of every CRD, evaluated on a resource of that kind built from the Java model with every field the
   * columns show set: each yields exactly one value of the column's type. This catches JSONPath syntax the subset does
   * not support and paths that no longer match the model (a renamed field would show an empty column in kubectl).
   */
  @Test
  void everyPrinterColumnPathIsSupported() {
    Map<String, JsonNode> samples = Map.of(
        "SalesforceOrg", Serialization.jsonMapper().valueToTree(sampleOrg()),
        "ClusterSalesforceOrg", Serialization.jsonMapper().valueToTree(sampleClusterOrg()),
        "PermissionSet", Serialization.jsonMapper().valueToTree(samplePermissionSet()),
        "PermissionSetGroup", Serialization.jsonMapper().valueToTree(sampleGroup()),
        "IntegrationUser", Serialization.jsonMapper().valueToTree(sampleUser()));
    assertThat(crds).extracting(c -> c.getSpec().getNames().getKind()).containsExactlyInAnyOrderElementsOf(samples.keySet());
    int checked = 0;
    for (CustomResourceDefinition crd : crds) {
      JsonNode sample = samples.get(crd.getSpec().getNames().getKind());
      for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
        assertThat(v.getAdditionalPrinterColumns()).as(crd.getMetadata().getName()).isNotEmpty();
        for (var column : v.getAdditionalPrinterColumns()) {
          String where = crd.getSpec().getNames().getKind() + " column " + column.getName() + " (" + column.getJsonPath() + ")";
          List<JsonNode> values = SimpleJsonPath.evaluate(sample, column.getJsonPath());
          assertThat(values).as(where).hasSize(1);
          JsonNode value = values.get(0);
          switch (column.getType()) {
            case "boolean" -> assertThat(value.isBoolean()).as(where + " is a boolean").isTrue();
            case "integer" -> assertThat(value.isIntegralNumber()).as(where + " is an integer").isTrue();
            case "string", "date" -> assertThat(value.isTextual() && !value.asText().isEmpty()).as(where + " is text").isTrue();
            default -> throw new AssertionError(where + ": type " + column.getType() + " has no check");
          }
          checked++;
        }
      }
    }
    assertThat(checked).as("columns checked").isEqualTo(34);
  }

  private static ObjectMeta meta(String name) {
    return new ObjectMetaBuilder().withName(name).withNamespace("default").withCreationTimestamp("2026-01-01T00:00:00Z").build();
  }

  private static List<Condition> conditions(String... types) {
    List<Condition> out = new ArrayList<>();
    for (String type : types) {
      out.add(new ConditionBuilder().withType(type).withStatus("True").withReason("Test").build());
    }
    return out;
  }

  private static SalesforceOrg sampleOrg() {
    SalesforceOrg org = new SalesforceOrg();
    org.setMetadata(meta("local"));
    SalesforceOrgSpec spec = new SalesforceOrgSpec();
    spec.setInstanceUrl("https://acme.my.salesforce.com");
    org.setSpec(spec);
    SalesforceOrgStatus status = new SalesforceOrgStatus();
    status.setApiUsage(new ApiUsage(12L, 15000L));
    status.setOrgId("00D000000000001");
    status.setConditions(conditions("Ready"));
    org.setStatus(status);
    return org;
  }

  /** The same columns as SalesforceOrg, on the cluster kind (no namespace). */
  private static io.sfintegration.api.v1alpha1.ClusterSalesforceOrg sampleClusterOrg() {
    io.sfintegration.api.v1alpha1.ClusterSalesforceOrg org = new io.sfintegration.api.v1alpha1.ClusterSalesforceOrg();
    org.setMetadata(meta("shared"));
    org.getMetadata().setNamespace(null);
    io.sfintegration.api.v1alpha1.ClusterSalesforceOrgSpec spec = new io.sfintegration.api.v1alpha1.ClusterSalesforceOrgSpec();
    spec.setInstanceUrl("https://acme.my.salesforce.com");
    org.setSpec(spec);
    org.setStatus(sampleOrg().getStatus());
    return org;
  }

  private static io.sfintegration.api.v1alpha1.PermissionSetGroup sampleGroup() {
    var group = new io.sfintegration.api.v1alpha1.PermissionSetGroup();
    group.setMetadata(meta("billing-role"));
    var spec = new io.sfintegration.api.v1alpha1.PermissionSetGroupSpec();
    spec.setOrgRef(new io.sfintegration.api.v1alpha1.OrgReference("local"));
    spec.setName("Billing_Role");
    spec.setLabel("Billing Role");
    group.setSpec(spec);
    var status = new io.sfintegration.api.v1alpha1.PermissionSetGroupStatus();
    status.setPermissionSetGroupId("0PG000000000001AAA");
    status.setGroupStatus("Updated");
    status.setConditions(conditions("Ready", "Synced"));
    group.setStatus(status);
    return group;
  }

  private static PermissionSet samplePermissionSet() {
    PermissionSet ps = Resources.permissionSet("reader", "Test_Reader");
    ps.setMetadata(meta("reader"));
    PermissionSetStatus status = new PermissionSetStatus();
    status.setPermissionSetId("0PS000000000001");
    status.setConditions(conditions("Drifted", "Ready", "Synced"));
    ps.setStatus(status);
    return ps;
  }

  private static IntegrationUser sampleUser() {
    IntegrationUser user = Resources.user("erp", "erp@acme.example.com", "reader");
    user.setMetadata(meta("erp"));
    user.getSpec().setActive(true);
    IntegrationUserStatus status = new IntegrationUserStatus();
    status.setUserId("005000000000001");
    status.setConditions(conditions("Drifted", "Ready", "Synced"));
    user.setStatus(status);
    return user;
  }
}
