package io.sfintegration.local.kube;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * An in-process Kubernetes API on 127.0.0.1 (fabric8's mock server in CRUD mode behind our own HTTP front) with our
 * CRDs installed, that the real kubectl can use: it serves discovery and OpenAPI v3 documents generated from the CRDs,
 * answers {@code Accept: ...;as=Table} requests with the CRDs' printer columns, streams HTTP watches ({@code kubectl
 * get -w}, {@code kubectl wait}) as well as the WebSocket watches fabric8 clients use, and decodes the protobuf bodies
 * of Namespace, Secret and ConfigMap that {@code kubectl create namespace|secret|configmap} send.
 *
 * <p>What the mock cannot do, and this does not add: garbage collection of owned objects, RBAC, admission webhooks.
 * The README's "local mode vs a real cluster" table is the full list.
 */
public final class EmbeddedKubernetes implements AutoCloseable {

  /** kubectl appends its request timeout to every request; expectations match the full path with the query. */
  private static final String KUBECTL_TIMEOUT = "timeout=32s";

  private final KubernetesMockServer mock;
  private final ApiServer server;
  private final AdmissionDispatcher admission;
  private final NamespaceDeletionDispatcher namespaces;
  private final KubernetesClient client;
  private final DiscoveryDocuments discovery;

  private EmbeddedKubernetes(KubernetesMockServer mock, ApiServer server, AdmissionDispatcher admission,
      NamespaceDeletionDispatcher namespaces, KubernetesClient client, DiscoveryDocuments discovery) {
    this.mock = mock;
    this.namespaces = namespaces;
    this.admission = admission;
    this.server = server;
    this.client = client;
    this.discovery = discovery;
  }

  /** Starts on 127.0.0.1 ({@code port} 0 picks a free one), installs our CRDs and the default namespace. */
  public static EmbeddedKubernetes start(int port) {
    List<CustomResourceDefinition> crds = BundledCrds.load();
    DiscoveryDocuments discovery = new DiscoveryDocuments(crds);
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(responses);
    // Each wrapper fixes one thing kubectl (or a correct client) needs and the mock lacks; see their javadoc. The
    // last one wrapped sees a request first.
    PrinterColumnsDispatcher tables = new PrinterColumnsDispatcher(crud, crds);
    Dispatcher dispatcher = tables;
    dispatcher = new EventFieldSelectorDispatcher(dispatcher);
    dispatcher = new StatusQueryDispatcher(dispatcher);
    AdmissionDispatcher admission = new AdmissionDispatcher(dispatcher, admission(crds));
    dispatcher = admission;
    dispatcher = new MergePatchDispatcher(dispatcher);
    NamespaceDeletionDispatcher namespaces = new NamespaceDeletionDispatcher(dispatcher, namespacedCollections(crds));
    dispatcher = namespaces;
    dispatcher = new FieldManagerDispatcher(dispatcher, crds, java.time.Clock.systemUTC());
    dispatcher = new ProtobufBodyDispatcher(dispatcher);
    // The mock's own server holds the fixed (discovery) responses the dispatcher serves and registers "/" and
    // "/version" when it starts; it listens on a port nobody is told about. ApiServer serves the same dispatcher on
    // the port asked for and can also stream HTTP watches.
    KubernetesMockServer mock = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(),
        responses, dispatcher, false, versionInfo());
    try {
      mock.init(InetAddress.getByName("127.0.0.1"), 0);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    ApiServer server;
    try {
      server = ApiServer.start(port, dispatcher, tables::table);
    } catch (RuntimeException e) {
      mock.destroy();
      namespaces.close();
      throw e;
    }
    KubernetesClient client = null;
    try {
      registerDiscovery(mock, discovery);
      client = new KubernetesClientBuilder().withConfig(new ConfigBuilder()
          .withMasterUrl("http://127.0.0.1:" + server.port())
          .withNamespace("default")
          .withHttp2Disable(true)
          .withAutoConfigure(false)
          .build()).build();
      for (CustomResourceDefinition crd : crds) {
        // Created through the API (not only expected) so the CRUD dispatcher learns scope and status subresource.
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
      }
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build())
          .create();
      return new EmbeddedKubernetes(mock, server, admission, namespaces, client, discovery);
    } catch (RuntimeException e) {
      if (client != null) {
        client.close();
      }
      server.close();
      mock.destroy();
      namespaces.close();
      throw e;
    }
  }

  /** Where the namespaced kinds live, {@code %s} for the namespace: what deleting a namespace must empty. */
  private static List<String> namespacedCollections(List<CustomResourceDefinition> crds) {
    List<String> collections = new java.util.ArrayList<>();
    for (var r : new DiscoveryDocuments(crds).coreResources().getResources()) {
      if (Boolean.TRUE.equals(r.getNamespaced())) {
        collections.add("/api/v1/namespaces/%s/" + r.getName());
      }
    }
    for (CustomResourceDefinition crd : crds) {
      if ("Namespaced".equals(crd.getSpec().getScope())) {
        for (var v : crd.getSpec().getVersions()) {
          if (Boolean.TRUE.equals(v.getStorage())) {
            collections.add("/apis/" + crd.getSpec().getGroup() + "/" + v.getName() + "/namespaces/%s/"
                + crd.getSpec().getNames().getPlural());
          }
        }
      }
    }
    return collections;
  }

  /** What the API server does to writes before storing them: built-in defaults, our CRDs' schemas and CEL rules. */
  private static List<Admission> admission(List<CustomResourceDefinition> crds) {
    Admission builtIns = (path, old, object) -> {
      BuiltInDefaults.apply(path, object);
      return List.of();
    };
    return List.of(builtIns, new CustomResourceAdmission(crds));
  }

  private static final Map<String, String> VERSION_JSON = Map.of("major", "1", "minor", "32",
      "gitVersion", "v1.32.0-fabric8-mock", "gitCommit", "0000000", "gitTreeState", "clean",
      "buildDate", "2026-01-01T00:00:00Z", "goVersion", "go1.23", "compiler", "gc", "platform", "linux/amd64");

  /** What {@code /version} answers; kubectl compares it with its own version and warns beyond one minor apart. */
  private static VersionInfo versionInfo() {
    try {
      return new VersionInfo.Builder().withMajor("1").withMinor("32").withGitVersion("v1.32.0-fabric8-mock")
          .withPlatform("linux/amd64").withGoVersion("go1.23").withBuildDate("2026-01-01T00:00:00Z")
          .withGitCommit("0000000").withGitTreeState("clean").withCompiler("gc").build();
    } catch (java.text.ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void registerDiscovery(KubernetesMockServer server, DiscoveryDocuments discovery) {
    Map<String, String> openApiQueries = new HashMap<>();
    for (String gv : discovery.openApiGroupVersions()) {
      openApiQueries.put(discovery.openApiPath(gv), "hash=" + discovery.openApiHash(gv));
    }
    // The mock answers "/version" itself; kubectl asks with its timeout, which would otherwise reach the CRUD
    // dispatcher (it answers unknown paths with a List of everything it stores).
    expect(server, "/version?" + KUBECTL_TIMEOUT, Serialization.asJson(VERSION_JSON));
    // Only OpenAPI v3 is served; kubectl falls back to v2 when v3 lacks a group-version, and a 404 there is clearer
    // than the CRUD dispatcher's catch-all List.
    for (String v2 : List.of("/openapi/v2", "/openapi/v2?" + KUBECTL_TIMEOUT)) {
      server.expect().get().withPath(v2).andReturn(404, Map.of("kind", "Status", "apiVersion", "v1",
          "status", "Failure", "reason", "NotFound", "code", 404)).always();
    }
    for (Map.Entry<String, Object> doc : discovery.all().entrySet()) {
      String path = doc.getKey();
      String json = Serialization.asJson(doc.getValue());
      expect(server, path, json);
      expect(server, path + "?" + KUBECTL_TIMEOUT, json);
      String hash = openApiQueries.get(path);
      if (hash != null) {
        expect(server, path + "?" + hash, json);
        expect(server, path + "?" + hash + "&" + KUBECTL_TIMEOUT, json);
        expect(server, path + "?" + KUBECTL_TIMEOUT + "&" + hash, json);
      }
    }
  }

  private static void expect(KubernetesMockServer server, String path, String json) {
    server.expect().get().withPath(path).andReturn(200, json).always();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:16443} (plain HTTP: kubectl accepts it from a kubeconfig). */
  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /**
   * Runs {@code action} with defaulting and validation off, for tests of what the operator does with objects a real
   * cluster may still hold although our CRDs refuse them now (stored before a rule was added, or by an older CRD).
   */
  public <T> T withoutAdmission(java.util.function.Supplier<T> action) {
    admission.setEnabled(false);
    try {
      return action.get();
    } finally {
      admission.setEnabled(true);
    }
  }

  /** HTTP watches (kubectl get -w, kubectl wait) streaming now. */
  public int openHttpWatches() {
    return server.openWatches();
  }

  public int port() {
    return server.port();
  }

  /** A fabric8 client for this API, namespace {@code default}. Closed by {@link #close()}. */
  public KubernetesClient client() {
    return client;
  }

  DiscoveryDocuments discovery() {
    return discovery;
  }

  /** Writes a kubeconfig (context {@code local}, namespace {@code default}, no credentials) and returns its path. */
  public Path writeKubeconfig(Path file) {
    String yaml = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: local
          cluster:
            server: %s
        users:
        - name: local
          user: {}
        contexts:
        - name: local
          context:
            cluster: local
            user: local
            namespace: default
        current-context: local
        preferences: {}
        """.formatted(url());
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    namespaces.close();
    client.close();
    server.close();
    mock.destroy();
  }
}
