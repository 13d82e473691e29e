package io.sfintegration.local.kube;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * CEL types for a structural schema, as Kubernetes declares {@code self}: an object with properties is a struct
 * whose fields are its properties (so {@code self.fieldThatDoesNotExist} fails to compile), additionalProperties a
 * map, arrays lists, and the scalar types their CEL counterparts. Unknown-preserving and int-or-string nodes are dyn.
 */
final class CelTypes implements CelTypeProvider {

  private final Map<String, CelType> structs = new LinkedHashMap<>();

  CelType typeOf(JSONSchemaProps schema, String name) {
    if (schema == null || Boolean.TRUE.equals(schema.getXKubernetesIntOrString())) {
      return SimpleType.DYN;
    }
    String type = schema.getType() == null ? "" : schema.getType();
    return switch (type) {
      case "string" -> SimpleType.STRING;
      case "boolean" -> SimpleType.BOOL;
      case "integer" -> SimpleType.INT;
      case "number" -> SimpleType.DOUBLE;
      case "array" -> ListType.create(schema.getItems() == null ? SimpleType.DYN
          : typeOf(schema.getItems().getSchema(), name + ".@items"));
      case "object" -> objectType(schema, name);
      default -> SimpleType.DYN;
    };
  }

  private CelType objectType(JSONSchemaProps schema, String name) {
    if (schema.getProperties() != null && !schema.getProperties().isEmpty()) {
      Map<String, CelType> fields = new LinkedHashMap<>();
      schema.getProperties().forEach((field, s) -> fields.put(field, typeOf(s, name + "." + field)));
      if (name.indexOf('.') < 0) {
        // The root object: apiVersion, kind and metadata are always there, whatever the schema declares.
        fields.putIfAbsent("apiVersion", SimpleType.STRING);
        fields.putIfAbsent("kind", SimpleType.STRING);
        fields.putIfAbsent("metadata", SimpleType.DYN);
      }
      StructType struct = StructType.create(name, ImmutableSet.copyOf(fields.keySet()),
          field -> Optional.ofNullable(fields.get(field)));
      structs.put(name, struct);
      return struct;
    }
    if (schema.getAdditionalProperties() != null && schema.getAdditionalProperties().getSchema() != null) {
      return MapType.create(SimpleType.STRING, typeOf(schema.getAdditionalProperties().getSchema(), name + ".@value"));
    }
    return MapType.create(SimpleType.STRING, SimpleType.DYN);
  }

  @Override
  public ImmutableCollection<CelType> types() {
    return ImmutableList.copyOf(structs.values());
  }

  @Override
  public Optional<CelType> findType(String typeName) {
    return Optional.ofNullable(structs.get(typeName));
  }
}
