package io.sfintegration.local.kube;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersions;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The discovery and OpenAPI v3 documents kubectl reads before it does anything, generated from CRDs so they
 * cannot drift from what the operator installs. Keys of {@link #all()} are request paths without query strings.
 */
public final class DiscoveryDocuments {

  static final String CRD_GROUP_VERSION = "apiextensions.k8s.io/v1";
  private static final List<String> ALL_VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  private static final List<String> STATUS_VERBS = List.of("get", "patch", "update");

  private final List<CustomResourceDefinition> crds;

  public DiscoveryDocuments(List<CustomResourceDefinition> crds) {
    this.crds = List.copyOf(crds);
  }

  /** Every document by path (no query string); values are serialisable objects. */
  public Map<String, Object> all() {
    Map<String, Object> docs = new LinkedHashMap<>();
    docs.put("/api", coreVersions());
    docs.put("/api/v1", coreResources());
    docs.put("/apis", groupList());
    docs.put("/apis/" + CRD_GROUP_VERSION, crdResources());
    for (String gv : customGroupVersions()) {
      docs.put("/apis/" + gv, resourcesOf(gv));
    }
    docs.put("/openapi/v3", openApiIndex());
    for (String gv : openApiGroupVersions()) {
      docs.put(openApiPath(gv), openApiDocument(gv));
    }
    return docs;
  }

  /** Group-versions served by our CRDs (served versions only), in CRD order. */
  public List<String> customGroupVersions() {
    List<String> gvs = new ArrayList<>();
    for (CustomResourceDefinition crd : crds) {
      for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
        String gv = crd.getSpec().getGroup() + "/" + v.getName();
        if (Boolean.TRUE.equals(v.getServed()) && !gvs.contains(gv)) {
          gvs.add(gv);
        }
      }
    }
    return gvs;
  }

  public APIVersions coreVersions() {
    return new APIVersionsBuilder().withVersions("v1").build();
  }

  /**
   * The few core resources the operator and kubectl touch (kubectl describe lists events; the org's token lives in a
   * Secret). The mock's CRUD mode stores them like any other resource.
   */
  public APIResourceList coreResources() {
    return new APIResourceListBuilder()
        .withGroupVersion("v1")
        .addToResources(resource("namespaces", "namespace", "Namespace", false, List.of("ns"), List.of(), ALL_VERBS))
        .addToResources(resource("secrets", "secret", "Secret", true, List.of(), List.of(), ALL_VERBS))
        .addToResources(resource("configmaps", "configmap", "ConfigMap", true, List.of("cm"), List.of(), ALL_VERBS))
        .addToResources(resource("events", "event", "Event", true, List.of("ev"), List.of(), ALL_VERBS))
        .build();
  }

  public APIGroupList groupList() {
    APIGroupListBuilder list = new APIGroupListBuilder();
    list.addToGroups(group("apiextensions.k8s.io", List.of("v1")));
    Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
    for (String gv : customGroupVersions()) {
      String[] parts = gv.split("/", 2);
      versionsByGroup.computeIfAbsent(parts[0], g -> new ArrayList<>()).add(parts[1]);
    }
    versionsByGroup.forEach((g, versions) -> list.addToGroups(group(g, versions)));
    return list.build();
  }

  public APIResourceList crdResources() {
    return new APIResourceListBuilder()
        .withGroupVersion(CRD_GROUP_VERSION)
        .addToResources(resource("customresourcedefinitions", "customresourcedefinition", "CustomResourceDefinition",
            false, List.of("crd", "crds"), List.of("api-extensions"), ALL_VERBS))
        .addToResources(resource("customresourcedefinitions/status", "", "CustomResourceDefinition", false,
            List.of(), List.of(), STATUS_VERBS))
        .build();
  }

  public APIResourceList resourcesOf(String groupVersion) {
    APIResourceListBuilder list = new APIResourceListBuilder().withGroupVersion(groupVersion);
    for (CustomResourceDefinition crd : crds) {
      var names = crd.getSpec().getNames();
      boolean namespaced = "Namespaced".equals(crd.getSpec().getScope());
      for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
        if (!(crd.getSpec().getGroup() + "/" + v.getName()).equals(groupVersion)) {
          continue;
        }
        list.addToResources(resource(names.getPlural(), names.getSingular(), names.getKind(), namespaced,
            nonNull(names.getShortNames()), nonNull(names.getCategories()), ALL_VERBS));
        if (v.getSubresources() != null && v.getSubresources().getStatus() != null) {
          list.addToResources(resource(names.getPlural() + "/status", "", names.getKind(), namespaced,
              List.of(), List.of(), STATUS_VERBS));
        }
      }
    }
    return list.build();
  }

  /** The OpenAPI v3 index: one entry per group-version pointing at its document (hash makes the URL cacheable). */
  public Map<String, Object> openApiIndex() {
    Map<String, Object> paths = new LinkedHashMap<>();
    for (String gv : openApiGroupVersions()) {
      paths.put(openApiPath(gv).substring("/openapi/v3/".length()),
          Map.of("serverRelativeURL", openApiPath(gv) + "?hash=" + openApiHash(gv)));
    }
    return Map.of("paths", paths);
  }

  /** Group-versions with an OpenAPI v3 document: ours and the core {@code v1} subset. */
  public List<String> openApiGroupVersions() {
    List<String> gvs = new ArrayList<>(customGroupVersions());
    gvs.add("v1");
    return gvs;
  }

  public String openApiPath(String groupVersion) {
    return "v1".equals(groupVersion) ? "/openapi/v3/api/v1" : "/openapi/v3/apis/" + groupVersion;
  }

  public String openApiHash(String groupVersion) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(Serialization.asJson(openApiDocument(groupVersion)).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 32).toUpperCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * One group-version's OpenAPI v3 document: each kind's schema (from the CRD's openAPIV3Schema) and one PATCH
   * operation tagged with its group-version-kind that declares {@code fieldValidation}. That parameter is what makes
   * kubectl trust the server to validate, so plain {@code kubectl apply -f} needs no {@code --validate=false}.
   */
  public Map<String, Object> openApiDocument(String groupVersion) {
    Map<String, Object> paths = new LinkedHashMap<>();
    Map<String, Object> schemas = new LinkedHashMap<>();
    if ("v1".equals(groupVersion)) {
      // Core kinds get an open schema: enough for kubectl to leave validation to the server, as for our kinds.
      for (APIResource r : coreResources().getResources()) {
        Map<String, Object> gvk = gvk("", "v1", r.getKind());
        String schemaName = "io.k8s.api.core.v1." + r.getKind();
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("x-kubernetes-preserve-unknown-fields", true);
        schema.put("x-kubernetes-group-version-kind", List.of(gvk));
        schemas.put(schemaName, schema);
        String base = "/api/v1" + (Boolean.TRUE.equals(r.getNamespaced()) ? "/namespaces/{namespace}/" : "/")
            + r.getName() + "/{name}";
        paths.put(base, Map.of("patch", patchOperation(r.getKind(), gvk, schemaName)));
      }
      return openApi(paths, schemas);
    }
    for (CustomResourceDefinition crd : crds) {
      var spec = crd.getSpec();
      for (CustomResourceDefinitionVersion v : spec.getVersions()) {
        if (!(spec.getGroup() + "/" + v.getName()).equals(groupVersion)) {
          continue;
        }
        Map<String, Object> gvk = gvk(spec.getGroup(), v.getName(), spec.getNames().getKind());
        String schemaName = schemaName(spec.getGroup(), v.getName(), spec.getNames().getKind());
        schemas.put(schemaName, kindSchema(v, gvk));

        String base = "/apis/" + groupVersion + ("Namespaced".equals(spec.getScope()) ? "/namespaces/{namespace}/" : "/")
            + spec.getNames().getPlural() + "/{name}";
        Map<String, Object> patch = patchOperation(spec.getNames().getKind(), gvk, schemaName);
        paths.put(base, Map.of("patch", patch));
      }
    }
    return openApi(paths, schemas);
  }

  private static Map<String, Object> gvk(String group, String version, String kind) {
    Map<String, Object> gvk = new LinkedHashMap<>();
    gvk.put("group", group);
    gvk.put("kind", kind);
    gvk.put("version", version);
    return gvk;
  }

  private static Map<String, Object> patchOperation(String kind, Map<String, Object> gvk, String schemaName) {
    Map<String, Object> patch = new LinkedHashMap<>();
    patch.put("operationId", "patch" + kind);
    patch.put("x-kubernetes-action", "patch");
    patch.put("x-kubernetes-group-version-kind", gvk);
    patch.put("parameters", List.of(
        Map.of("name", "fieldValidation", "in", "query", "schema", Map.of("type", "string"),
            "description", "Instructs the server how to handle unknown or duplicate fields."),
        Map.of("name", "fieldManager", "in", "query", "schema", Map.of("type", "string")),
        Map.of("name", "dryRun", "in", "query", "schema", Map.of("type", "string"))));
    patch.put("requestBody", Map.of("content", Map.of(
        "application/merge-patch+json", Map.of("schema", Map.of("type", "object")),
        "application/json-patch+json", Map.of("schema", Map.of("type", "object")))));
    patch.put("responses", Map.of("200", Map.of("description", "OK", "content", Map.of(
        "application/json", Map.of("schema", Map.of("$ref", "#/components/schemas/" + schemaName))))));
    return patch;
  }

  private static Map<String, Object> openApi(Map<String, Object> paths, Map<String, Object> schemas) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("openapi", "3.0.0");
    doc.put("info", Map.of("title", "Kubernetes", "version", "unversioned"));
    doc.put("paths", paths);
    doc.put("components", Map.of("schemas", schemas));
    return doc;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> kindSchema(CustomResourceDefinitionVersion v, Map<String, Object> gvk) {
    Map<String, Object> schema = v.getSchema() == null || v.getSchema().getOpenAPIV3Schema() == null
        ? new LinkedHashMap<>(Map.of("type", "object"))
        : Serialization.jsonMapper().convertValue(v.getSchema().getOpenAPIV3Schema(), LinkedHashMap.class);
    Map<String, Object> properties = (Map<String, Object>) schema.computeIfAbsent("properties", k -> new LinkedHashMap<>());
    // The API server adds these to every CRD schema; kubectl explain shows them.
    properties.putIfAbsent("apiVersion", Map.of("type", "string",
        "description", "APIVersion defines the versioned schema of this representation of an object."));
    properties.putIfAbsent("kind", Map.of("type", "string",
        "description", "Kind is a string value representing the REST resource this object represents."));
    properties.putIfAbsent("metadata", Map.of("type", "object",
        "description", "Standard object's metadata."));
    schema.put("x-kubernetes-group-version-kind", List.of(gvk));
    return schema;
  }

  static String schemaName(String group, String version, String kind) {
    String[] parts = group.split("\\.");
    StringBuilder reversed = new StringBuilder();
    for (int i = parts.length - 1; i >= 0; i--) {
      reversed.append(parts[i]).append('.');
    }
    return reversed + version + "." + kind;
  }

  private static APIGroup group(String name, List<String> versions) {
    APIGroupBuilder group = new APIGroupBuilder().withName(name);
    for (String v : versions) {
      group.addToVersions(new GroupVersionForDiscovery(name + "/" + v, v));
    }
    String preferred = versions.get(0);
    return group.withPreferredVersion(new GroupVersionForDiscovery(name + "/" + preferred, preferred)).build();
  }

  private static APIResource resource(String name, String singular, String kind, boolean namespaced,
      List<String> shortNames, List<String> categories, List<String> verbs) {
    APIResourceBuilder r = new APIResourceBuilder()
        .withName(name)
        .withSingularName(singular)
        .withKind(kind)
        .withNamespaced(namespaced)
        .withVerbs(verbs);
    if (!shortNames.isEmpty()) {
      r.withShortNames(shortNames);
    }
    if (!categories.isEmpty()) {
      r.withCategories(categories);
    }
    return r.build();
  }

  private static List<String> nonNull(List<String> list) {
    return list == null ? List.of() : list;
  }
}
