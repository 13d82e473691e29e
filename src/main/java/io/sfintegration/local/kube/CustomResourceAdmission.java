package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Our CRDs enforced as the API server enforces them on every write: unknown fields pruned (refused with
 * {@code fieldValidation=Strict}, kubectl's default), structural defaults applied, the OpenAPI schema validated, then
 * every CEL rule evaluated. Validation ratchets on updates: values equal to the stored ones are not re-checked.
 */
final class CustomResourceAdmission implements Admission {

  /** Reason of the error that makes {@link AdmissionDispatcher} answer 400 "strict decoding error". */
  static final String UNKNOWN_FIELD = "FieldValueUnknown";

  private record Version(String kind, JSONSchemaProps schema, CelRules rules) {
  }

  private final Map<String, Version> byResource = new HashMap<>();

  CustomResourceAdmission(List<CustomResourceDefinition> crds) {
    for (CustomResourceDefinition crd : crds) {
      for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
        if (v.getSchema() == null || v.getSchema().getOpenAPIV3Schema() == null) {
          continue;
        }
        JSONSchemaProps schema = v.getSchema().getOpenAPIV3Schema();
        String kind = crd.getSpec().getNames().getKind();
        CelRules rules = CelRules.compile(kind, schema);
        if (!rules.issues().isEmpty()) {
          throw new IllegalStateException("CEL rules of " + kind + " do not compile: " + rules.issues());
        }
        byResource.put(key(crd.getSpec().getGroup(), v.getName(), crd.getSpec().getNames().getPlural()),
            new Version(kind, schema, rules));
      }
    }
  }

  @Override
  public List<FieldError> admit(ResourcePath path, JsonNode old, ObjectNode object) {
    Version version = byResource.get(key(path.group(), path.version(), path.plural()));
    if (version == null) {
      return List.of();
    }
    List<FieldError> errors = new ArrayList<>();
    for (String unknown : StructuralSchema.prune(version.schema(), object)) {
      errors.add(new FieldError(unknown, UNKNOWN_FIELD, "unknown field \"" + unknown + "\""));
    }
    StructuralSchema.applyDefaults(version.schema(), object);
    if (old != null) {
      // the API server defaults what it reads from etcd, so a transition rule (self == oldSelf) compares an object
      // stored before a field got its default with that default, not with its absence
      old = old.deepCopy();
      StructuralSchema.applyDefaults(version.schema(), old);
    }
    if (path.isStatus()) {
      // A status write validates the status only: the spec was validated when it was written.
      validate(version, object.get("status"), old == null ? null : old.get("status"), "status", errors);
      return errors;
    }
    StructuralSchema.validate(version.schema(), object, old, "", errors);
    version.rules().evaluate(version.schema(), object, old, "", errors);
    return errors;
  }

  private static void validate(Version version, JsonNode value, JsonNode old, String path, List<FieldError> errors) {
    JSONSchemaProps schema = version.schema().getProperties() == null ? null
        : version.schema().getProperties().get(path);
    StructuralSchema.validate(schema, value, old, path, errors);
    version.rules().evaluate(schema, value, old, path, errors);
  }

  /**
   * The stored element an array item corresponds to, for ratcheting and transition rules: by key in a
   * {@code x-kubernetes-list-type: map}, by value in a set, none in an atomic list (as in Kubernetes).
   */
  static JsonNode correlate(JSONSchemaProps arraySchema, JsonNode oldArray, JsonNode item) {
    if (oldArray == null || !oldArray.isArray()) {
      return null;
    }
    String listType = arraySchema.getXKubernetesListType();
    if ("set".equals(listType)) {
      for (JsonNode o : oldArray) {
        if (o.equals(item)) {
          return o;
        }
      }
    } else if ("map".equals(listType) && arraySchema.getXKubernetesListMapKeys() != null) {
      for (JsonNode o : oldArray) {
        boolean same = true;
        for (String k : arraySchema.getXKubernetesListMapKeys()) {
          same &= o.path(k).equals(item.path(k));
        }
        if (same) {
          return o;
        }
      }
    }
    return null;
  }

  private static String key(String group, String version, String plural) {
    return group + "/" + version + "/" + plural;
  }
}
