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
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;

/**
 * Connects a ClusterSalesforceOrg exactly as a SalesforceOrg is connected ({@link OrgConnection}), through its view:
 * credentials from the cluster-secrets namespace, status and Events on the cluster object. Its dependents are the
 * resources of any namespace that name it with orgRef.kind ClusterSalesforceOrg.
 */
@ControllerConfiguration(name = "clustersalesforceorg")
public class ClusterSalesforceOrgReconciler implements Reconciler<ClusterSalesforceOrg>, Cleaner<ClusterSalesforceOrg> {

    private final OrgConnection connection;
    private final ClusterOrgs clusterOrgs;
    private volatile OrgUsers<ClusterSalesforceOrg> users;

    @Inject
    public ClusterSalesforceOrgReconciler(SalesforceClients clients, OrgCatalog catalog, EventRecorder events, Clock clock,
                                          OrgSettings settings, ClusterOrgs clusterOrgs) {
        this.connection = new OrgConnection(clients, catalog, events, clock, settings);
        this.clusterOrgs = clusterOrgs;
    }

    @Override
    public List<EventSource<?, ClusterSalesforceOrg>> prepareEventSources(EventSourceContext<ClusterSalesforceOrg> context) {
        users = new OrgUsers<>(context, ClusterSalesforceOrg.class, true);
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
