package io.sfintegration.controller.org;

import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.sfintegration.api.v1alpha1.ClusterSalesforceOrg;
import io.sfintegration.controller.ClusterOrgs;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.salesforce.SalesforceClients;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Connects a ClusterSalesforceOrg exactly as a SalesforceOrg is connected ({@link OrgConnection}), through its view:
 * credentials from the cluster-secrets namespace, status and Events on the cluster object. Its dependents are the
 * resources of any namespace that name it with orgRef.kind ClusterSalesforceOrg.
 */
@ControllerConfiguration(name = "clustersalesforceorg")
public class ClusterSalesforceOrgReconciler implements Reconciler<ClusterSalesforceOrg>, Cleaner<ClusterSalesforceOrg> {

    private final OrgConnection connection;
    private final ClusterOrgs clusterOrgs;
    private final Set<String> dependentNamespaces;
    private volatile OrgUsers<ClusterSalesforceOrg> users;

    @Inject
    public ClusterSalesforceOrgReconciler(SalesforceClients clients, OrgCatalog catalog, EventRecorder events, Clock clock,
                                          OrgSettings settings, ClusterOrgs clusterOrgs,
                                          @ConfigProperty(name = "quarkus.operator-sdk.namespaces") Optional<List<String>> watched) {
        this(clients, catalog, events, clock, settings, clusterOrgs, watched.map(Set::copyOf).orElse(Set.of()));
    }

    /**
     * @param dependentNamespaces where the users and permission sets that use a cluster org are read: the namespaces
     *                            the other controllers watch (empty, or JOSDK_ALL_NAMESPACES: all). This controller
     *                            itself watches cluster-wide, and a namespace-scoped install may not list elsewhere.
     */
    public ClusterSalesforceOrgReconciler(SalesforceClients clients, OrgCatalog catalog, EventRecorder events, Clock clock,
                                          OrgSettings settings, ClusterOrgs clusterOrgs, Set<String> dependentNamespaces) {
        this.connection = new OrgConnection(clients, catalog, events, clock, settings);
        this.clusterOrgs = clusterOrgs;
        this.dependentNamespaces = dependentNamespaces.contains(Constants.WATCH_ALL_NAMESPACES) ? Set.of() : Set.copyOf(dependentNamespaces);
    }

    @Override
    public List<EventSource<?, ClusterSalesforceOrg>> prepareEventSources(EventSourceContext<ClusterSalesforceOrg> context) {
        users = new OrgUsers<>(context, ClusterSalesforceOrg.class, true, dependentNamespaces);
        return users.eventSources();
    }

    @Override
    public UpdateControl<ClusterSalesforceOrg> reconcile(ClusterSalesforceOrg org, Context<ClusterSalesforceOrg> context) {
        return connection.reconcile(org, clusterOrgs.view(org), OrgUsers.of(users, org));
    }

    @Override
    public DeleteControl cleanup(ClusterSalesforceOrg org, Context<ClusterSalesforceOrg> context) {
        return connection.cleanup(org, clusterOrgs.view(org), OrgUsers.of(users, org), context);
    }
}
