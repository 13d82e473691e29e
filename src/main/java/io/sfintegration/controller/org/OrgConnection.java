package io.sfintegration.controller.org;

import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
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
import io.sfintegration.salesforce.CallBudgetExceededException;
import io.sfintegration.salesforce.CallBudgets;
import io.sfintegration.salesforce.CredentialsException;
import io.sfintegration.salesforce.OrgSnapshot;
import io.sfintegration.salesforce.SalesforceClients;
import io.sfintegration.salesforce.SalesforceException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What both org kinds' reconcilers do: authenticate, read the org's id, API usage and licence capacity, publish them
 * in status and in the {@link OrgCatalog}, and hold deletion while resources use the org. Works on the resource (for
 * status and Events) and its SalesforceOrg view (for the client and the catalog), so a ClusterSalesforceOrg is
 * connected by exactly the code a SalesforceOrg is.
 */
final class OrgConnection {

    private final SalesforceClients clients;
    private final OrgCatalog catalog;
    private final EventRecorder events;
    private final StatusConditions conditions;
    private final OrgSettings settings;
    private final Clock clock;
    private final CallBudgets budgets;

    OrgConnection(SalesforceClients clients, OrgCatalog catalog, EventRecorder events, Clock clock, OrgSettings settings) {
        this.clients = clients;
        this.catalog = catalog;
        this.events = events;
        this.conditions = new StatusConditions(clock);
        this.settings = settings;
        this.clock = clock;
        this.budgets = clients.budgets();
    }

    /** The org's describe is charged to the reconcile's call budget like every other reconcile's calls. */
    <R extends CustomResource<? extends SalesforceOrgSpec, SalesforceOrgStatus>> UpdateControl<R> reconcile(
            R org, SalesforceOrg view, List<String> dependents) {
        try (CallBudgets.Scope budget = budgets.open(CallBudgets.Kind.SALESFORCE_ORG, org.getKind() + " " + describe(org), 0)) {
            return reconcileWithinBudget(org, view, dependents);
        }
    }

    private <R extends CustomResource<? extends SalesforceOrgSpec, SalesforceOrgStatus>> UpdateControl<R> reconcileWithinBudget(
            R org, SalesforceOrg view, List<String> dependents) {
        SalesforceOrgStatus before = StatusPatches.copy(org.getStatus(), new SalesforceOrgStatus());
        SalesforceOrgStatus status = StatusPatches.copy(org.getStatus(), new SalesforceOrgStatus());
        long generation = org.getMetadata().getGeneration() == null ? 0 : org.getMetadata().getGeneration();
        String key = OrgCatalog.key(view);
        Duration next = settings.refreshInterval();
        try {
            OrgSnapshot snapshot = clients.forOrg(view).describeOrg(OrgDefaults.WATCHED_LICENSES, OrgDefaults.WATCHED_PROFILES);
            if (before.getOrgId() != null && !before.getOrgId().equals(snapshot.orgId()) && !dependents.isEmpty()) {
                // the same object now reaches another org: what its resources own lives in the old one
                fail(org, status, generation, true, Reasons.ORG_IDENTITY_CHANGED, "This " + org.getKind() + " reached org " + before.getOrgId()
                        + " and now reaches org " + snapshot.orgId() + "; " + dependents.size() + " resource(s) use it (" + sample(dependents)
                        + "). Nothing is written until a person points it back, or moves those resources to an org object for the new org.");
                catalog.forget(key);
                return StatusPatches.patchIfChanged(org, before, status, retryAfter(before));
            }
            catalog.refresh(key, snapshot);
            OrgStatusMapper.apply(status, snapshot, apiVersion(org.getSpec()));
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
    <R extends CustomResource<? extends SalesforceOrgSpec, SalesforceOrgStatus>> DeleteControl cleanup(
            R org, SalesforceOrg view, List<String> dependents, Context<R> context) {
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
        catalog.forget(OrgCatalog.key(view));
        clients.forget(view);
        return DeleteControl.defaultDelete();
    }

    /**
     * How soon an org that is not Ready is tried again: about as long as it has been failing already (Ready=False
     * since), at least {@code retryInterval} and at most {@code maxRetryInterval}. No fixed period: an org whose
     * credentials stay wrong for a day is tried about 30 times that day with the defaults (30 s, doubling, 1 h), 24 a day after.
     */
    Duration retryAfter(SalesforceOrgStatus before) {
        Optional<Instant> failingSince = before.condition(ConditionTypes.READY)
                .filter(c -> "False".equals(c.getStatus()) && c.getLastTransitionTime() != null)
                .map(c -> Instant.parse(c.getLastTransitionTime()));
        Duration waited = failingSince.map(s -> Duration.between(s, clock.instant())).orElse(Duration.ZERO);
        if (waited.compareTo(settings.retryInterval()) < 0) {
            return settings.retryInterval();
        }
        return waited.compareTo(settings.maxRetryInterval()) > 0 ? settings.maxRetryInterval() : waited;
    }

    private static String describe(CustomResource<?, ?> org) {
        return org.getMetadata().getNamespace() == null ? org.getMetadata().getName()
                : org.getMetadata().getNamespace() + "/" + org.getMetadata().getName();
    }

    private static String sample(List<String> names) {
        return String.join(", ", names.subList(0, Math.min(5, names.size()))) + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
    }

    private void fail(CustomResource<?, SalesforceOrgStatus> org, SalesforceOrgStatus status, long generation, boolean authenticated,
                      String reason, String message) {
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

    private static String apiVersion(SalesforceOrgSpec spec) {
        String v = spec.getApiVersion();
        return v == null ? SalesforceOrgSpec.DEFAULT_API_VERSION : v;
    }
}
