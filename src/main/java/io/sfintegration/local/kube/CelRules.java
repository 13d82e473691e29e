package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every {@code x-kubernetes-validations} rule of one CRD version, compiled with CEL-Java against the schema (self and
 * oldSelf typed from it, as the API server types them) and evaluated where the API server evaluates them: at each value
 * present at the rule's place, transition rules (those that mention {@code oldSelf}) only on updates where the old
 * object has a value at the same place. Failures read as the API server's:
 * {@code spec.username: Invalid value: "string": username is immutable ...}.
 */
final class CelRules {

  private static final Pattern OLD_SELF = Pattern.compile("\\boldSelf\\b");

  /** One compiled rule, where it sits in the schema (items of arrays as {@code [*]}). */
  record Compiled(String schemaPath, JSONSchemaProps schema, ValidationRule rule, CelAbstractSyntaxTree ast,
      CelRuntime.Program program, boolean transition) {
  }

  /** A rule that does not compile, with CEL's message. */
  record Issue(String schemaPath, String rule, String message) {
  }

  private final Map<JSONSchemaProps, List<Compiled>> bySchema = new IdentityHashMap<>();
  private final List<Compiled> all = new ArrayList<>();
  private final List<Issue> issues = new ArrayList<>();

  private CelRules() {
  }

  /** Compiles every rule under {@code root}; rules that do not compile are listed by {@link #issues()}. */
  static CelRules compile(String kind, JSONSchemaProps root) {
    CelRules rules = new CelRules();
    CelTypes types = new CelTypes();
    types.typeOf(root, kind); // registers every struct type before any rule is compiled
    CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder()
        .addLibraries(CelExtensions.strings())
        .build();
    rules.walk(kind, "", root, types, runtime);
    return rules;
  }

  private void walk(String typeName, String path, JSONSchemaProps schema, CelTypes types, CelRuntime runtime) {
    if (schema == null) {
      return;
    }
    if (schema.getXKubernetesValidations() != null) {
      CelType self = types.typeOf(schema, typeName);
      CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .setTypeProvider(types)
          .addLibraries(CelExtensions.strings())
          .addVar("self", self)
          .addVar("oldSelf", self)
          .setResultType(SimpleType.BOOL)
          .build();
      for (ValidationRule rule : schema.getXKubernetesValidations()) {
        try {
          CelAbstractSyntaxTree ast = compiler.compile(rule.getRule()).getAst();
          Compiled compiled = new Compiled(path, schema, rule, ast, runtime.createProgram(ast),
              OLD_SELF.matcher(rule.getRule()).find());
          bySchema.computeIfAbsent(schema, s -> new ArrayList<>()).add(compiled);
          all.add(compiled);
        } catch (CelValidationException | CelEvaluationException e) {
          issues.add(new Issue(path, rule.getRule(), e.getMessage()));
        }
      }
    }
    if (schema.getProperties() != null) {
      schema.getProperties().forEach((field, s) -> walk(typeName + "." + field, StructuralSchema.join(path, field), s,
          types, runtime));
    }
    if (schema.getItems() != null) {
      walk(typeName + ".@items", path + "[*]", schema.getItems().getSchema(), types, runtime);
    }
    if (schema.getAdditionalProperties() != null) {
      walk(typeName + ".@value", path + "[*]", schema.getAdditionalProperties().getSchema(), types, runtime);
    }
  }

  List<Compiled> all() {
    return List.copyOf(all);
  }

  List<Issue> issues() {
    return List.copyOf(issues);
  }

  /** Evaluates the rules on {@code value} (at {@code path}); {@code old} is the stored value there, or null. */
  void evaluate(JSONSchemaProps schema, JsonNode value, JsonNode old, String path, List<FieldError> errors) {
    if (schema == null || value == null || value.isNull()) {
      return;
    }
    boolean unchanged = old != null && old.equals(value);
    for (Compiled c : bySchema.getOrDefault(schema, List.of())) {
      if ((c.transition() && old == null) || unchanged) {
        continue; // no old value to compare with; or ratcheting: an unchanged value is not re-validated
      }
      Map<String, Object> vars = new LinkedHashMap<>();
      vars.put("self", toCel(value));
      if (old != null) {
        vars.put("oldSelf", toCel(old));
      }
      String field = c.rule().getFieldPath() == null || c.rule().getFieldPath().isEmpty() ? path
          : path + c.rule().getFieldPath();
      try {
        Object result = c.program().eval(vars);
        if (!Boolean.TRUE.equals(result)) {
          errors.add(failure(field, schema, c.rule(), message(c.rule())));
        }
      } catch (CelEvaluationException e) {
        errors.add(failure(field, schema, c.rule(), message(c.rule()) + ": evaluation error: " + e.getMessage()));
      }
    }
    if (unchanged) {
      return;
    }
    if (value.isObject() && schema.getProperties() != null) {
      schema.getProperties().forEach((name, s) -> evaluate(s, value.get(name), old == null ? null : old.get(name),
          StructuralSchema.join(path, name), errors));
    }
    if (value.isObject() && schema.getAdditionalProperties() != null
        && schema.getAdditionalProperties().getSchema() != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        evaluate(schema.getAdditionalProperties().getSchema(), e.getValue(), old == null ? null : old.get(e.getKey()),
            path + "[" + e.getKey() + "]", errors);
      }
    }
    if (value.isArray() && schema.getItems() != null) {
      for (int i = 0; i < value.size(); i++) {
        evaluate(schema.getItems().getSchema(), value.get(i), CustomResourceAdmission.correlate(schema, old, value.get(i)),
            path + "[" + i + "]", errors);
      }
    }
  }

  private static FieldError failure(String field, JSONSchemaProps schema, ValidationRule rule, String message) {
    String reason = rule.getReason() == null ? "FieldValueInvalid" : rule.getReason();
    return switch (reason) {
      case "FieldValueForbidden" -> FieldError.forbidden(field, message);
      case "FieldValueRequired" -> new FieldError(field, reason, "Required value: " + message);
      default -> FieldError.invalidType(field, schema.getType() == null ? "object" : schema.getType(), message);
    };
  }

  private static String message(ValidationRule rule) {
    return rule.getMessage() != null && !rule.getMessage().isEmpty() ? rule.getMessage()
        : "failed rule: " + rule.getRule();
  }

  /** JSON as CEL-Java's runtime values: maps, lists, String, Boolean, Long, Double. */
  static Object toCel(JsonNode node) {
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> {
        if (!e.getValue().isNull()) {
          map.put(e.getKey(), toCel(e.getValue()));
        }
      });
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(toCel(item)));
      return list;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      return node.longValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    return node.asText();
  }
}
