package io.sfintegration.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.ManagementPolicy;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.sfintegration.testing.OperatorHarness.NAMESPACE;
import static io.sfintegration.testing.OperatorHarness.ORG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20's round trip on the brownfield org: export, apply to the embedded Kubernetes API (which enforces the CRDs'
 * schemas and CEL rules, as in local mode), and every resource is observed with an empty plan, with no Salesforce write.
 */
class ExportRoundTripTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    OperatorHarness harness;
    EmulatorRest sf;

    @BeforeEach
    void start() throws Exception {
        harness = OperatorHarness.start(EmulatorConfig.builder().seed(EmulatorSeed.brownfield()).build());
        sf = new EmulatorRest(harness.emulator());
        harness.createOrg();
        harness.awaitCondition(SalesforceOrg.class, ORG, "Ready", "True");
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void exportApplyAndEveryPlanIsEmpty(@TempDir Path dir) throws Exception {
        long writesBefore = sf.writeCalls();
        // through the HTTP API's resource class, with the operator's own client for the org
        String yaml = new ExportResource(harness.client(), harness.components().clients(), new io.sfintegration.controller.ClusterOrgs("unused"), Clock.systemUTC()).export(NAMESPACE, ORG, null);
        List<OrgExporter.Exported> exported = OrgExporter.export(harness.components().clients().forOrg(harness.get(SalesforceOrg.class, ORG)),
                NAMESPACE, ORG, Instant.now());
        assertThat(OrgExporter.join(exported)).isEqualTo(yaml);

        // who is exported, by the rules; people and the operator's own user are not
        assertThat(exported).filteredOn(e -> e.kind().equals("IntegrationUser")).extracting(OrgExporter.Exported::name)
                .containsExactlyInAnyOrder("billing-api", "erp-sync", "legacy-etl", "marketing-sync", "old-reporting");
        assertThat(exported).filteredOn(e -> e.kind().equals("PermissionSet")).extracting(OrgExporter.Exported::name)
                .containsExactlyInAnyOrder("billing-read", "legacy-integration", "marketing-export");
        assertThat(yaml).contains("shared by 2 integrations (SAP Connector, Snowflake Loader)")
                .contains("profile System Administrator is an admin profile")
                .contains("user licence Salesforce is a full licence")
                .contains("remove ModifyAllData, PasswordNeverExpires, ViewAllData from userPermissions")
                .contains("unused: last login")
                .doesNotContain("jane.doe").doesNotContain("setup.admin").doesNotContain("status:");

        ExportCommand.write(dir, exported);
        List<Path> files;
        try (var list = Files.list(dir)) {
            files = list.sorted().toList();
        }
        assertThat(files).hasSize(8);
        assertThat(files.get(0).getFileName().toString()).startsWith("10-permissionset-");

        // apply, as kubectl apply -f dir would, in file order
        for (Path file : files) {
            String text = Files.readString(file);
            Class<? extends HasMetadata> kind = text.contains("\nkind: PermissionSet") ? PermissionSet.class : IntegrationUser.class;
            harness.create(YAML.readValue(text, kind));
        }
        List<String> notEmpty = new ArrayList<>();
        for (OrgExporter.Exported e : exported) {
            var resource = e.kind().equals("PermissionSet")
                    ? harness.awaitCondition(PermissionSet.class, e.name(), "Planned", "False")
                    : harness.awaitCondition(IntegrationUser.class, e.name(), "Planned", "False");
            assertThat(resource.getStatus().condition("Ready").get().getReason()).as(e.name()).isEqualTo("Observed");
            if (resource.getStatus() instanceof io.sfintegration.api.v1alpha1.IntegrationUserStatus s && s.getPlan() != null) {
                notEmpty.add(e.name() + ": " + s.getPlan());
            }
        }
        assertThat(notEmpty).isEmpty();
        assertThat(harness.get(IntegrationUser.class, "erp-sync").getSpec().getManagementPolicy()).isEqualTo(ManagementPolicy.Observe);
        assertThat(sf.writeCalls()).as("export and observe write nothing").isEqualTo(writesBefore);
    }
}
