package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code x-kubernetes-validations} rule in crds/, checked at build time as the API server would check it when
 * the CRD is installed: it compiles against its schema (self and oldSelf typed from it), every example in
 * deploy/examples passes, every rule refuses at least one input (the invalid table; transition rules by changing an
 * example's value), and its estimated cost stays within the per-rule and per-CRD budgets.
 */
class CelRulesTest {

  private static final Path CRDS = Path.of("crds");
  private static final Path EXAMPLES = Path.of("deploy/examples");

  @Test
  void everyRuleCompilesAgainstItsSchemaWithinTheCostBudgets() throws IOException {
    int rules = 0;
    for (CustomResourceDefinition crd : crds()) {
      for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
        JSONSchemaProps schema = v.getSchema().getOpenAPIV3Schema();
        CelRules compiled = CelRules.compile(crd.getSpec().getNames().getKind(), schema);
        assertThat(compiled.issues()).as(crd.getMetadata().getName() + " rules that do not compile").isEmpty();
        assertThat(compiled.all()).as("every rule of " + crd.getMetadata().getName()).hasSize(countRules(schema));
        long total = 0;
        for (CelRules.Compiled c : compiled.all()) {
          long cost = CelCost.ofRule(c);
          long cardinality = CelCost.cardinality(schema, c.schemaPath());
          System.out.printf("CEL %-16s %-34s cost %,9d x %,6d runs  %s%n", crd.getSpec().getNames().getKind(),
              c.schemaPath(), cost, cardinality, c.rule().getRule());
          assertThat(cost).as("estimated cost of %s at %s", c.rule().getRule(), c.schemaPath())
              .isLessThanOrEqualTo(CelCost.PER_RULE_LIMIT);
          total += cost * cardinality;
        }
        System.out.printf("CEL %-16s total estimated cost %,d of %,d%n", crd.getSpec().getNames().getKind(), total,
            CelCost.PER_CRD_LIMIT);
        assertThat(total).as("estimated cost of all rules of " + crd.getMetadata().getName())
            .isLessThanOrEqualTo(CelCost.PER_CRD_LIMIT);
        rules += compiled.all().size();
      }
    }
    assertThat(rules).isGreaterThan(0);
  }

  @Test
  void brokenRulesAreReported() {
    JSONSchemaProps schema = Serialization.unmarshal("""
        type: object
        properties:
          spec:
            type: object
            properties:
              name: {type: string}
            x-kubernetes-validations:
            - rule: "self.nmae == 'x'"
            - rule: "self.name + 1"
            - rule: "self.name.startsWith("
        """, JSONSchemaProps.class);
    CelRules rules = CelRules.compile("Broken", schema);
    assertThat(rules.issues()).extracting(CelRules.Issue::message).satisfiesExactly(
        undeclared -> assertThat(undeclared).contains("undefined field 'nmae'"),
        types -> assertThat(types).contains("found no matching overload for '_+_'"),
        syntax -> assertThat(syntax).contains("mismatched input"));
  }

  @Test
  void examplesPassAndEveryRuleRefusesSomething() throws IOException {
    List<CustomResourceDefinition> crds = crds();
    CustomResourceAdmission admission = new CustomResourceAdmission(crds);
    Set<String> refusing = new HashSet<>();
    Map<String, List<ObjectNode>> examplesByKind = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        ObjectNode example = (ObjectNode) Serialization.jsonMapper()
            .valueToTree(Serialization.unmarshal(Files.readString(f), Map.class));
        List<FieldError> errors = admission.admit(path(crds, example), null, example.deepCopy());
        assertThat(errors).as(f + " is accepted").isEmpty();
        examplesByKind.computeIfAbsent(example.path("kind").asText(), k -> new ArrayList<>()).add(example);
      }
    }
    for (KubectlValidationTest.Invalid invalid : KubectlValidationTest.invalidManifests()) {
      ObjectNode object = (ObjectNode) Serialization.jsonMapper().valueToTree(Serialization.unmarshal(
          KubectlValidationTest.manifest(invalid.kind(), invalid.name(), invalid.spec()), Map.class));
      List<FieldError> errors = admission.admit(path(crds, object), null, object);
      assertThat(errors).as(invalid + " is refused").isNotEmpty();
      errors.forEach(e -> refusing.add(invalid.kind() + " " + e.message()));
    }
    for (CustomResourceDefinition crd : crds) {
      String kind = crd.getSpec().getNames().getKind();
      for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
        for (CelRules.Compiled rule : CelRules.compile(kind, v.getSchema().getOpenAPIV3Schema()).all()) {
          if (rule.transition()) {
            assertTransitionRuleRefusesAChange(admission, crds, kind, rule, examplesByKind.getOrDefault(kind, List.of()));
            continue;
          }
          String message = rule.rule().getMessage() == null ? "failed rule: " + rule.rule().getRule()
              : rule.rule().getMessage();
          assertThat(refusing).as("a row of KubectlValidationTest's invalid table refused by %s rule %s at %s", kind,
              rule.rule().getRule(), rule.schemaPath()).anyMatch(r -> r.startsWith(kind + " ") && r.endsWith(message));
        }
      }
    }
  }

  /** Changes the example's value at the rule's place and expects the update to be refused with the rule's message. */
  private static void assertTransitionRuleRefusesAChange(CustomResourceAdmission admission,
      List<CustomResourceDefinition> crds, String kind, CelRules.Compiled rule, List<ObjectNode> examples) {
    assertThat(rule.schemaPath()).as("transition rules inside lists need a row of their own").doesNotContain("[*]");
    ObjectNode example = examples.stream().filter(e -> at(e, rule.schemaPath()) != null).findFirst()
        .orElseThrow(() -> new AssertionError("no example of " + kind + " sets " + rule.schemaPath()));
    ObjectNode changed = example.deepCopy();
    mutate(changed, rule.schemaPath());
    List<FieldError> errors = admission.admit(path(crds, changed), example, changed);
    assertThat(errors).as("changing %s of %s", rule.schemaPath(), kind)
        .anyMatch(e -> e.field().equals(rule.schemaPath()) && e.message().endsWith(rule.rule().getMessage()));
  }

  private static JsonNode at(JsonNode node, String path) {
    for (String part : path.split("\\.")) {
      node = node == null ? null : node.get(part);
    }
    return node;
  }

  /** Changes every string under the value at {@code path}. */
  private static void mutate(ObjectNode object, String path) {
    String[] parts = path.split("\\.");
    ObjectNode parent = object;
    for (int i = 0; i < parts.length - 1; i++) {
      parent = (ObjectNode) parent.get(parts[i]);
    }
    String last = parts[parts.length - 1];
    JsonNode value = parent.get(last);
    if (value.isTextual()) {
      parent.put(last, value.asText() + "-changed");
    } else if (value instanceof ObjectNode o) {
      o.fieldNames().forEachRemaining(f -> mutate(o, f));
    }
  }

  private static ResourcePath path(List<CustomResourceDefinition> crds, JsonNode object) {
    CustomResourceDefinition crd = crds.stream()
        .filter(c -> c.getSpec().getNames().getKind().equals(object.path("kind").asText())).findFirst().orElseThrow();
    String[] gv = object.path("apiVersion").asText().split("/");
    return new ResourcePath(gv[0], gv[1], "default", crd.getSpec().getNames().getPlural(),
        object.path("metadata").path("name").asText(), null);
  }

  private static int countRules(JSONSchemaProps s) {
    if (s == null) {
      return 0;
    }
    int n = s.getXKubernetesValidations() == null ? 0 : s.getXKubernetesValidations().size();
    if (s.getProperties() != null) {
      n += s.getProperties().values().stream().mapToInt(CelRulesTest::countRules).sum();
    }
    if (s.getItems() != null) {
      n += countRules(s.getItems().getSchema());
    }
    if (s.getAdditionalProperties() != null) {
      n += countRules(s.getAdditionalProperties().getSchema());
    }
    return n;
  }

  private static List<CustomResourceDefinition> crds() throws IOException {
    try (Stream<Path> files = Files.list(CRDS)) {
      List<CustomResourceDefinition> crds = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList()) {
        crds.add(Serialization.unmarshal(Files.readString(f), CustomResourceDefinition.class));
      }
      return crds;
    }
  }
}
