package io.sfintegration.drift;

import io.sfintegration.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sfintegration.api.v1alpha1.DriftPolicy;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.ResyncRequests;
import io.sfintegration.deploy.ChartFiles;
import io.sfintegration.salesforce.SalesforceClient;
import io.sfintegration.salesforce.SalesforceClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.sfintegration.drift.DriftFixture.NS;
import static io.sfintegration.drift.DriftFixture.ORG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart installed for a few namespaces ({@code watchNamespaces}): the RBAC it renders allows no cluster-wide list,
 * and the API server here answers such lists with 403 as a real one would. The drift scan follows the controllers'
 * namespaces, reads from their informer caches, and scans.
 */
@EnableKubernetesMockClient(crud = true)
class NamespaceScopedDriftTest {

    static final List<String> KINDS = List.of("salesforceorgs", "integrationusers", "permissionsets");

    KubernetesClient kube;
    KubernetesMockServer server;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T01:00:00Z"));
    final FakeSalesforceClient salesforce = new FakeSalesforceClient(DriftFixture.snapshot());
    final OrgCatalog catalog = new OrgCatalog(clock);
    final DriftReport report = new DriftReport();
    Set<String> watched;
    Operator operator;

    @BeforeEach
    void installedForTwoNamespaces() {
        List<JsonNode> docs = ChartFiles.documents(ChartFiles.render(Map.of("watchNamespaces[0]", NS, "watchNamespaces[1]", "team-b")));
        // what the chart lets the operator list: no ClusterRole bound to it grants our kinds (the tenant roles it ships
        // are bound to nobody), a Role in each watched namespace does
        Set<String> boundClusterRoles = ChartFiles.ofKind(docs, "ClusterRoleBinding").stream()
                .map(b -> b.at("/roleRef/name").asText()).collect(Collectors.toSet());
        assertThat(ChartFiles.ofKind(docs, "ClusterRole"))
                .filteredOn(r -> boundClusterRoles.contains(r.at("/metadata/name").asText()))
                .noneMatch(r -> KINDS.stream().anyMatch(kind -> grantsList(r, kind)));
        Set<String> listable = ChartFiles.ofKind(docs, "Role").stream()
                .filter(r -> KINDS.stream().allMatch(kind -> grantsList(r, kind)))
                .map(r -> r.at("/metadata/namespace").asText()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(listable).containsExactly(NS, "team-b");
        for (String kind : KINDS) {
            server.expect().get().withPath("/apis/sfintegration.io/v1alpha1/" + kind)
                    .andReturn(403, Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure", "reason", "Forbidden", "code", 403,
                            "message", kind + " is forbidden: cannot list resource \"" + kind + "\" at the cluster scope"))
                    .always();
        }
        // the namespaces the chart hands the operator
        watched = new TreeSet<>(Arrays.asList(envValue(docs, "QUARKUS_OPERATOR_SDK_NAMESPACES").split(",")));

        DriftFixture.createAll(kube, DriftFixture.org(DriftPolicy.Report, "10m"), DriftFixture.user(null), DriftFixture.permissionSet(null));
        salesforce.users.put(DriftFixture.USER_ID, DriftFixture.userState("owner@acme.example", false, true));
        salesforce.permissionSets.put(DriftFixture.PS_NAME.toLowerCase(java.util.Locale.ROOT), DriftFixture.permissionSetState(Set.of("ApiEnabled")));
        catalog.put(OrgCatalog.key(NS, ORG), DriftFixture.snapshot());
    }

    @AfterEach
    void stopOperator() {
        if (operator != null) {
            operator.stop();
        }
    }

    static boolean grantsList(JsonNode role, String resource) {
        for (JsonNode rule : role.path("rules")) {
            if (rule.path("resources").toString().contains("\"" + resource + "\"") && rule.path("verbs").toString().contains("\"list\"")) {
                return true;
            }
        }
        return false;
    }

    static String envValue(List<JsonNode> docs, String name) {
        for (JsonNode e : ChartFiles.ofKind(docs, "Deployment").get(0).at("/spec/template/spec/containers/0/env")) {
            if (name.equals(e.path("name").asText())) {
                return e.path("value").asText();
            }
        }
        throw new AssertionError(name + " not set");
    }

    DriftScanner scanner(ScannedResources resources) {
        SalesforceClients clients = new SalesforceClients() {
            @Override
            public SalesforceClient forOrg(SalesforceOrg org) {
                return salesforce;
            }

            @Override
            public void forget(SalesforceOrg org) {
            }
        };
        return new DriftScanner(kube, clients, catalog, new ResyncRequests(), new EventRecorder(kube, clock), new SimpleMeterRegistry(),
                clock, DriftScanSettings.defaults(), report, () -> true, resources);
    }

    @Test
    void listingAcrossAllNamespacesIsForbiddenSoTheOldScanNeverRan() {
        DriftScanner clusterWide = scanner(ScannedResources.apiServer(kube, Set.of()));
        clusterWide.scanDueOrgs();
        assertThat(salesforce.calls.get()).isZero();
        assertThat(report.org(NS, ORG)).isEmpty();
    }

    @Test
    void theScanFollowsTheControllersNamespacesAndReadsTheirCaches() {
        // SSA off: this test needs fabric8's plain mock server (to answer 403 to cluster-wide lists), which answers 415
        // to apply patches
        operator = new Operator(o -> o.withKubernetesClient(kube).withUseSSAToPatchPrimaryResource(false)
                .withCloseClientOnStop(false).withStopOnInformerErrorDuringStartup(true));
        String[] namespaces = watched.toArray(String[]::new);
        operator.register(new Orgs(), o -> o.settingNamespaces(namespaces));
        operator.register(new Users(), o -> o.settingNamespaces(namespaces));
        operator.register(new Sets(), o -> o.settingNamespaces(namespaces));
        operator.start();
        // from here on a plain list in a watched namespace fails too (403: the client does not retry it): what the scan reads must come from the caches
        // (the informers list with query parameters, which these expectations do not match)
        for (String kind : KINDS) {
            server.expect().get().withPath("/apis/sfintegration.io/v1alpha1/namespaces/" + NS + "/" + kind)
                    .andReturn(403, Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure", "code", 403,
                            "message", "the drift scan must not list " + kind + " from the API server"))
                    .always();
        }
        assertThatThrownBy(() -> kube.resources(IntegrationUser.class).inNamespace(NS).list())
                .isInstanceOf(io.fabric8.kubernetes.client.KubernetesClientException.class);

        ScannedResources resources = new ScannedResources(kube, Set.of(), operator::getRegisteredControllers);
        assertThat(resources.namespaces()).containsExactlyInAnyOrder(NS, "team-b");
        assertThat(List.of(SalesforceOrg.class, IntegrationUser.class, PermissionSet.class))
                .allSatisfy(kind -> assertThat(resources.cached(kind, NS)).as(kind.getSimpleName()).isTrue());
        assertThat(resources.cached(SalesforceOrg.class, "elsewhere")).as("a namespace the controllers do not watch").isFalse();

        DriftScanner scanner = scanner(resources);
        scanner.scanDueOrgs();

        assertThat(report.org(NS, ORG)).hasValueSatisfying(o -> assertThat(o.scan().lastOutcome()).isEqualTo(ScanOutcome.FULL));
        assertThat(salesforce.calls.get()).as("users, permission sets, inventory").isEqualTo(3);
    }

    static final class Orgs implements Reconciler<SalesforceOrg> {
        @Override
        public UpdateControl<SalesforceOrg> reconcile(SalesforceOrg resource, Context<SalesforceOrg> context) {
            return UpdateControl.noUpdate();
        }
    }

    static final class Users implements Reconciler<IntegrationUser> {
        @Override
        public UpdateControl<IntegrationUser> reconcile(IntegrationUser resource, Context<IntegrationUser> context) {
            return UpdateControl.noUpdate();
        }
    }

    static final class Sets implements Reconciler<PermissionSet> {
        @Override
        public UpdateControl<PermissionSet> reconcile(PermissionSet resource, Context<PermissionSet> context) {
            return UpdateControl.noUpdate();
        }
    }
}
