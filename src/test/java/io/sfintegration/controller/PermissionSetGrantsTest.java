package io.sfintegration.controller;

import io.sfintegration.api.v1alpha1.AdoptionPolicy;
import io.sfintegration.api.v1alpha1.GrantedSetupEntity;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.testing.EmulatorRest;
import io.sfintegration.testing.OperatorHarness;
import io.sfintegration.testing.Resources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Issue 19, item 1: connected apps, Apex classes and custom permissions of a PermissionSet as SetupEntityAccess rows. */
class PermissionSetGrantsTest {

    static final String GRANTED = "SELECT SetupEntityId, SetupEntityType FROM SetupEntityAccess WHERE Parent.Name = 'Billing_Grants'";

    OperatorHarness harness;
    EmulatorRest sf;

    @BeforeEach
    void start() throws Exception {
        harness = OperatorHarness.start();
        sf = new EmulatorRest(harness.emulator());
        harness.createOrg();
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void grantsWhatTheSpecListsShowsItInStatusAndFollowsSpecChanges() {
        PermissionSet ps = billing();
        harness.create(ps);
        PermissionSet ready = harness.awaitCondition(PermissionSet.class, "billing", "Ready", "True");

        String app = id("SELECT Id FROM ConnectedApplication WHERE Name = 'Billing_Integration'");
        String invoice = id("SELECT Id FROM ApexClass WHERE Name = 'InvoiceService'");
        String sync = id("SELECT Id FROM ApexClass WHERE Name = 'SyncApi' AND NamespacePrefix = 'acme'");
        String export = id("SELECT Id FROM CustomPermission WHERE DeveloperName = 'Export_Invoices'");
        assertThat(sf.query(GRANTED)).extracting(r -> r.path("SetupEntityType").asText() + ":" + r.path("SetupEntityId").asText())
                .containsExactlyInAnyOrder("ConnectedApplication:" + app, "ApexClass:" + invoice, "ApexClass:" + sync, "CustomPermission:" + export);
        assertThat(ready.getStatus().getGrants()).containsExactlyInAnyOrder(
                new GrantedSetupEntity("ConnectedApplication", "Billing_Integration", app),
                new GrantedSetupEntity("ApexClass", "InvoiceService", invoice),
                new GrantedSetupEntity("ApexClass", "acme__SyncApi", sync),
                new GrantedSetupEntity("CustomPermission", "Export_Invoices", export));

        harness.edit(PermissionSet.class, "billing", changed -> {
            changed.getSpec().setApexClasses(new ArrayList<>(List.of("LedgerExport")));
            changed.getSpec().setCustomPermissions(new ArrayList<>());
        });
        String ledger = id("SELECT Id FROM ApexClass WHERE Name = 'LedgerExport'");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(sf.query(GRANTED))
                .extracting(r -> r.path("SetupEntityId").asText()).containsExactlyInAnyOrder(app, ledger));
    }

    @Test
    void aNameTheOrgDoesNotHaveIsNotFoundAndNothingIsWritten() {
        PermissionSet ps = billing();
        ps.getSpec().setApexClasses(new ArrayList<>(List.of("InvoiceService", "NoSuchClass")));
        ps.getSpec().setCustomPermissions(new ArrayList<>(List.of("acme__Nope")));
        harness.create(ps);
        PermissionSet refused = harness.awaitCondition(PermissionSet.class, "billing", "Ready", "False", "NotFound");
        assertThat(refused.getStatus().condition("Ready").orElseThrow().getMessage())
                .contains("Apex class NoSuchClass").contains("custom permission acme__Nope").doesNotContain("InvoiceService");
        assertThat(sf.query("SELECT Id FROM PermissionSet WHERE Name = 'Billing_Grants'")).as("no partial write").isEmpty();
    }

    @Test
    void rowsOfASetTheOperatorDoesNotOwnAreLeftAlone() {
        String set = sf.create("PermissionSet", Map.of("Name", "Billing_Grants", "Label", "Made by a person"));
        String custom = id("SELECT Id FROM CustomPermission WHERE DeveloperName = 'Bypass_Validation'");
        String row = sf.create("SetupEntityAccess", Map.of("ParentId", set, "SetupEntityId", custom));
        PermissionSet ps = billing();
        ps.getSpec().setAdoption(AdoptionPolicy.Never);
        harness.create(ps);
        harness.awaitCondition(PermissionSet.class, "billing", "Ready", "False", "AdoptionRefused");
        assertThat(sf.query(GRANTED)).extracting(r -> r.path("SetupEntityId").asText()).containsExactly(custom);
        assertThat(sf.query("SELECT Id FROM SetupEntityAccess WHERE Id = '" + row + "'")).hasSize(1);
    }

    static PermissionSet billing() {
        PermissionSet ps = Resources.permissionSet("billing", "Billing_Grants");
        ps.getSpec().setConnectedApps(new ArrayList<>(List.of("Billing_Integration")));
        ps.getSpec().setApexClasses(new ArrayList<>(List.of("InvoiceService", "acme__SyncApi")));
        ps.getSpec().setCustomPermissions(new ArrayList<>(List.of("Export_Invoices")));
        return ps;
    }

    private String id(String soql) {
        return sf.one(soql).path("Id").asText();
    }
}
