package io.sfintegration.controller.org;

import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.api.v1alpha1.SalesforceOrgStatus;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.salesforce.SalesforceClients;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Authenticates to the org, reads its id, API usage and the capacity of the integration licences, and publishes them
 * in status and in the {@link OrgCatalog} the other controllers read (see {@link OrgConnection}, shared with
 * ClusterSalesforceOrg).
 */
@ControllerConfiguration(name = "salesforceorg")
public class SalesforceOrgReconciler implements Reconciler<SalesforceOrg>, Cleaner<SalesforceOrg> {

    private final OrgConnection connection;
    private volatile OrgUsers<SalesforceOrg> users;

    @Inject
    public SalesforceOrgReconciler(SalesforceClients clients, OrgCatalog catalog, EventRecorder events, Clock clock,
                                   OrgSettings settings) {
        this.connection = new OrgConnection(clients, catalog, events, clock, settings);
    }

    @Override
    public List<EventSource<?, SalesforceOrg>> prepareEventSources(EventSourceContext<SalesforceOrg> context) {
        users = new OrgUsers<>(context, SalesforceOrg.class, false, java.util.Set.of());
        return users.eventSources();
    }

    @Override
    public UpdateControl<SalesforceOrg> reconcile(SalesforceOrg org, Context<SalesforceOrg> context) {
        return connection.reconcile(org, org, OrgUsers.of(users, org));
    }

    @Override
    public DeleteControl cleanup(SalesforceOrg org, Context<SalesforceOrg> context) {
        return connection.cleanup(org, org, OrgUsers.of(users, org), context);
    }

    Duration retryAfter(SalesforceOrgStatus before) {
        return connection.retryAfter(before);
    }
}
