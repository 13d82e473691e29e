package io.sfintegration.local.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Drives the real kubectl against {@link EmbeddedKubernetes}: one server for the class, steps in order. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedKubernetesKubectlTest {

  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");
  private static final ResourceDefinitionContext IU = context("integrationusers", "IntegrationUser");
  private static final ResourceDefinitionContext SFORG = context("salesforceorgs", "SalesforceOrg");
  private static final ResourceDefinitionContext SFPS = context("permissionsets", "PermissionSet");

  private Path dir;
  private EmbeddedKubernetes kube;
  private Path kubeconfig;

  @BeforeAll
  void start(@TempDir Path tempDir) throws IOException {
    dir = tempDir;
    Assumptions.assumeTrue(Files.isExecutable(KUBECTL), "kubectl not installed: " + KUBECTL + " is missing");
    kube = EmbeddedKubernetes.start(0);
    kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"));
    Path samples = Files.createDirectories(dir.resolve("samples"));
    Files.writeString(samples.resolve("00-org.yaml"), """
        apiVersion: sfintegration.io/v1alpha1
        kind: SalesforceOrg
        metadata:
          name: local
        spec:
          instanceUrl: http://127.0.0.1:17443
          auth:
            accessTokenSecretRef:
              name: local-salesforce-token
              key: token
        """);
    Files.writeString(samples.resolve("10-ps.yaml"), """
        apiVersion: sfintegration.io/v1alpha1
        kind: PermissionSet
        metadata:
          name: account-reader
        spec:
          orgRef:
            name: local
          name: Integration_Account_Reader
          label: Integration - Account Reader
        """);
    Files.writeString(samples.resolve("20-iu.yaml"), """
        apiVersion: sfintegration.io/v1alpha1
        kind: IntegrationUser
        metadata:
          name: erp-sync
        spec:
          orgRef:
            name: local
          username: erp-sync@acme.example.com
          email: platform-team@acme.example.com
          lastName: Sync
          active: true
        """);
  }

  @AfterAll
  void stop() {
    if (kube != null) {
      kube.close();
    }
  }

  @Test
  @Order(1)
  void versionAndApiResources() throws Exception {
    Result version = kubectl("version", "-o", "json");
    assertThat(version.out()).contains("\"gitVersion\": \"v1.32.0-fabric8-mock\"");
    Result resources = kubectl("api-resources", "--api-group=sfintegration.io");
    assertThat(resources.out()).contains("integrationusers", "iu", "IntegrationUser", "sforg", "sfps");
  }

  @Test
  @Order(2)
  void applyDirectory() throws Exception {
    Result apply = kubectl("apply", "-f", dir.resolve("samples").toString());
    assertThat(apply.out()).contains(
        "salesforceorg.sfintegration.io/local created",
        "permissionset.sfintegration.io/account-reader created",
        "integrationuser.sfintegration.io/erp-sync created");
    assertThat(kube.client().genericKubernetesResources(IU).inNamespace("default").withName("erp-sync").get())
        .isNotNull();
    // Applying again is a no-op, through client-side apply's last-applied annotation.
    assertThat(kubectl("apply", "-f", dir.resolve("samples").toString()).out())
        .contains("integrationuser.sfintegration.io/erp-sync unchanged");
  }

  @Test
  @Order(3)
  void getByCategoryShortNameAndWide() throws Exception {
    setReadyStatus();
    assertThat(kubectl("get", "salesforce").out()).contains(
        "salesforceorg.sfintegration.io/local", "permissionset.sfintegration.io/account-reader",
        "integrationuser.sfintegration.io/erp-sync");
    Result sforg = kubectl("get", "sforg");
    assertThat(sforg.out()).startsWith("NAME").contains("local");
    Result iu = kubectl("get", "iu");
    assertThat(firstLine(iu.out())).contains("USERNAME", "READY").doesNotContain("ORG");
    Result wide = kubectl("get", "iu", "-o", "wide");
    assertThat(firstLine(wide.out())).contains("NAME", "USERNAME", "READY", "ORG", "ACTIVE");
    assertThat(wide.out()).contains("erp-sync@acme.example.com", "True", "local", "true");
  }

  @Test
  @Order(4)
  void getYamlAndJsonPath() throws Exception {
    assertThat(kubectl("get", "iu", "erp-sync", "-o", "yaml").out())
        .contains("kind: IntegrationUser", "username: erp-sync@acme.example.com", "name: erp-sync");
    assertThat(kubectl("get", "iu", "erp-sync", "-o", "jsonpath={.spec.email}").out())
        .isEqualTo("platform-team@acme.example.com");
    assertThat(kubectl("get", "sfps", "-o", "jsonpath={.items[*].spec.name}").out())
        .isEqualTo("Integration_Account_Reader");
  }

  @Test
  @Order(5)
  void describe() throws Exception {
    var user = kube.client().genericKubernetesResources(IU).inNamespace("default").withName("erp-sync").get();
    kube.client().v1().events().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.EventBuilder()
        .withNewMetadata().withName("erp-sync.created").endMetadata()
        .withNewInvolvedObject().withApiVersion("sfintegration.io/v1alpha1").withKind("IntegrationUser")
        .withName("erp-sync").withNamespace("default").withUid(user.getMetadata().getUid()).endInvolvedObject()
        .withType("Normal").withReason("Created").withMessage("Created user 005000000000001AAA")
        .withCount(1).withLastTimestamp("2026-01-01T00:00:00Z").withFirstTimestamp("2026-01-01T00:00:00Z")
        .withNewSource().withComponent("integration-user-operator").endSource()
        .build()).create();
    kube.client().v1().events().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.EventBuilder()
        .withNewMetadata().withName("other.created").endMetadata()
        .withNewInvolvedObject().withApiVersion("sfintegration.io/v1alpha1").withKind("IntegrationUser")
        .withName("other").withNamespace("default").withUid("another-uid").endInvolvedObject()
        .withType("Normal").withReason("Created").withMessage("Created someone else")
        .build()).create();
    Result describe = kubectl("describe", "iu", "erp-sync");
    assertThat(describe.out()).doesNotContain("someone else");
    assertThat(describe.out()).contains("Name:", "erp-sync", "Kind:", "IntegrationUser", "Username:");
    assertThat(describe.out()).contains("Events:", "Created user 005000000000001AAA");
    assertThat(describe.err()).isEmpty();
  }

  @Test
  @Order(6)
  void labelPatchAndEdit() throws Exception {
    assertThat(kubectl("label", "iu", "erp-sync", "team=platform").out())
        .contains("integrationuser.sfintegration.io/erp-sync labeled");
    assertThat(kubectl("get", "iu", "-l", "team=platform", "-o", "name").out())
        .isEqualTo("integrationuser.sfintegration.io/erp-sync");
    assertThat(kubectl("get", "iu", "-l", "team=other", "-o", "name").out()).isEmpty();

    assertThat(kubectl("patch", "iu", "erp-sync", "--type=merge", "-p", "{\"spec\":{\"active\":false}}").out())
        .contains("integrationuser.sfintegration.io/erp-sync patched");
    assertThat(spec(IU, "erp-sync").get("active")).isEqualTo(false);

    Path editor = dir.resolve("editor.sh");
    Files.writeString(editor, "#!/bin/sh\nsed -i 's/lastName: Sync/lastName: Synced/' \"$1\"\n");
    editor.toFile().setExecutable(true);
    Result edit = kubectl(Map.of("KUBE_EDITOR", editor.toString()), "edit", "iu", "erp-sync");
    assertThat(edit.out()).contains("integrationuser.sfintegration.io/erp-sync edited");
    assertThat(spec(IU, "erp-sync").get("lastName")).isEqualTo("Synced");
    assertThat(kube.client().genericKubernetesResources(IU).inNamespace("default").withName("erp-sync").get()
        .getMetadata().getLabels()).containsEntry("team", "platform");
  }

  @Test
  @Order(6)
  void waitReactsToAStatusChangeWithinASecond() throws Exception {
    patchReady("False");
    assertThat(kubectl("get", "iu", "erp-sync", "-o", "jsonpath={.status.conditions[0].status}").out())
        .isEqualTo("False");
    int before = kube.openHttpWatches();
    Background wait = background("wait", "--for=condition=Ready", "iu/erp-sync", "--timeout=30s");
    await().atMost(Duration.ofSeconds(20)).until(() -> kube.openHttpWatches() > before);
    long patched = System.nanoTime();
    patchReady("True");
    assertThat(wait.process().waitFor(25, TimeUnit.SECONDS)).isTrue();
    long millis = (System.nanoTime() - patched) / 1_000_000;
    System.out.printf("kubectl wait --for=condition=Ready returned %d ms after the status patch%n", millis);
    assertThat(wait.output()).contains("integrationuser.sfintegration.io/erp-sync condition met");
    assertThat(wait.process().exitValue()).isZero();
    assertThat(millis).isLessThan(1000);
  }

  @Test
  @Order(6)
  void waitForDeleteReactsWithinASecond() throws Exception {
    kube.client().configMaps().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
        .withNewMetadata().withName("doomed").endMetadata().addToData("a", "b").build()).create();
    int before = kube.openHttpWatches();
    Background wait = background("wait", "--for=delete", "configmap/doomed", "--timeout=30s");
    await().atMost(Duration.ofSeconds(20)).until(() -> kube.openHttpWatches() > before);
    long deleted = System.nanoTime();
    kube.client().configMaps().inNamespace("default").withName("doomed").delete();
    assertThat(wait.process().waitFor(25, TimeUnit.SECONDS)).isTrue();
    long millis = (System.nanoTime() - deleted) / 1_000_000;
    System.out.printf("kubectl wait --for=delete returned %d ms after the delete%n", millis);
    assertThat(wait.output()).contains("configmap/doomed condition met");
    assertThat(millis).isLessThan(1000);
  }

  @Test
  @Order(6)
  void getWatchStreamsTableRowsAndYaml() throws Exception {
    patchReady("False");
    int before = kube.openHttpWatches();
    Background table = background("get", "iu", "-w");
    Background yaml = background("get", "iu", "erp-sync", "-w", "-o", "yaml");
    await().atMost(Duration.ofSeconds(20)).until(() -> kube.openHttpWatches() >= before + 2);
    assertThat(firstLine(table.output())).contains("NAME", "USERNAME", "READY");
    assertThat(table.output()).contains("erp-sync");
    await().atMost(Duration.ofSeconds(5)).until(() -> yaml.output().contains("status: \"False\""));
    int rowsBefore = rows(table.output(), "erp-sync");
    patchReady("True");
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(table.output().lines()
        .filter(l -> l.startsWith("erp-sync")).toList()).hasSizeGreaterThanOrEqualTo(2).last().asString()
        .contains("erp-sync@acme.example.com", "True"));
    // the list's row, then the change: the watch does not replay what the list already showed. A status write here
    // is two stored writes (status, then its managedFields: README "local mode vs a real cluster"), so the change may
    // show as two identical rows; what must hold is that no other state than "before" and "after" appears.
    assertThat(rowsBefore).isEqualTo(1);
    assertThat(rowStates(table.output(), "erp-sync")).hasSize(2);
    await().atMost(Duration.ofSeconds(5)).until(() -> yaml.output().contains("status: \"True\""));
    assertThat(yaml.output()).contains("kind: IntegrationUser", "username: erp-sync@acme.example.com");
    table.process().destroy();
    yaml.process().destroy();
    assertThat(table.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(yaml.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
    // The server notices that the clients went away and stops their streams.
    await().atMost(Duration.ofSeconds(10)).until(() -> kube.openHttpWatches() == before);
  }

  @Test
  @Order(7)
  void secretsInTheCoreGroup() throws Exception {
    Path secret = dir.resolve("secret.yaml");
    Files.writeString(secret, """
        apiVersion: v1
        kind: Secret
        metadata:
          name: local-salesforce-token
        stringData:
          token: not-a-real-token
        """);
    assertThat(kubectl("apply", "-f", secret.toString()).out()).contains("secret/local-salesforce-token created");
    assertThat(kubectl("get", "secrets").out()).contains("local-salesforce-token");
    assertThat(kube.client().secrets().inNamespace("default").withName("local-salesforce-token").get()).isNotNull();
  }

  @Test
  @Order(7)
  void imperativeCreateOfBuiltInTypes() throws Exception {
    // kubectl sends these as protobuf; the embedded API decodes them.
    assertThat(kubectl("create", "namespace", "team-b").out()).isEqualTo("namespace/team-b created");
    assertThat(kube.client().namespaces().withName("team-b").get()).isNotNull();
    assertThat(kubectl("-n", "team-b", "create", "secret", "generic", "org-b-token", "--from-literal=token=s3cr3t",
        "--from-literal=user=erp").out()).isEqualTo("secret/org-b-token created");
    var secret = kube.client().secrets().inNamespace("team-b").withName("org-b-token").get();
    assertThat(secret.getType()).isEqualTo("Opaque");
    assertThat(secret.getData()).containsEntry("token", base64("s3cr3t")).containsEntry("user", base64("erp"));

    KeyPair pair = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    Path cert = dir.resolve("tls.crt");
    Path key = dir.resolve("tls.key");
    Files.writeString(cert, pem("CERTIFICATE", selfSigned(pair).getEncoded()));
    Files.writeString(key, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    assertThat(kubectl("create", "secret", "tls", "web-tls", "--cert=" + cert, "--key=" + key).out())
        .isEqualTo("secret/web-tls created");
    var tls = kube.client().secrets().inNamespace("default").withName("web-tls").get();
    assertThat(tls.getType()).isEqualTo("kubernetes.io/tls");
    assertThat(new String(Base64.getDecoder().decode(tls.getData().get("tls.crt")), StandardCharsets.UTF_8))
        .isEqualTo(Files.readString(cert));

    assertThat(kubectl("create", "configmap", "settings", "--from-literal=a=b").out())
        .isEqualTo("configmap/settings created");
    assertThat(kube.client().configMaps().inNamespace("default").withName("settings").get().getData())
        .containsEntry("a", "b");
    assertThat(kubectl("get", "configmap", "settings", "-o", "jsonpath={.data.a}").out()).isEqualTo("b");
  }

  @Test
  @Order(7)
  void deletingANamespaceDeletesItsContentHonouringFinalizers() throws Exception {
    kubectl("create", "namespace", "team-c");
    kubectl("-n", "team-c", "create", "configmap", "plain", "--from-literal=a=b");
    kube.client().configMaps().inNamespace("team-c").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
        .withNewMetadata().withName("guarded").withFinalizers("example.com/guard").endMetadata().build()).create();
    Result delete = kubectl("delete", "namespace", "team-c", "--wait=false");
    assertThat(delete.out()).isEqualTo("namespace \"team-c\" deleted");
    await().atMost(Duration.ofSeconds(10)).until(() ->
        kube.client().configMaps().inNamespace("team-c").withName("plain").get() == null);
    // The finalizer holds the object, and the object holds the namespace, as on a real cluster.
    assertThat(kube.client().configMaps().inNamespace("team-c").withName("guarded").get().getMetadata()
        .getDeletionTimestamp()).isNotNull();
    assertThat(kubectl("get", "namespace", "team-c", "-o", "jsonpath={.status.phase}").out()).isEqualTo("Terminating");
    Result refused = kubectlAllowingFailure(Map.of(), "-n", "team-c", "create", "configmap", "late");
    assertThat(refused.err()).contains("because it is being terminated");
    kube.client().configMaps().inNamespace("team-c").withName("guarded")
        .edit(cm -> new io.fabric8.kubernetes.api.model.ConfigMapBuilder(cm).editMetadata().withFinalizers()
            .endMetadata().build());
    Background wait = background("wait", "--for=delete", "namespace/team-c", "--timeout=20s");
    assertThat(wait.process().waitFor(25, TimeUnit.SECONDS)).isTrue();
    assertThat(wait.process().exitValue()).as(wait.output()).isZero();
    assertThat(kube.client().namespaces().withName("team-c").get()).isNull();
  }

  @Test
  @Order(8)
  void delete() throws Exception {
    assertThat(kubectl("delete", "iu", "erp-sync").out())
        .contains("integrationuser.sfintegration.io \"erp-sync\" deleted");
    assertThat(kubectl("delete", "-f", dir.resolve("samples").toString(), "--ignore-not-found").out())
        .contains("salesforceorg.sfintegration.io \"local\" deleted");
    assertThat(kube.client().genericKubernetesResources(IU).inNamespace("default").list().getItems()).isEmpty();
    assertThat(kube.client().genericKubernetesResources(SFORG).inNamespace("default").list().getItems()).isEmpty();
    assertThat(kube.client().genericKubernetesResources(SFPS).inNamespace("default").list().getItems()).isEmpty();
    assertThat(kubectl("get", "salesforce").err()).contains("No resources found");
  }

  private void patchReady(String status) throws Exception {
    kubectl("patch", "iu", "erp-sync", "--subresource=status", "--type=merge", "-p",
        "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"" + status + "\"}]}}");
  }

  /** A kubectl that keeps running (watch, wait); its output is collected as it comes. */
  private Background background(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().remove("KUBECONFIG");
    pb.environment().put("HOME", dir.toString());
    Process p = pb.start();
    StringBuffer out = new StringBuffer();
    Thread reader = new Thread(() -> {
      try (var in = p.getInputStream()) {
        byte[] buffer = new byte[4096];
        for (int n; (n = in.read(buffer)) > 0;) {
          out.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
      } catch (IOException ignored) {
        // the process ended
      }
    });
    reader.setDaemon(true);
    reader.start();
    return new Background(p, out);
  }

  private record Background(Process process, StringBuffer buffer) {
    String output() {
      return buffer.toString();
    }
  }

  private void setReadyStatus() {
    var users = kube.client().genericKubernetesResources(IU).inNamespace("default");
    GenericKubernetesResource user = users.withName("erp-sync").get();
    user.setAdditionalProperty("status", Map.of("userId", "005000000000001AAA", "conditions", List.of(
        Map.of("type", "Ready", "status", "True", "reason", "Reconciled"),
        Map.of("type", "Synced", "status", "True", "reason", "Reconciled"))));
    users.resource(user).updateStatus();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> spec(ResourceDefinitionContext ctx, String name) {
    return (Map<String, Object>) kube.client().genericKubernetesResources(ctx).inNamespace("default").withName(name)
        .get().getAdditionalProperties().get("spec");
  }

  private Result kubectl(String... args) throws Exception {
    return kubectl(Map.of(), args);
  }

  private Result kubectl(Map<String, String> env, String... args) throws Exception {
    Result result = kubectlAllowingFailure(env, args);
    assertThat(result.exit()).as("kubectl %s exit code; stderr: %s", String.join(" ", args), result.err()).isZero();
    assertThat(result.err()).as("kubectl %s stderr", String.join(" ", args))
        .doesNotContainIgnoringCase("warning").doesNotContain("couldn't get").doesNotContain("E11");
    return result;
  }

  private Result kubectlAllowingFailure(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().remove("KUBECONFIG");
    pb.environment().put("HOME", dir.toString()); // keeps kubectl's discovery cache out of the real home
    pb.environment().putAll(env);
    Path out = dir.resolve("kubectl.out");
    Path err = dir.resolve("kubectl.err");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("kubectl %s finished", args[0]).isTrue();
    Result result = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip(),
        Files.readString(err, StandardCharsets.UTF_8).strip());
    return result;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der) + "\n-----END " + type + "-----\n";
  }

  private static X509Certificate selfSigned(KeyPair pair) throws Exception {
    X500Name name = new X500Name("CN=web.example.com");
    Instant now = Instant.now();
    return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
        Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name, pair.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
  }

  /** The distinct rows shown for {@code name}, without the AGE column (it may tick between two events). */
  private static java.util.Set<String> rowStates(String table, String name) {
    return table.lines().filter(l -> l.startsWith(name + " ")).map(l -> l.replaceAll("\\s+\\S+\\s*$", ""))
        .collect(java.util.stream.Collectors.toCollection(java.util.LinkedHashSet::new));
  }

  private static int rows(String table, String name) {
    return (int) table.lines().filter(l -> l.startsWith(name + " ")).count();
  }

  private static String firstLine(String text) {
    return text.lines().findFirst().orElse("");
  }

  private static ResourceDefinitionContext context(String plural, String kind) {
    return new ResourceDefinitionContext.Builder().withGroup("sfintegration.io").withVersion("v1alpha1")
        .withPlural(plural).withKind(kind).withNamespaced(true).build();
  }

  private record Result(int exit, String out, String err) {
  }
}
