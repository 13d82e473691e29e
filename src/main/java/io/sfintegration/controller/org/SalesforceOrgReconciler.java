package io.sfintegration.controller.org;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import jakarta.inject.Inject;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.api.v1alpha1.SalesforceOrgSpec;
import io.sfintegration.api.v1alpha1.SalesforceOrgStatus;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.OrgDefaults;
import io.sfintegration.controller.StatusPatches;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.controller.status.StatusConditions;
import io.sfintegration.salesforce.AuthenticationException;
import io.sfintegration.salesforce.CredentialsException;
import io.sfintegration.salesforce.OrgSnapshot;
import io.sfintegration.salesforce.SalesforceClients;
import io.sfintegration.salesforce.SalesforceException;

import java.time.Clock;
import java.time.Duration;

/**
 * Authenticates to the org, reads its id, API usage and the capacity of the integration licences, and publishes them
 * in status and in the {@link OrgCatalog} the other controllers read.
 */
@ControllerConfiguration(name = "salesforceorg")
public class SalesforceOrgReconciler implements Reconciler<SalesforceOrg> {

    private final SalesforceClients clients;
    private final OrgCatalog catalog;
    private final EventRecorder events;
    private final StatusConditions conditions;
    private final OrgSettings settings;

    @Inject
    public SalesforceOrgReconciler(SalesforceClients clients, OrgCatalog catalog, EventRecorder events, Clock clock,
                                   OrgSettings settings) {
        this.clients = clients;
        this.catalog = catalog;
        this.events = events;
        this.conditions = new StatusConditions(clock);
        this.settings = settings;
    }

    @Override
    public UpdateControl<SalesforceOrg> reconcile(SalesforceOrg org, Context<SalesforceOrg> context) {
        SalesforceOrgStatus before = StatusPatches.copy(org.getStatus(), new SalesforceOrgStatus());
        SalesforceOrgStatus status = StatusPatches.copy(org.getStatus(), new SalesforceOrgStatus());
        long generation = org.getMetadata().getGeneration() == null ? 0 : org.getMetadata().getGeneration();
        String key = OrgCatalog.key(org.getMetadata().getNamespace(), org.getMetadata().getName());
        Duration next = settings.refreshInterval();
        try {
            OrgSnapshot snapshot = clients.forOrg(org).describeOrg(OrgDefaults.WATCHED_LICENSES, OrgDefaults.WATCHED_PROFILES);
            catalog.put(key, snapshot);
            OrgStatusMapper.apply(status, snapshot, apiVersion(org));
            conditions.set(status, generation, ConditionTypes.AUTHENTICATED, true, Reasons.AVAILABLE, "The operator holds a valid token for the org.");
            conditions.set(status, generation, ConditionTypes.READY, true, Reasons.AVAILABLE, OrgStatusMapper.summary(snapshot));
        } catch (CredentialsException e) {
            fail(org, status, generation, false, e.reason(), e.getMessage());
            next = settings.retryInterval();
        } catch (AuthenticationException e) {
            fail(org, status, generation, false, Reasons.AUTHENTICATION_FAILED,
                    "Salesforce refused the credentials: " + e.getMessage() + ". Check the connected app, the user and the key or secret.");
            next = settings.retryInterval();
        } catch (SalesforceException e) {
            boolean limit = e.hasErrorCode("REQUEST_LIMIT_EXCEEDED");
            fail(org, status, generation, true, limit ? Reasons.API_LIMIT_EXCEEDED : Reasons.UNREACHABLE,
                    (limit ? "The org's daily API allocation is used up: " : "Salesforce could not be reached: ") + e.getMessage());
            next = settings.retryInterval();
        }
        return StatusPatches.patchIfChanged(org, before, status, next);
    }

    private void fail(SalesforceOrg org, SalesforceOrgStatus status, long generation, boolean authenticated, String reason, String message) {
        boolean sameAsBefore = status.condition(ConditionTypes.READY)
                .map(c -> "False".equals(c.getStatus()) && reason.equals(c.getReason()) && message.equals(c.getMessage())).orElse(false);
        if (!authenticated) {
            conditions.set(status, generation, ConditionTypes.AUTHENTICATED, false, reason, message);
        }
        conditions.set(status, generation, ConditionTypes.READY, false, reason, message);
        if (!sameAsBefore) {
            events.warning(org, reason, message);
        }
    }

    private static String apiVersion(SalesforceOrg org) {
        String v = org.getSpec().getApiVersion();
        return v == null ? SalesforceOrgSpec.DEFAULT_API_VERSION : v;
    }
}
