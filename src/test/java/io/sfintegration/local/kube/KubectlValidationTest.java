package io.sfintegration.local.kube;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Our CRDs enforced by the embedded API as a real API server enforces them, seen through the real kubectl: each
 * invalid manifest of the table is refused with the message a real server prints, defaults are filled in, and a
 * changed immutable field is refused on update (CEL transition rule with oldSelf).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubectlValidationTest {

  private static final Path KUBECTL = Path.of("/usr/bin/kubectl");

  private Path dir;
  private EmbeddedKubernetes kube;
  private Path kubeconfig;

  /** One invalid manifest (the spec only) and the error kubectl prints for it. */
  record Invalid(String kind, String name, String spec, String expected) {
    @Override
    public String toString() {
      return kind + "/" + name;
    }
  }

  static final String USER = """
        orgRef: {name: local}
        username: %s
        email: platform@acme.example.com
        lastName: Sync
      """;

  static List<Invalid> invalidManifests() {
    String permissionSets = IntStream.range(0, 101).mapToObj(i -> "    - ref: ps-" + i)
        .collect(Collectors.joining("\n"));
    return List.of(
        new Invalid("PermissionSet", "edit-without-read", """
              orgRef: {name: local}
              name: Integration_Bad
              label: Bad
              fieldPermissions:
              - {field: Account.Phone, edit: true, read: false}
            """, "The PermissionSet \"edit-without-read\" is invalid: spec.fieldPermissions[0]: "
            + "Invalid value: \"object\": edit needs read"),
        new Invalid("PermissionSet", "create-without-read", """
              orgRef: {name: local}
              name: Integration_Bad
              label: Bad
              objectPermissions:
              - {object: Account, create: true}
            """, "The PermissionSet \"create-without-read\" is invalid: spec.objectPermissions[0]: "
            + "Invalid value: \"object\": create, edit and viewAllRecords need read"),
        new Invalid("PermissionSet", "delete-without-edit", """
              orgRef: {name: local}
              name: Integration_Bad
              label: Bad
              objectPermissions:
              - {object: Account, read: true, delete: true}
            """, "The PermissionSet \"delete-without-edit\" is invalid: spec.objectPermissions[0]: "
            + "Invalid value: \"object\": delete needs read and edit"),
        new Invalid("PermissionSet", "modify-all-without-view-all", """
              orgRef: {name: local}
              name: Integration_Bad
              label: Bad
              objectPermissions:
              - {object: Account, read: true, edit: true, delete: true, modifyAllRecords: true}
            """, "The PermissionSet \"modify-all-without-view-all\" is invalid: spec.objectPermissions[0]: "
            + "Invalid value: \"object\": modifyAllRecords needs read, edit, delete and viewAllRecords"),
        new Invalid("PermissionSet", "double-underscore", """
              orgRef: {name: local}
              name: Integration__Bad
              label: Bad
            """, "The PermissionSet \"double-underscore\" is invalid: spec.name: Invalid value: \"string\": "
            + "name must not contain two consecutive underscores or end with an underscore"),
        new Invalid("PermissionSetGroup", "group-double-underscore", """
              orgRef: {name: local}
              name: Billing__Role
              label: Bad
            """, "The PermissionSetGroup \"group-double-underscore\" is invalid: spec.name: Invalid value: \"string\": "
            + "name must not contain two consecutive underscores or end with an underscore"),
        new Invalid("PermissionSetGroup", "group-ref-and-name", """
              orgRef: {name: local}
              name: Billing_Role
              label: Bad
              permissionSets:
              - {ref: a, name: B}
            """, "The PermissionSetGroup \"group-ref-and-name\" is invalid: spec.permissionSets[0]: Invalid value: \"object\": "
            + "set exactly one of ref or name"),
        new Invalid("IntegrationUser", "no-email", """
              orgRef: {name: local}
              username: no-email@acme.example.com
              lastName: Sync
            """, "The IntegrationUser \"no-email\" is invalid: spec.email: Required value"),
        new Invalid("IntegrationUser", "bad-policy", USER.formatted("bad-policy@acme.example.com")
            + "  deletionPolicy: Delete\n",
            "The IntegrationUser \"bad-policy\" is invalid: spec.deletionPolicy: Unsupported value: \"Delete\": "
                + "supported values: \"Deactivate\", \"Freeze\", \"Orphan\""),
        new Invalid("IntegrationUser", "not-an-email", USER.formatted("not-an-email"),
            "The IntegrationUser \"not-an-email\" is invalid: spec.username: Invalid value: \"not-an-email\": "
                + "spec.username in body should match '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'"),
        new Invalid("IntegrationUser", "active-yes", USER.formatted("active@acme.example.com")
            + "  active: \"yes\"\n",
            "The IntegrationUser \"active-yes\" is invalid: spec.active: Invalid value: \"string\": "
                + "spec.active in body must be of type boolean: \"string\""),
        new Invalid("IntegrationUser", "long-alias", USER.formatted("alias@acme.example.com")
            + "  alias: much-too-long\n",
            "The IntegrationUser \"long-alias\" is invalid: spec.alias: Too long: may not be more than 8 bytes"),
        new Invalid("IntegrationUser", "too-many-sets", USER.formatted("many@acme.example.com")
            + "  permissionSets:\n" + permissionSets + "\n",
            "The IntegrationUser \"too-many-sets\" is invalid: spec.permissionSets: Too many: 101: "
                + "must have at most 100 items"),
        new Invalid("IntegrationUser", "ref-and-name", USER.formatted("both@acme.example.com")
            + "  permissionSets:\n  - {ref: a, name: B}\n",
            "The IntegrationUser \"ref-and-name\" is invalid: spec.permissionSets[0]: Invalid value: \"object\": "
                + "set exactly one of ref or name"),
        new Invalid("IntegrationUser", "typo", USER.formatted("typo@acme.example.com") + "  activ: true\n",
            "IntegrationUser in version \"v1alpha1\" cannot be handled as a IntegrationUser: strict decoding error: "
                + "unknown field \"spec.activ\""),
        new Invalid("SalesforceOrg", "two-auths", """
              instanceUrl: http://127.0.0.1:17443
              auth:
                accessTokenSecretRef: {name: t, key: token}
                clientCredentials: {clientIdSecretRef: {name: s, key: id}, clientSecretSecretRef: {name: s, key: secret}}
            """, "The SalesforceOrg \"two-auths\" is invalid: spec.auth: Invalid value: \"object\": "
            + "set exactly one of jwtBearer, clientCredentials or accessTokenSecretRef"),
        new Invalid("SalesforceOrg", "budget-over-100", """
              instanceUrl: http://127.0.0.1:17443
              auth:
                accessTokenSecretRef: {name: t, key: token}
              apiBudget: {maxDailyPercent: 101}
            """, "The SalesforceOrg \"budget-over-100\" is invalid: spec.apiBudget.maxDailyPercent: Invalid value: "
            + "101: spec.apiBudget.maxDailyPercent in body should be less than or equal to 100"),
        new Invalid("SalesforceOrg", "quota-on-namespaced-org", """
              instanceUrl: http://127.0.0.1:17443
              auth:
                accessTokenSecretRef: {name: t, key: token}
              policy: {maxUsersPerNamespace: 3}
            """, "The SalesforceOrg \"quota-on-namespaced-org\" is invalid: spec.policy: Invalid value: \"object\": "
            + "maxUsersPerNamespace applies to a ClusterSalesforceOrg only"),
        new Invalid("ClusterSalesforceOrg", "cluster-two-auths", """
              instanceUrl: http://127.0.0.1:17443
              auth:
                accessTokenSecretRef: {name: t, key: token}
                clientCredentials: {clientIdSecretRef: {name: s, key: id}, clientSecretSecretRef: {name: s, key: secret}}
              allowedNamespaces: {names: [team-a]}
            """, "The ClusterSalesforceOrg \"cluster-two-auths\" is invalid: spec.auth: Invalid value: \"object\": "
            + "set exactly one of jwtBearer, clientCredentials or accessTokenSecretRef"));
  }

  @BeforeAll
  void start(@TempDir Path tempDir) {
    Assumptions.assumeTrue(Files.isExecutable(KUBECTL), "kubectl not installed: " + KUBECTL + " is missing");
    dir = tempDir;
    kube = EmbeddedKubernetes.start(0);
    kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"));
  }

  @AfterAll
  void stop() {
    if (kube != null) {
      kube.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidManifests")
  void invalidManifestIsRefusedWithTheServersMessage(Invalid invalid) throws Exception {
    Path file = dir.resolve(invalid.name() + ".yaml");
    Files.writeString(file, manifest(invalid.kind(), invalid.name(), invalid.spec()));
    Result apply = kubectl("apply", "-f", file.toString());
    System.out.printf("kubectl apply -f %s.yaml -> exit %d: %s%n", invalid.name(), apply.exit(), apply.err());
    assertThat(apply.exit()).isNotZero();
    assertThat(apply.err()).contains(invalid.expected());
    assertThat(kubectl("get", invalid.kind().toLowerCase(java.util.Locale.ROOT), invalid.name(), "--ignore-not-found", "-o", "name").out())
        .isEmpty();
  }

  @Test
  void defaultsAreFilledInAndImmutableFieldsRefusedOnUpdate() throws Exception {
    Path file = dir.resolve("erp.yaml");
    Files.writeString(file, manifest("IntegrationUser", "erp-sync", USER.formatted("erp-sync@acme.example.com")));
    assertThat(kubectl("apply", "-f", file.toString()).out()).isEqualTo("integrationuser.sfintegration.io/erp-sync created");
    assertThat(kubectl("get", "iu", "erp-sync", "-o",
        "jsonpath={.spec.active} {.spec.deletionPolicy} {.spec.profile} {.spec.timeZone}").out())
        .isEqualTo("true Deactivate Minimum Access - API Only Integrations America/Los_Angeles");
    assertThat(kubectl("get", "iu", "-o", "wide").out()).contains("erp-sync@acme.example.com").contains("true");

    Files.writeString(file, manifest("IntegrationUser", "erp-sync", USER.formatted("renamed@acme.example.com")));
    Result renamed = kubectl("apply", "-f", file.toString());
    System.out.printf("kubectl apply (username changed) -> exit %d: %s%n", renamed.exit(), renamed.err());
    assertThat(renamed.exit()).isNotZero();
    assertThat(renamed.err()).contains("The IntegrationUser \"erp-sync\" is invalid: spec.username: Invalid value: "
        + "\"string\": username is immutable: Salesforce usernames stay taken, create a new IntegrationUser instead");
    Result patched = kubectl("patch", "iu", "erp-sync", "--type=merge", "-p", "{\"spec\":{\"username\":\"x@y.example\"}}");
    assertThat(patched.exit()).isNotZero();
    assertThat(patched.err()).contains("spec.username: Invalid value: \"string\": username is immutable");
    assertThat(kubectl("get", "iu", "erp-sync", "-o", "jsonpath={.spec.username}").out())
        .isEqualTo("erp-sync@acme.example.com");
    // Other fields still change, and a status write does not re-run the spec's transition rules.
    assertThat(kubectl("patch", "iu", "erp-sync", "--type=merge", "-p", "{\"spec\":{\"firstName\":\"Erp\"}}").exit())
        .isZero();
    assertThat(kubectl("patch", "iu", "erp-sync", "--subresource=status", "--type=merge", "-p",
        "{\"status\":{\"userId\":\"005000000000001AAA\"}}").exit()).isZero();
  }

  static String manifest(String kind, String name, String spec) {
    return "apiVersion: sfintegration.io/v1alpha1\nkind: " + kind + "\nmetadata:\n  name: " + name + "\nspec:\n"
        + spec.stripTrailing().lines().map(l -> l.startsWith("  ") ? l : "  " + l).collect(Collectors.joining("\n"))
        + "\n";
  }

  private Result kubectl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig", kubeconfig.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().remove("KUBECONFIG");
    pb.environment().put("HOME", dir.toString());
    Path out = Files.createTempFile(dir, "kubectl", ".out");
    Path err = Files.createTempFile(dir, "kubectl", ".err");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip(),
        Files.readString(err, StandardCharsets.UTF_8).strip());
  }

  private record Result(int exit, String out, String err) {
  }
}
