package io.sfintegration.export;

import io.sfintegration.api.v1alpha1.AllowedNamespaces;
import io.sfintegration.api.v1alpha1.ClusterSalesforceOrg;
import io.sfintegration.emulator.EmulatorConfig;
import io.sfintegration.emulator.EmulatorSeed;
import io.sfintegration.testing.EmulatorRest;
import io.sfintegration.testing.OperatorHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code export --cluster-org <name> --namespace <ns>}: the org behind a ClusterSalesforceOrg, read with its credentials
 * from the cluster-secrets namespace, exported as resources of the given namespace that refer to the cluster org.
 */
class ClusterOrgExportTest {

    OperatorHarness harness;
    EmulatorRest sf;

    @BeforeEach
    void start() throws Exception {
        harness = OperatorHarness.start(EmulatorConfig.builder().seed(EmulatorSeed.brownfield()).build());
        sf = new EmulatorRest(harness.emulator());
        AllowedNamespaces allowed = new AllowedNamespaces();
        allowed.setNames(List.of("team-a"));
        harness.clusterOrg("shared", allowed, null);
        harness.awaitClusterCondition(ClusterSalesforceOrg.class, "shared", "Ready", "True", null);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aClusterOrgIsExportedForTheNamespaceAskedFor(@TempDir Path dir) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: t, cluster: {server: %s}}]
                users: [{name: t, user: {}}]
                contexts: [{name: t, context: {cluster: t, user: t, namespace: default}}]
                current-context: t
                """.formatted(harness.client().getMasterUrl()));
        Path out = dir.resolve("out");
        long writes = sf.writeCalls();

        assertThat(ExportCommand.run("--cluster-org", "shared", "--kubeconfig", kubeconfig.toString(), "--out", out.toString()))
                .as("--cluster-org without --namespace").isEqualTo(2);
        assertThat(ExportCommand.run("--cluster-org", "shared", "--namespace", "team-a", "--kubeconfig", kubeconfig.toString(),
                "--out", out.toString(), "--trusted-url", harness.emulator().baseUrl(),
                "--cluster-secrets-namespace", OperatorHarness.CLUSTER_SECRETS_NAMESPACE)).isZero();

        String erp = Files.readString(out.resolve("20-integrationuser-erp-sync.yaml"));
        assertThat(erp).contains("  namespace: team-a\n").contains("  orgRef:\n    kind: ClusterSalesforceOrg\n    name: shared\n");
        assertThat(sf.writeCalls() - writes).as("an export writes nothing").isZero();
        // the same through the HTTP API's resource (GET /api/v1/export/team-a/shared?kind=ClusterSalesforceOrg)
        ExportResource api = new ExportResource(harness.client(), harness.components().clients(),
                new io.sfintegration.controller.ClusterOrgs(OperatorHarness.CLUSTER_SECRETS_NAMESPACE), java.time.Clock.systemUTC());
        assertThat(api.export("team-a", "shared", "ClusterSalesforceOrg"))
                .contains("  namespace: team-a\n").contains("  orgRef:\n    kind: ClusterSalesforceOrg\n    name: shared\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> api.export("team-a", "shared", null))
                .isInstanceOf(jakarta.ws.rs.NotFoundException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> api.export("team-a", "shared", "Org"))
                .isInstanceOf(jakarta.ws.rs.BadRequestException.class);
        assertThat(sf.writeCalls() - writes).as("an export writes nothing").isZero();
        // the credentials come from the cluster-secrets namespace only: elsewhere the Secret is not found
        assertThat(ExportCommand.run("--cluster-org", "shared", "--namespace", "team-a", "--kubeconfig", kubeconfig.toString(),
                "--out", dir.resolve("none").toString(), "--trusted-url", harness.emulator().baseUrl(),
                "--cluster-secrets-namespace", "team-a")).isEqualTo(1);
    }
}
