package io.sfintegration.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Argo CD health check shipped with the chart, run with LuaJ against status samples of the three kinds. */
class ArgoHealthLuaTest {

    private static final Path ARGOCD = ChartFiles.CHART.resolve("argocd");
    private static final Path FIXTURES = ChartFiles.PROJECT.resolve("src/test/resources/argocd");
    private static final List<String> KINDS = List.of("SalesforceOrg", "PermissionSet", "PermissionSetGroup", "IntegrationUser");
    private static final Map<String, String> CRD_FILES = Map.of(
            "SalesforceOrg", "salesforceorgs.sfintegration.io-v1.yml",
            "PermissionSet", "permissionsets.sfintegration.io-v1.yml",
            "IntegrationUser", "integrationusers.sfintegration.io-v1.yml");

    private final ArgoHealthLua health = new ArgoHealthLua(ChartFiles.read(ARGOCD.resolve("health.lua")));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            salesforceorg-no-status.yaml                 | Progressing | Waiting for the operator to report status
            salesforceorg-ready.yaml                     | Healthy     | ReconcileSuccess: Connected to org 00D5g000000XyZ1EAK as integration@example.com
            salesforceorg-old-generation.yaml            | Progressing | Waiting for the operator to reconcile generation 4
            salesforceorg-auth-failed.yaml               | Degraded    | AuthenticationFailed: JWT bearer flow rejected: invalid_grant (user hasn't approved this consumer)
            salesforceorg-unreachable.yaml               | Progressing | Unreachable: Connection to https://example.my.salesforce.com timed out; retrying
            permissionset-org-not-ready.yaml             | Progressing | OrgNotReady: SalesforceOrg prod is not Ready
            permissionset-ready.yaml                     | Healthy     | ReconcileSuccess: Permission set Orders_API is in sync
            permissionset-rejected.yaml                  | Degraded    | RejectedBySalesforce: FIELD_INTEGRITY_EXCEPTION: Permission ModifyAllData is not allowed for the Salesforce API Integration licence
            permissionset-status-generation-only.yaml    | Healthy     | ReconcileSuccess: Permission set Orders_API is in sync
            integrationuser-empty-conditions.yaml        | Progressing | Waiting for the Ready condition
            integrationuser-permissionset-not-ready.yaml | Progressing | PermissionSetNotReady: PermissionSet orders-api is not Ready
            integrationuser-license-limit.yaml           | Progressing | LicenseLimitExceeded: No Salesforce Integration licence left (5 of 5 used)
            integrationuser-ready.yaml                   | Healthy     | ReconcileSuccess: User orders-sync@example.com is in sync
            integrationuser-reconciling.yaml             | Progressing | Reconciling: Assigning permission sets
            integrationuser-username-taken.yaml          | Degraded    | UsernameTaken: Username orders-sync@example.com is taken in another org
            """)
    void healthOfStatusSample(String fixture, String status, String message) {
        var result = health.evaluate(ChartFiles.readYaml(FIXTURES.resolve(fixture)));
        assertThat(result.status()).isEqualTo(status);
        assertThat(result.message()).isEqualTo(message);
    }

    @Test
    void fixturesHaveTheStatusShapeOfTheCrds() {
        var factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        for (Path fixture : ChartFiles.crdFiles(FIXTURES)) {
            JsonNode resource = ChartFiles.readYaml(fixture);
            String kind = resource.path("kind").asText();
            assertThat(KINDS).as(fixture.toString()).contains(kind);
            JsonNode status = resource.path("status");
            if (status.isMissingNode()) {
                continue;
            }
            JsonNode crd = ChartFiles.readYaml(ChartFiles.CRDS.resolve(CRD_FILES.get(kind)));
            JsonNode statusSchema = crd.at("/spec/versions/0/schema/openAPIV3Schema/properties/status");
            // the generated schemas allow unknown fields (the API server prunes them), so check the names too
            status.fieldNames().forEachRemaining(field ->
                    assertThat(statusSchema.path("properties").has(field)).as(fixture + ": status." + field).isTrue());
            var errors = factory.getSchema(statusSchema).validate(status);
            assertThat(errors).as(fixture.toString()).isEmpty();
        }
    }
}
