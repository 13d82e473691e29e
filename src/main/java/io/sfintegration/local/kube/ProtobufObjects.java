package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Decodes the Kubernetes protobuf envelope ({@code k8s\0} + {@code runtime.Unknown}) into the JSON the rest of the
 * embedded API reads, for the built-in kinds kubectl creates imperatively: Namespace, Secret, ConfigMap. Field numbers
 * come from k8s.io/api/core/v1/generated.proto and k8s.io/apimachinery's meta/v1 and runtime protos. Any other kind is
 * reported as unsupported so the caller can answer 415, as a server answers a body it cannot decode.
 */
final class ProtobufObjects {

  static final byte[] MAGIC = {'k', '8', 's', 0};
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ProtobufObjects() {
  }

  /** The object as JSON, or empty when the body is not an envelope of a kind decoded here. */
  static Optional<ObjectNode> decode(byte[] body) {
    if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
      return Optional.empty();
    }
    ProtobufReader unknown = new ProtobufReader(Arrays.copyOfRange(body, MAGIC.length, body.length));
    String apiVersion = "";
    String kind = "";
    byte[] raw = new byte[0];
    while (unknown.next()) {
      switch (unknown.field()) {
        case 1 -> {
          ProtobufReader typeMeta = unknown.message();
          while (typeMeta.next()) {
            switch (typeMeta.field()) {
              case 1 -> apiVersion = typeMeta.string();
              case 2 -> kind = typeMeta.string();
              default -> typeMeta.skip();
            }
          }
        }
        case 2 -> raw = unknown.bytes();
        default -> unknown.skip();
      }
    }
    if (!"v1".equals(apiVersion)) {
      return Optional.empty();
    }
    ObjectNode object = NODES.objectNode();
    object.put("apiVersion", apiVersion);
    object.put("kind", kind);
    ProtobufReader r = new ProtobufReader(raw);
    boolean known = switch (kind) {
      case "Secret" -> secret(r, object);
      case "ConfigMap" -> configMap(r, object);
      case "Namespace" -> namespace(r, object);
      default -> false;
    };
    return known ? Optional.of(object) : Optional.empty();
  }

  private static boolean secret(ProtobufReader r, ObjectNode object) {
    while (r.next()) {
      switch (r.field()) {
        case 1 -> object.set("metadata", objectMeta(r.message()));
        case 2 -> mapEntry(r.message(), child(object, "data"), true);
        case 3 -> putText(object, "type", r.string());
        case 4 -> mapEntry(r.message(), child(object, "stringData"), false);
        case 5 -> object.put("immutable", r.varint() != 0);
        default -> r.skip();
      }
    }
    return true;
  }

  private static boolean configMap(ProtobufReader r, ObjectNode object) {
    while (r.next()) {
      switch (r.field()) {
        case 1 -> object.set("metadata", objectMeta(r.message()));
        case 2 -> mapEntry(r.message(), child(object, "data"), false);
        case 3 -> mapEntry(r.message(), child(object, "binaryData"), true);
        case 4 -> object.put("immutable", r.varint() != 0);
        default -> r.skip();
      }
    }
    return true;
  }

  private static boolean namespace(ProtobufReader r, ObjectNode object) {
    while (r.next()) {
      switch (r.field()) {
        case 1 -> object.set("metadata", objectMeta(r.message()));
        case 2 -> {
          ProtobufReader spec = r.message();
          ArrayNode finalizers = NODES.arrayNode();
          while (spec.next()) {
            if (spec.field() == 1) {
              finalizers.add(spec.string());
            } else {
              spec.skip();
            }
          }
          if (!finalizers.isEmpty()) {
            object.putObject("spec").set("finalizers", finalizers);
          }
        }
        default -> r.skip();
      }
    }
    return true;
  }

  /** ObjectMeta: the fields a client may set on create (server-set ones such as uid are ignored, as on create). */
  static ObjectNode objectMeta(ProtobufReader r) {
    ObjectNode meta = NODES.objectNode();
    while (r.next()) {
      switch (r.field()) {
        case 1 -> putText(meta, "name", r.string());
        case 2 -> putText(meta, "generateName", r.string());
        case 3 -> putText(meta, "namespace", r.string());
        case 6 -> putText(meta, "resourceVersion", r.string());
        case 8 -> {
          Instant t = time(r.message());
          if (t.getEpochSecond() != 0) {
            meta.put("creationTimestamp", t.toString());
          }
        }
        case 11 -> mapEntry(r.message(), child(meta, "labels"), false);
        case 12 -> mapEntry(r.message(), child(meta, "annotations"), false);
        case 13 -> childArray(meta, "ownerReferences").add(ownerReference(r.message()));
        case 14 -> childArray(meta, "finalizers").add(r.string());
        default -> r.skip();
      }
    }
    return meta;
  }

  private static ObjectNode ownerReference(ProtobufReader r) {
    ObjectNode ref = NODES.objectNode();
    while (r.next()) {
      switch (r.field()) {
        case 1 -> putText(ref, "kind", r.string());
        case 3 -> putText(ref, "name", r.string());
        case 4 -> putText(ref, "uid", r.string());
        case 5 -> putText(ref, "apiVersion", r.string());
        case 6 -> ref.put("controller", r.varint() != 0);
        case 7 -> ref.put("blockOwnerDeletion", r.varint() != 0);
        default -> r.skip();
      }
    }
    return ref;
  }

  private static Instant time(ProtobufReader r) {
    long seconds = 0;
    int nanos = 0;
    while (r.next()) {
      switch (r.field()) {
        case 1 -> seconds = r.varint();
        case 2 -> nanos = (int) r.varint();
        default -> r.skip();
      }
    }
    return Instant.ofEpochSecond(seconds, nanos);
  }

  /** Go's protobuf writes empty strings for unset fields; JSON omits them. */
  private static void putText(ObjectNode object, String name, String value) {
    if (!value.isEmpty()) {
      object.put(name, value);
    }
  }

  private static ObjectNode child(ObjectNode parent, String name) {
    return parent.get(name) instanceof ObjectNode existing ? existing : parent.putObject(name);
  }

  private static ArrayNode childArray(ObjectNode parent, String name) {
    return parent.get(name) instanceof ArrayNode existing ? existing : parent.putArray(name);
  }

  /** One map entry (key = 1, value = 2); bytes values become base64, as in JSON. */
  private static void mapEntry(ProtobufReader r, ObjectNode into, boolean bytesValue) {
    String key = "";
    String value = "";
    while (r.next()) {
      switch (r.field()) {
        case 1 -> key = r.string();
        case 2 -> value = bytesValue ? Base64.getEncoder().encodeToString(r.bytes()) : r.string();
        default -> r.skip();
      }
    }
    into.put(key, value);
  }
}
