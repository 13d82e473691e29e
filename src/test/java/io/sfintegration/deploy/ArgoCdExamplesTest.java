package io.sfintegration.deploy;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The example Argo CD resources order the kinds org, then permission sets, then users. */
class ArgoCdExamplesTest {

    private static final String WAVE = "argocd.argoproj.io/sync-wave";

    @Test
    void syncWavesOrderOrgThenPermissionSetsThenUsers() {
        var docs = ChartFiles.documents(ChartFiles.read(ChartFiles.PROJECT.resolve("deploy/argocd/salesforce-resources.yaml")));
        Map<String, Integer> waves = docs.stream().collect(Collectors.toMap(
                d -> d.path("kind").asText(),
                d -> Integer.parseInt(d.path("metadata").path("annotations").path(WAVE).asText())));
        assertThat(waves.get("SalesforceOrg")).isLessThan(waves.get("PermissionSet"));
        assertThat(waves.get("PermissionSet")).isLessThan(waves.get("IntegrationUser"));
    }

    @Test
    void operatorApplicationPointsAtTheChartAndComesFirst() {
        var apps = ChartFiles.documents(ChartFiles.read(ChartFiles.PROJECT.resolve("deploy/argocd/application.yaml")));
        assertThat(apps).allSatisfy(app -> assertThat(app.path("kind").asText()).isEqualTo("Application"));
        var operator = apps.get(0);
        assertThat(operator.at("/spec/source/path").asText()).isEqualTo("helm/integration-user-operator");
        assertThat(Integer.parseInt(operator.at("/metadata/annotations").path(WAVE).asText())).isNegative();
        assertThat(operator.at("/spec/syncPolicy/syncOptions").toString()).contains("ServerSideApply=true");
    }
}
