package io.sfintegration.local.kube;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated discovery documents follow the CRDs, with no server involved. */
class DiscoveryDocumentsTest {

  private final List<CustomResourceDefinition> crds = BundledCrds.load();
  private final DiscoveryDocuments discovery = new DiscoveryDocuments(crds);

  @Test
  void bundledCrdsAreTheFourKinds() {
    assertThat(crds).extracting(c -> c.getSpec().getNames().getKind())
        .containsExactlyInAnyOrder("SalesforceOrg", "ClusterSalesforceOrg", "PermissionSet", "PermissionSetGroup", "IntegrationUser");
  }

  @Test
  void groupListNamesApiExtensionsAndOurGroup() {
    assertThat(discovery.groupList().getGroups()).extracting(g -> g.getPreferredVersion().getGroupVersion())
        .containsExactly("apiextensions.k8s.io/v1", "sfintegration.io/v1alpha1");
    assertThat(discovery.customGroupVersions()).containsExactly("sfintegration.io/v1alpha1");
  }

  @Test
  void resourceListMatchesEveryCrd() {
    APIResourceList list = discovery.resourcesOf("sfintegration.io/v1alpha1");
    assertThat(list.getGroupVersion()).isEqualTo("sfintegration.io/v1alpha1");
    for (CustomResourceDefinition crd : crds) {
      var names = crd.getSpec().getNames();
      APIResource resource = find(list, names.getPlural());
      assertThat(resource.getKind()).isEqualTo(names.getKind());
      assertThat(resource.getSingularName()).isEqualTo(names.getSingular());
      assertThat(resource.getNamespaced()).isEqualTo(!"ClusterSalesforceOrg".equals(names.getKind()));
      assertThat(resource.getShortNames()).isEqualTo(names.getShortNames());
      assertThat(resource.getCategories()).isEqualTo(names.getCategories()).contains("salesforce");
      assertThat(resource.getVerbs()).contains("get", "list", "create", "update", "patch", "delete", "watch");
      assertThat(find(list, names.getPlural() + "/status").getVerbs()).containsExactly("get", "patch", "update");
    }
    assertThat(list.getResources()).extracting(APIResource::getShortNames).filteredOn(s -> s != null)
        .flatExtracting(s -> s).containsExactlyInAnyOrder("sforg", "csforg", "sfps", "sfpsg", "iu");
  }

  @Test
  @SuppressWarnings("unchecked")
  void openApiDocumentDeclaresFieldValidationForEachKind() {
    Map<String, Object> index = discovery.openApiIndex();
    Map<String, Object> paths = (Map<String, Object>) index.get("paths");
    String gv = "sfintegration.io/v1alpha1";
    assertThat(paths).containsOnlyKeys("apis/" + gv, "api/v1");
    assertThat(((Map<String, String>) paths.get("apis/" + gv)).get("serverRelativeURL"))
        .isEqualTo("/openapi/v3/apis/" + gv + "?hash=" + discovery.openApiHash(gv));

    Map<String, Object> doc = discovery.openApiDocument(gv);
    Map<String, Object> docPaths = (Map<String, Object>) doc.get("paths");
    assertThat(docPaths).containsKeys(
        "/apis/sfintegration.io/v1alpha1/namespaces/{namespace}/integrationusers/{name}",
        "/apis/sfintegration.io/v1alpha1/namespaces/{namespace}/permissionsets/{name}",
        "/apis/sfintegration.io/v1alpha1/namespaces/{namespace}/salesforceorgs/{name}");
    Map<String, Object> patch = (Map<String, Object>) ((Map<String, Object>) docPaths.get(
        "/apis/sfintegration.io/v1alpha1/namespaces/{namespace}/integrationusers/{name}")).get("patch");
    assertThat(patch.get("x-kubernetes-group-version-kind"))
        .isEqualTo(Map.of("group", "sfintegration.io", "version", "v1alpha1", "kind", "IntegrationUser"));
    assertThat((List<Map<String, Object>>) patch.get("parameters")).extracting(p -> p.get("name"))
        .contains("fieldValidation");

    Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) doc.get("components")).get("schemas");
    Map<String, Object> iu = (Map<String, Object>) schemas.get("io.sfintegration.v1alpha1.IntegrationUser");
    Map<String, Object> properties = (Map<String, Object>) iu.get("properties");
    assertThat(properties).containsKeys("apiVersion", "kind", "metadata", "spec", "status");
    Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) properties.get("spec")).get("properties");
    assertThat(spec).containsKeys("username", "email", "lastName", "orgRef");
  }

  @Test
  void coreGroupServesTheResourcesKubectlTouches() {
    assertThat(discovery.coreVersions().getVersions()).containsExactly("v1");
    assertThat(discovery.coreResources().getResources()).extracting(APIResource::getName)
        .containsExactly("namespaces", "secrets", "configmaps", "events");
    assertThat(discovery.all()).containsKeys("/api", "/api/v1", "/apis", "/apis/apiextensions.k8s.io/v1",
        "/apis/sfintegration.io/v1alpha1", "/openapi/v3", "/openapi/v3/apis/sfintegration.io/v1alpha1", "/openapi/v3/api/v1");
  }

  private static APIResource find(APIResourceList list, String name) {
    return list.getResources().stream().filter(r -> r.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no resource " + name));
  }
}
