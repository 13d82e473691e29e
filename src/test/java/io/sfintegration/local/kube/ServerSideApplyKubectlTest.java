package io.sfintegration.local.kube;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real kubectl (1.32) against the embedded API: {@code kubectl apply --server-side} of deploy/examples, a
 * conflicting apply by another field manager refused with the API server's message, {@code --force-conflicts} taking
 * the field, and {@code kubectl get iu} showing the CRD's columns in the CRD's order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerSideApplyKubectlTest {

  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");

  private Path dir;
  private EmbeddedKubernetes kube;
  private Path kubeconfig;

  @BeforeAll
  void start(@TempDir Path tempDir) {
    dir = tempDir;
    if (!Files.isExecutable(KUBECTL)) {
      System.out.println("SKIPPED ServerSideApplyKubectlTest: kubectl not installed (" + KUBECTL + " is missing)");
    }
    Assumptions.assumeTrue(Files.isExecutable(KUBECTL), "kubectl not installed: " + KUBECTL + " is missing");
    kube = EmbeddedKubernetes.start(0);
    kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"));
  }

  @AfterAll
  void stop() {
    if (kube != null) {
      kube.close();
    }
  }

  @Test
  @Order(1)
  void serverSideApplyOfTheExamples() throws Exception {
    Result apply = kubectl("apply", "--server-side", "-f", Path.of("deploy/examples").toAbsolutePath().toString());
    assertThat(apply.exit()).as(apply.err()).isZero();
    assertThat(apply.out()).contains("salesforceorg.sfintegration.io/local serverside-applied",
        "permissionset.sfintegration.io/account-reader serverside-applied",
        "integrationuser.sfintegration.io/erp-sync serverside-applied",
        "integrationuser.sfintegration.io/helpdesk serverside-applied");
    // applying the same files again changes nothing and is no conflict
    Result again = kubectl("apply", "--server-side", "-f", Path.of("deploy/examples").toAbsolutePath().toString());
    assertThat(again.exit()).as(again.err()).isZero();
    Result fields = kubectl("get", "iu", "erp-sync", "-o", "yaml", "--show-managed-fields");
    assertThat(fields.out()).contains("manager: kubectl", "operation: Apply", "f:username: {}");
  }

  @Test
  @Order(2)
  void anotherManagersConflictingApplyIsRefusedUntilForced() throws Exception {
    Path changed = dir.resolve("erp-team-b.yaml");
    Files.writeString(changed, Files.readString(Path.of("deploy/examples/20-integrationuser-erp.yaml"))
        .replace("firstName: ERP", "firstName: Enterprise"));

    Result conflict = kubectl("apply", "--server-side", "--field-manager=team-b", "-f", changed.toString());
    System.out.println("kubectl apply --server-side --field-manager=team-b: exit " + conflict.exit() + "\n"
        + conflict.err());
    assertThat(conflict.exit()).isNotZero();
    assertThat(conflict.err()).contains("Apply failed with 1 conflict: conflict with \"kubectl\": .spec.firstName")
        .contains("--force-conflicts");
    assertThat(kubectl("get", "iu", "erp-sync", "-o", "jsonpath={.spec.firstName}").out()).isEqualTo("ERP");

    Result forced = kubectl("apply", "--server-side", "--field-manager=team-b", "--force-conflicts", "-f",
        changed.toString());
    assertThat(forced.exit()).as(forced.err()).isZero();
    assertThat(forced.out()).isEqualTo("integrationuser.sfintegration.io/erp-sync serverside-applied");
    assertThat(kubectl("get", "iu", "erp-sync", "-o", "jsonpath={.spec.firstName}").out()).isEqualTo("Enterprise");
    // kubectl's next apply of its old value is now the conflict, with team-b
    Result back = kubectl("apply", "--server-side", "-f",
        Path.of("deploy/examples/20-integrationuser-erp.yaml").toAbsolutePath().toString());
    assertThat(back.exit()).isNotZero();
    assertThat(back.err()).contains("conflict with \"team-b\": .spec.firstName");
  }

  @Test
  @Order(3)
  void getShowsTheCrdsColumnOrder() throws Exception {
    String header = kubectl("get", "iu").out().lines().findFirst().orElseThrow();
    assertThat(List.of(header.trim().split("\\s+")))
        .containsExactly("NAME", "USERNAME", "USER-ID", "READY", "SYNCED", "DRIFTED", "AGE");
    String wide = kubectl("get", "iu", "-o", "wide").out().lines().findFirst().orElseThrow();
    assertThat(List.of(wide.trim().split("\\s+")))
        .containsExactly("NAME", "USERNAME", "ORG", "USER-ID", "ACTIVE", "READY", "SYNCED", "DRIFTED", "AGE");
    String orgs = kubectl("get", "sforg", "-o", "wide").out().lines().findFirst().orElseThrow();
    assertThat(List.of(orgs.trim().split("\\s+")))
        .containsExactly("NAME", "ORG-ID", "INSTANCE", "READY", "API-USED", "API-MAX", "AGE");
  }

  private Result kubectl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().remove("KUBECONFIG");
    pb.environment().put("HOME", dir.toString());
    Path out = dir.resolve("kubectl.out");
    Path err = dir.resolve("kubectl.err");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("kubectl %s finished", args[0]).isTrue();
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip(),
        Files.readString(err, StandardCharsets.UTF_8).strip());
  }

  private record Result(int exit, String out, String err) {
  }
}
