package io.sfintegration.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** deploy/operator.yaml must be exactly what the chart renders with default values (plus Namespace and CRDs). */
class PlainManifestsTest {

    @Test
    void operatorYamlMatchesTheChart() throws IOException {
        String expected = PlainManifests.generate();
        if (Boolean.getBoolean("deploy.regenerate")) {
            Files.writeString(ChartFiles.OPERATOR_YAML, expected);
        }
        String actual = Files.exists(ChartFiles.OPERATOR_YAML) ? Files.readString(ChartFiles.OPERATOR_YAML) : "";
        if (!expected.equals(actual)) {
            var generated = ChartFiles.PROJECT.resolve("target/deploy/operator.yaml");
            Files.createDirectories(generated.getParent());
            Files.writeString(generated, expected);
            fail("deploy/operator.yaml differs from the chart rendering (written to " + generated + ").\n"
                    + "Regenerate it with: ./mvnw test -Dtest=PlainManifestsTest -Ddeploy.regenerate=true\n"
                    + "or: cp target/deploy/operator.yaml deploy/operator.yaml");
        }
    }

    @Test
    void kustomizationAppliesTheOperatorYaml() {
        var kustomization = ChartFiles.readYaml(ChartFiles.PROJECT.resolve("deploy/kustomization.yaml"));
        assertThat(kustomization.path("resources").toString()).contains("operator.yaml");
    }

    @Test
    void operatorYamlHoldsEveryPieceForKubectlApply() {
        var docs = ChartFiles.documents(ChartFiles.read(ChartFiles.OPERATOR_YAML));
        assertThat(docs).extracting(d -> d.path("kind").asText())
                .contains("Namespace", "CustomResourceDefinition", "ServiceAccount", "ClusterRole",
                        "ClusterRoleBinding", "Role", "RoleBinding", "Deployment", "Service");
        assertThat(ChartFiles.ofKind(docs, "CustomResourceDefinition")).hasSize(5);
        assertThat(ChartFiles.read(ChartFiles.OPERATOR_YAML)).doesNotContain("helm.sh/chart", "managed-by: Helm");
    }
}
