package io.sfintegration.local.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the operator relies on through the fabric8 client: CRDs installed, CRUD, status subresource, watches. */
class EmbeddedKubernetesClientTest {

  private static final ResourceDefinitionContext IU = new ResourceDefinitionContext.Builder()
      .withGroup("sfintegration.io").withVersion("v1alpha1").withPlural("integrationusers").withKind("IntegrationUser")
      .withNamespaced(true).build();

  @Test
  void crdsAndDefaultNamespaceAreInstalled() {
    try (EmbeddedKubernetes kube = EmbeddedKubernetes.start(0)) {
      assertThat(kube.url()).startsWith("http://127.0.0.1:").endsWith(":" + kube.port());
      assertThat(kube.client().apiextensions().v1().customResourceDefinitions().list().getItems())
          .extracting(c -> c.getMetadata().getName())
          .containsExactlyInAnyOrder("salesforceorgs.sfintegration.io", "clustersalesforceorgs.sfintegration.io",
              "permissionsets.sfintegration.io", "permissionsetgroups.sfintegration.io", "integrationusers.sfintegration.io");
      assertThat(kube.client().namespaces().withName("default").get()).isNotNull();
    }
  }

  @Test
  void watchSeesChangesAndStatusIsASubresource() {
    try (EmbeddedKubernetes kube = EmbeddedKubernetes.start(0)) {
      var users = kube.client().genericKubernetesResources(IU).inNamespace("default");
      List<String> events = new CopyOnWriteArrayList<>();
      try (var watch = users.watch(new Watcher<>() {
        @Override
        public void eventReceived(Action action, GenericKubernetesResource resource) {
          events.add(action + " " + resource.getMetadata().getName());
        }

        @Override
        public void onClose(WatcherException cause) {
        }
      })) {
        GenericKubernetesResource user = users.resource(new GenericKubernetesResourceBuilder()
            .withApiVersion("sfintegration.io/v1alpha1").withKind("IntegrationUser")
            .withNewMetadata().withName("erp-sync").endMetadata()
            .withAdditionalProperties(Map.of("spec", spec(Map.of())))
            .build()).create();
        user.setAdditionalProperty("status", Map.of("userId", "005A"));
        users.resource(user).updateStatus();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() >= 2);
        assertThat(events).startsWith("ADDED erp-sync").contains("MODIFIED erp-sync");
        @SuppressWarnings("unchecked")
        Map<String, Object> status = (Map<String, Object>) users.withName("erp-sync").get()
            .getAdditionalProperties().get("status");
        assertThat(status).containsEntry("userId", "005A");
      }
    }
  }

  @Test
  void mergePatchOfStatusWithQueryStringIsApplied() throws Exception {
    try (EmbeddedKubernetes kube = EmbeddedKubernetes.start(0)) {
      var users = kube.client().genericKubernetesResources(IU).inNamespace("default");
      users.resource(new GenericKubernetesResourceBuilder()
          .withApiVersion("sfintegration.io/v1alpha1").withKind("IntegrationUser")
          .withNewMetadata().withName("erp-sync").endMetadata()
          .withAdditionalProperties(Map.of("spec", spec(Map.of())))
          .build()).create();
      var http = java.net.http.HttpClient.newHttpClient();
      var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(kube.url()
          + "/apis/sfintegration.io/v1alpha1/namespaces/default/integrationusers/erp-sync/status?fieldManager=x"))
          .header("Content-Type", "application/merge-patch+json")
          .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"status\":{\"userId\":\"005B\"}}"))
          .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isBetween(200, 202);
      @SuppressWarnings("unchecked")
      Map<String, Object> status = (Map<String, Object>) users.withName("erp-sync").get()
          .getAdditionalProperties().get("status");
      assertThat(status).containsEntry("userId", "005B");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void mergePatchReplacesListsAndRemovingTheLastFinalizerDeletes() {
    try (EmbeddedKubernetes kube = EmbeddedKubernetes.start(0)) {
      var users = kube.client().genericKubernetesResources(IU).inNamespace("default");
      users.resource(new GenericKubernetesResourceBuilder()
          .withApiVersion("sfintegration.io/v1alpha1").withKind("IntegrationUser")
          .withNewMetadata().withName("erp-sync").withFinalizers("sfintegration.io/finalizer").endMetadata()
          .withAdditionalProperties(Map.of("spec", spec(Map.of("firstName", "Erp",
              "permissionSets", List.of(Map.of("ref", "a"), Map.of("ref", "b"))))))
          .build()).create();
      users.withName("erp-sync").patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
          io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
          "{\"spec\":{\"permissionSets\":[{\"ref\":\"b\"}],\"firstName\":null}}");
      Map<String, Object> spec = (Map<String, Object>) users.withName("erp-sync").get().getAdditionalProperties()
          .get("spec");
      assertThat(spec).doesNotContainKey("firstName");
      assertThat((List<Object>) spec.get("permissionSets")).containsExactly(Map.of("ref", "b"));

      users.withName("erp-sync").delete();
      assertThat(users.withName("erp-sync").get().getMetadata().getDeletionTimestamp()).isNotNull();
      users.withName("erp-sync").patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(
          io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
      assertThat(users.withName("erp-sync").get()).isNull();
    }
  }

  @Test
  void fixedPortAndKubeconfig(@TempDir Path dir) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (EmbeddedKubernetes kube = EmbeddedKubernetes.start(port)) {
      assertThat(kube.url()).isEqualTo("http://127.0.0.1:" + port);
      Path file = kube.writeKubeconfig(dir.resolve("nested/kubeconfig"));
      assertThat(Files.readString(file)).contains("server: http://127.0.0.1:" + port, "current-context: local",
          "namespace: default");
    }
  }

  /** A spec the CRD's schema accepts (the embedded API validates), plus {@code extra}. */
  private static Map<String, Object> spec(Map<String, Object> extra) {
    Map<String, Object> spec = new java.util.LinkedHashMap<>(Map.of("username", "erp@acme.example.com",
        "email", "platform@acme.example.com", "lastName", "Sync", "orgRef", Map.of("name", "local")));
    spec.putAll(extra);
    return spec;
  }
}
