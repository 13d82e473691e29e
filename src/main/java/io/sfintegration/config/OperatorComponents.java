package io.sfintegration.config;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.micrometer.core.instrument.MeterRegistry;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.ClusterOrgs;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.org.ClusterSalesforceOrgReconciler;
import io.sfintegration.controller.ownership.Installation;
import io.sfintegration.controller.ResyncRequests;
import io.sfintegration.controller.org.OrgSettings;
import io.sfintegration.controller.org.SalesforceOrgReconciler;
import io.sfintegration.controller.permissionset.PermissionSetReconciler;
import io.sfintegration.controller.permissionsetgroup.PermissionSetGroupReconciler;
import io.sfintegration.controller.user.IntegrationUserReconciler;
import io.sfintegration.salesforce.SalesforceClients;

import java.time.Clock;
import java.util.List;

/**
 * The operator's parts wired by hand, for tests and benchmarks that run the controllers on a plain JOSDK Operator.
 * In the application, CDI wires the same parts ({@link OperatorBeans}).
 */
public final class OperatorComponents implements AutoCloseable {

    private final KubernetesClient kubernetes;
    private final SalesforceClients clients;
    private final MeterRegistry meters;
    private final Clock clock;
    private final OrgCatalog catalog;
    private final EventRecorder events;
    private final ResyncRequests resync;
    private final OrgSettings orgSettings;
    private final Installation installation;
    private final ClusterOrgs clusterOrgs;

    public OperatorComponents(KubernetesClient kubernetes, SalesforceClients clients, MeterRegistry meters, Clock clock, OrgSettings orgSettings) {
        this(kubernetes, clients, meters, clock, orgSettings, new Installation("harness"));
    }

    public OperatorComponents(KubernetesClient kubernetes, SalesforceClients clients, MeterRegistry meters, Clock clock, OrgSettings orgSettings,
                              Installation installation) {
        this(kubernetes, clients, meters, clock, orgSettings, installation, new ClusterOrgs(ClusterOrgs.DEFAULT_SECRETS_NAMESPACE));
    }

    public OperatorComponents(KubernetesClient kubernetes, SalesforceClients clients, MeterRegistry meters, Clock clock, OrgSettings orgSettings,
                              Installation installation, ClusterOrgs clusterOrgs) {
        this.clusterOrgs = clusterOrgs;
        this.installation = installation;
        this.kubernetes = kubernetes;
        this.clients = clients;
        this.meters = meters;
        this.clock = clock;
        this.orgSettings = orgSettings;
        this.catalog = new OrgCatalog(clock);
        this.events = new EventRecorder(kubernetes, clock, null, clusterOrgs.secretsNamespace());
        this.resync = new ResyncRequests();
    }

    public List<Reconciler<?>> reconcilers() {
        return List.of(
                new SalesforceOrgReconciler(clients, catalog, events, clock, orgSettings),
                new ClusterSalesforceOrgReconciler(clients, catalog, events, clock, orgSettings, clusterOrgs, java.util.Set.of()),
                new PermissionSetReconciler(clients, catalog, events, resync, clock, kubernetes, installation, clusterOrgs),
                new PermissionSetGroupReconciler(clients, catalog, events, clock, kubernetes, installation, clusterOrgs),
                new IntegrationUserReconciler(clients, catalog, events, resync, clock, kubernetes, installation, clusterOrgs));
    }

    public Installation installation() {
        return installation;
    }

    public KubernetesClient kubernetes() {
        return kubernetes;
    }

    public SalesforceClients clients() {
        return clients;
    }

    public MeterRegistry meters() {
        return meters;
    }

    public Clock clock() {
        return clock;
    }

    public OrgCatalog catalog() {
        return catalog;
    }

    public EventRecorder events() {
        return events;
    }

    public ResyncRequests resync() {
        return resync;
    }

    @Override
    public void close() {
        if (clients instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
