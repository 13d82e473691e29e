package io.sfintegration.controller;

import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.api.v1alpha1.SalesforceOrgStatus;
import io.sfintegration.controller.status.StatusConditions;
import io.sfintegration.salesforce.ApiLimit;
import io.sfintegration.salesforce.License;
import io.sfintegration.salesforce.LicenseKind;
import io.sfintegration.salesforce.OrgSnapshot;
import io.sfintegration.salesforce.SalesforceClient;
import io.sfintegration.salesforce.SalesforceClients;
import io.sfintegration.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Cheap no-ops: what the org catalog keeps, and that a reconcile reads credentials only when it calls Salesforce. */
class OrgAccessTest {

    @Test
    void openingAKnownOrgReadsNoSecretUntilTheClientIsUsed() throws Exception {
        AtomicInteger built = new AtomicInteger();
        SalesforceClients clients = new SalesforceClients() {
            @Override
            public SalesforceClient forOrg(SalesforceOrg org) {
                built.incrementAndGet();
                return (SalesforceClient) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[]{SalesforceClient.class}, (proxy, method, args) -> null);
            }

            @Override
            public void forget(SalesforceOrg org) {
            }
        };
        OrgCatalog catalog = new OrgCatalog(Clock.systemUTC());
        catalog.put(OrgCatalog.key("default", "org"), snapshot(List.of()));
        SalesforceOrg org = readyOrg();
        OrgDirectory directory = new OrgDirectory() {
            @Override
            public java.util.Optional<SalesforceOrg> namespaced(String namespace, String name) {
                return "default".equals(namespace) && "org".equals(name) ? java.util.Optional.of(org) : java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<io.sfintegration.api.v1alpha1.ClusterSalesforceOrg> cluster(String name) {
                return java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<io.fabric8.kubernetes.api.model.Namespace> namespace(String name) {
                return java.util.Optional.empty();
            }
        };
        OrgAccess access = new OrgGate(clients, catalog, new ClusterOrgs("default"))
                .admit("default", new io.sfintegration.api.v1alpha1.OrgReference("org"), directory, o -> java.util.Optional.empty());
        assertThat(access.snapshot().orgId()).isEqualTo("00D5g0000000001EAA");
        assertThat(built).as("credentials read for a no-op").hasValue(0);
        access.client();
        access.client();
        assertThat(built).hasValue(1);
    }

    @Test
    void thePeriodicRefreshKeepsWhatNarrowerReadsAdded() {
        OrgCatalog catalog = new OrgCatalog(Clock.systemUTC());
        String key = OrgCatalog.key("default", "org");
        License integration = new License("0PL1", "Salesforce API Integration", "SalesforceAPIIntegrationPsl", LicenseKind.PERMISSION_SET, 5, 1);
        License other = new License("0PL2", "CRM Analytics", "EinsteinAnalyticsPsl", LicenseKind.PERMISSION_SET, 10, 3);
        catalog.put(key, snapshot(List.of(integration)));
        catalog.merge(key, snapshot(List.of(other)));
        catalog.refresh(key, snapshot(List.of(new License("0PL1", "Salesforce API Integration", "SalesforceAPIIntegrationPsl",
                LicenseKind.PERMISSION_SET, 5, 2))));
        OrgSnapshot now = catalog.snapshot(key).orElseThrow();
        assertThat(now.license(LicenseKind.PERMISSION_SET, "CRM Analytics")).as("kept").isPresent();
        assertThat(now.license(LicenseKind.PERMISSION_SET, "Salesforce API Integration").orElseThrow().used()).as("updated").isEqualTo(2);
    }

    @Test
    void permissionSetIdsAreLookedUpAgainAfterAnHour() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));
        OrgCatalog catalog = new OrgCatalog(clock);
        catalog.rememberPermissionSet("k", "Reports", "0PS1");
        assertThat(catalog.permissionSetId("k", "reports")).contains("0PS1");
        clock.advance(OrgCatalog.PERMISSION_SET_ID_TTL.plus(Duration.ofSeconds(1)));
        assertThat(catalog.permissionSetId("k", "Reports")).isEmpty();
        catalog.rememberPermissionSet("k", "Reports", "0PS2");
        catalog.forgetPermissionSet("k", "REPORTS");
        assertThat(catalog.permissionSetId("k", "Reports")).isEmpty();
    }

    private static OrgSnapshot snapshot(List<License> licenses) {
        return new OrgSnapshot("00D5g0000000001EAA", "Acme", "0055g0000000001AAA", new ApiLimit(1, 100), licenses, List.of());
    }

    private static SalesforceOrg readyOrg() {
        SalesforceOrg org = new SalesforceOrg();
        org.getMetadata().setName("org");
        org.getMetadata().setNamespace("default");
        org.getMetadata().setGeneration(1L);
        SalesforceOrgStatus status = new SalesforceOrgStatus();
        new StatusConditions(Clock.systemUTC()).set(status, 1, "Ready", true, "Available", "ok");
        org.setStatus(status);
        return org;
    }
}
