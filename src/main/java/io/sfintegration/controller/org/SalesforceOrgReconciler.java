package io.sfintegration.controller.org;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import jakarta.inject.Inject;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import java.util.ArrayList;
import java.util.List;
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
import io.sfintegration.salesforce.CallBudgetExceededException;
import io.sfintegration.salesforce.CallBudgets;
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
public class SalesforceOrgReconciler implements Reconciler<SalesforceOrg>, Cleaner<SalesforceOrg> {

    private final SalesforceClients clients;
    private final OrgCatalog catalog;
    private final EventRecorder events;
    private final StatusConditions conditions;
    private final OrgSettings settings;
    private final Clock clock;
    private final CallBudgets budgets;
    private volatile OrgDependents<IntegrationUser> users;
    private volatile OrgDependents<PermissionSet> permissionSets;

    @Inject
    public SalesforceOrgReconciler(SalesforceClients clients, OrgCatalog catalog, EventRecorder events, Clock clock,
                                   OrgSettings settings) {
        this.clients = clients;
        this.catalog = catalog;
        this.events = events;
        this.conditions = new StatusConditions(clock);
        this.settings = settings;
        this.clock = clock;
        this.budgets = clients.budgets();
    }

    @Override
    public List<EventSource<?, SalesforceOrg>> prepareEventSources(EventSourceContext<SalesforceOrg> context) {
        users = new OrgDependents<>(context, IntegrationUser.class, u -> u.getSpec() == null || u.getSpec().getOrgRef() == null ? null
                : u.getSpec().getOrgRef().getName());
        permissionSets = new OrgDependents<>(context, PermissionSet.class, p -> p.getSpec() == null || p.getSpec().getOrgRef() == null ? null
                : p.getSpec().getOrgRef().getName());
        return List.of(users.eventSource(), permissionSets.eventSource());
    }

    /** The org's describe is charged to the reconcile's call budget like every other reconcile's calls. */
    @Override
    public UpdateControl<SalesforceOrg> reconcile(SalesforceOrg org, Context<SalesforceOrg> context) {
        try (CallBudgets.Scope budget = budgets.open(CallBudgets.Kind.SALESFORCE_ORG,
                "SalesforceOrg " + org.getMetadata().getNamespace() + "/" + org.getMetadata().getName(), 0)) {
            return reconcileWithinBudget(org);
        }
    }

    private UpdateControl<SalesforceOrg> reconcileWithinBudget(SalesforceOrg org) {
        SalesforceOrgStatus before = StatusPatches.copy(org.getStatus(), new SalesforceOrgStatus());
        SalesforceOrgStatus status = StatusPatches.copy(org.getStatus(), new SalesforceOrgStatus());
        long generation = org.getMetadata().getGeneration() == null ? 0 : org.getMetadata().getGeneration();
        String key = OrgCatalog.key(org.getMetadata().getNamespace(), org.getMetadata().getName());
        Duration next = settings.refreshInterval();
        try {
            OrgSnapshot snapshot = clients.forOrg(org).describeOrg(OrgDefaults.WATCHED_LICENSES, OrgDefaults.WATCHED_PROFILES);
            List<String> dependents = dependents(org);
            if (before.getOrgId() != null && !before.getOrgId().equals(snapshot.orgId()) && !dependents.isEmpty()) {
                // the same object now reaches another org: what its resources own lives in the old one
                fail(org, status, generation, true, Reasons.ORG_IDENTITY_CHANGED, "This SalesforceOrg reached org " + before.getOrgId()
                        + " and now reaches org " + snapshot.orgId() + "; " + dependents.size() + " resource(s) use it (" + sample(dependents)
                        + "). Nothing is written until a person points it back, or moves those resources to a SalesforceOrg for the new org.");
                catalog.forget(key);
                return StatusPatches.patchIfChanged(org, before, status, retryAfter(before));
            }
            catalog.refresh(key, snapshot);
            OrgStatusMapper.apply(status, snapshot, apiVersion(org));
            conditions.set(status, generation, ConditionTypes.AUTHENTICATED, true, Reasons.AVAILABLE, "The operator holds a valid token for the org.");
            conditions.set(status, generation, ConditionTypes.READY, true, Reasons.AVAILABLE, OrgStatusMapper.summary(snapshot));
        } catch (CredentialsException e) {
            fail(org, status, generation, false, e.reason(), e.getMessage());
            next = retryAfter(before);
        } catch (AuthenticationException e) {
            fail(org, status, generation, false, Reasons.AUTHENTICATION_FAILED,
                    "Salesforce refused the credentials: " + e.getMessage() + ". Check the connected app, the user and the key or secret.");
            next = retryAfter(before);
        } catch (CallBudgetExceededException e) {
            fail(org, status, generation, true, Reasons.CALL_BUDGET_EXCEEDED, "Reading the org took more Salesforce calls than its budget: " + e.getMessage());
            next = retryAfter(before);
        } catch (SalesforceException e) {
            boolean limit = e.hasErrorCode("REQUEST_LIMIT_EXCEEDED");
            fail(org, status, generation, true, limit ? Reasons.API_LIMIT_EXCEEDED : Reasons.UNREACHABLE,
                    (limit ? "The org's daily API allocation is used up: " : "Salesforce could not be reached: ") + e.getMessage());
            next = retryAfter(before);
        }
        return StatusPatches.patchIfChanged(org, before, status, next);
    }

    /**
     * The org outlives the resources that use it: deletion waits (Ready=False, InUse) until no IntegrationUser or
     * PermissionSet references it, so they can still retire what they own; then its clients and caches are forgotten.
     */
    @Override
    public DeleteControl cleanup(SalesforceOrg org, Context<SalesforceOrg> context) {
        List<String> dependents = dependents(org);
        if (!dependents.isEmpty()) {
            SalesforceOrgStatus before = StatusPatches.copy(org.getStatus(), new SalesforceOrgStatus());
            SalesforceOrgStatus status = StatusPatches.copy(org.getStatus(), new SalesforceOrgStatus());
            long generation = org.getMetadata().getGeneration() == null ? 0 : org.getMetadata().getGeneration();
            String message = "Waiting to be deleted: " + dependents.size() + " resource(s) still use this org (" + sample(dependents)
                    + "); they retire their Salesforce records first.";
            conditions.set(status, generation, ConditionTypes.READY, false, Reasons.IN_USE, message);
            if (StatusPatches.patchNowIfChanged(context.getClient(), org, before, status)) {
                events.normal(org, Reasons.IN_USE, message);
            }
            // woken by the users and permission sets going away, not by a timer
            return DeleteControl.noFinalizerRemoval();
        }
        String key = OrgCatalog.key(org.getMetadata().getNamespace(), org.getMetadata().getName());
        catalog.forget(key);
        clients.forget(org);
        return DeleteControl.defaultDelete();
    }

    /**
     * How soon an org that is not Ready is tried again: about as long as it has been failing already (Ready=False
     * since), at least {@code retryInterval} and at most {@code maxRetryInterval}. No fixed period: an org whose
     * credentials stay wrong for a day is tried about 30 times that day with the defaults (30 s, doubling, 1 h), 24 a day after.
     */
    Duration retryAfter(SalesforceOrgStatus before) {
        java.util.Optional<java.time.Instant> failingSince = before.condition(ConditionTypes.READY)
                .filter(c -> "False".equals(c.getStatus()) && c.getLastTransitionTime() != null)
                .map(c -> java.time.Instant.parse(c.getLastTransitionTime()));
        Duration waited = failingSince.map(s -> Duration.between(s, clock.instant())).orElse(Duration.ZERO);
        if (waited.compareTo(settings.retryInterval()) < 0) {
            return settings.retryInterval();
        }
        return waited.compareTo(settings.maxRetryInterval()) > 0 ? settings.maxRetryInterval() : waited;
    }

    /** namespace/name of the resources that reference this org. */
    private List<String> dependents(SalesforceOrg org) {
        List<String> out = new ArrayList<>();
        if (users != null) {
            out.addAll(users.of(org));
        }
        if (permissionSets != null) {
            out.addAll(permissionSets.of(org));
        }
        return out;
    }

    private static String sample(List<String> names) {
        return String.join(", ", names.subList(0, Math.min(5, names.size()))) + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
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
