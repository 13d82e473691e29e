package io.sfintegration.local.kube;

import dev.cel.common.ast.CelExpr;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A worst-case cost estimate of one CEL rule, after the Kubernetes estimator (cel-go's checker costs as the API server
 * configures them), simplified: selections and identifiers cost 1, calls 1 plus their operands, string functions and
 * string comparisons 0.1 per character of the longest string the schema allows, list literals 10, comprehensions
 * their range's cardinality times the loop body. Sizes the schema does not bound are estimated from the 3 MiB request
 * limit, as Kubernetes does. The API server refuses a CRD whose rule exceeds {@link #PER_RULE_LIMIT} or whose rules
 * together (each times how often it can run: the product of the enclosing arrays' maxItems) exceed
 * {@link #PER_CRD_LIMIT}.
 */
final class CelCost {

  /** apiextensions' StaticEstimatedCostLimit. */
  static final long PER_RULE_LIMIT = 10_000_000L;
  /** apiextensions' StaticEstimatedCRDCostLimit. */
  static final long PER_CRD_LIMIT = 100_000_000L;
  /** The API server's maximum request size, the bound of every size the schema leaves open. */
  static final long MAX_REQUEST_BYTES = 3L * 1024 * 1024;

  private static final Set<String> STRING_FUNCTIONS = Set.of("contains", "startsWith", "endsWith", "matches",
      "lowerAscii", "upperAscii", "replace", "split", "substring", "trim", "indexOf", "lastIndexOf", "join");
  private static final Set<String> COMPARISONS = Set.of("_==_", "_!=_", "_<_", "_<=_", "_>_", "_>=_");

  private CelCost() {
  }

  /** The estimated cost of {@code compiled}'s rule for one evaluation. */
  static long ofRule(CelRules.Compiled compiled) {
    Map<String, JSONSchemaProps> vars = new HashMap<>();
    vars.put("self", compiled.schema());
    vars.put("oldSelf", compiled.schema());
    return cost(compiled.ast().getExpr(), vars);
  }

  /** How many times a rule at {@code schemaPath} can run per object: the product of the enclosing arrays' bounds. */
  static long cardinality(JSONSchemaProps root, String schemaPath) {
    long cardinality = 1;
    JSONSchemaProps node = root;
    for (String part : schemaPath.isEmpty() ? new String[0] : schemaPath.split("\\.")) {
      String field = part.replace("[*]", "");
      node = node.getProperties() == null ? null : node.getProperties().get(field);
      if (node == null) {
        return cardinality;
      }
      for (int i = part.indexOf("[*]"); i >= 0; i = part.indexOf("[*]", i + 3)) {
        cardinality = saturatingMultiply(cardinality, maxItems(node));
        node = node.getItems() != null ? node.getItems().getSchema()
            : node.getAdditionalProperties() == null ? null : node.getAdditionalProperties().getSchema();
        if (node == null) {
          return cardinality;
        }
      }
    }
    return cardinality;
  }

  private static long cost(CelExpr e, Map<String, JSONSchemaProps> vars) {
    return switch (e.exprKind().getKind()) {
      case CONSTANT -> 0;
      case IDENT -> 1;
      case SELECT -> 1 + cost(e.select().operand(), vars);
      case LIST -> 10 + e.list().elements().stream().mapToLong(x -> cost(x, vars)).sum();
      case MAP -> 30;
      case STRUCT -> 40;
      case CALL -> callCost(e, vars);
      case COMPREHENSION -> {
        var c = e.comprehension();
        long range = cost(c.iterRange(), vars);
        long card = cardinalityOf(c.iterRange(), vars);
        Map<String, JSONSchemaProps> inner = new HashMap<>(vars);
        JSONSchemaProps rangeSchema = schemaOf(c.iterRange(), vars);
        if (rangeSchema != null && rangeSchema.getItems() != null) {
          inner.put(c.iterVar(), rangeSchema.getItems().getSchema());
        }
        long body = cost(c.loopCondition(), inner) + cost(c.loopStep(), inner);
        yield saturatingAdd(range + cost(c.accuInit(), vars) + cost(c.result(), inner),
            saturatingMultiply(card, body));
      }
      default -> 1;
    };
  }

  private static long callCost(CelExpr e, Map<String, JSONSchemaProps> vars) {
    var call = e.call();
    long cost = 1;
    for (CelExpr arg : call.args()) {
      cost = saturatingAdd(cost, cost(arg, vars));
    }
    if (call.target().isPresent()) {
      cost = saturatingAdd(cost, cost(call.target().get(), vars));
    }
    String fn = call.function();
    if (STRING_FUNCTIONS.contains(fn) && call.target().isPresent()) {
      cost = saturatingAdd(cost, (long) Math.ceil(0.1 * maxLength(schemaOf(call.target().get(), vars))));
    } else if (COMPARISONS.contains(fn) && call.args().size() == 2) {
      JSONSchemaProps left = schemaOf(call.args().get(0), vars);
      if (left != null && "string".equals(left.getType())) {
        cost = saturatingAdd(cost, (long) Math.ceil(0.1 * maxLength(left)));
      }
    }
    return cost;
  }

  /** The schema of a {@code self.a.b}-like expression, when it can be followed. */
  private static JSONSchemaProps schemaOf(CelExpr e, Map<String, JSONSchemaProps> vars) {
    return switch (e.exprKind().getKind()) {
      case IDENT -> vars.get(e.ident().name());
      case SELECT -> {
        JSONSchemaProps operand = schemaOf(e.select().operand(), vars);
        yield operand == null || operand.getProperties() == null ? null
            : operand.getProperties().get(e.select().field());
      }
      default -> null;
    };
  }

  private static long cardinalityOf(CelExpr range, Map<String, JSONSchemaProps> vars) {
    if (range.exprKind().getKind() == CelExpr.ExprKind.Kind.LIST) {
      return range.list().elements().size();
    }
    JSONSchemaProps schema = schemaOf(range, vars);
    return schema == null ? MAX_REQUEST_BYTES / 2 : maxItems(schema);
  }

  private static long maxItems(JSONSchemaProps array) {
    if (array.getMaxItems() != null) {
      return array.getMaxItems();
    }
    if (array.getMaxProperties() != null) {
      return array.getMaxProperties();
    }
    JSONSchemaProps item = array.getItems() != null ? array.getItems().getSchema()
        : array.getAdditionalProperties() == null ? null : array.getAdditionalProperties().getSchema();
    long itemSize = item == null || List.of("object", "array", "string").contains(item.getType()) ? 2 : 1;
    return MAX_REQUEST_BYTES / (itemSize + 1); // each item at its smallest, plus a comma
  }

  private static long maxLength(JSONSchemaProps string) {
    return string != null && string.getMaxLength() != null ? string.getMaxLength() : MAX_REQUEST_BYTES - 2;
  }

  private static long saturatingAdd(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }

  private static long saturatingMultiply(long a, long b) {
    return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }
}
