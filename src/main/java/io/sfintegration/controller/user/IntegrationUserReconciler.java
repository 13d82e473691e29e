package io.sfintegration.controller.user;

import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import jakarta.inject.Inject;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.sfintegration.api.v1alpha1.AdoptionPolicy;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.IntegrationUserSpec;
import io.sfintegration.api.v1alpha1.IntegrationUserStatus;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.Fingerprint;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.OrgEventSource;
import io.sfintegration.controller.OrgGate;
import io.sfintegration.controller.OrgNotReadyException;
import io.sfintegration.controller.ResyncRequests;
import io.sfintegration.controller.StatusPatches;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.controller.status.StatusConditions;
import io.sfintegration.salesforce.SalesforceClients;
import io.sfintegration.salesforce.SalesforceException;
import io.sfintegration.salesforce.UserState;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One dedicated API-only Salesforce user per resource: finds the user by username or creates it with its profile,
 * permission set licences and permission sets (in the order Salesforce requires), converges it to the spec, and never
 * deletes it. Calls Salesforce only when the desired state changed or the drift scan asks for a correction.
 */
// the periodic resync is a failsafe that costs no Salesforce call while the applied fingerprint matches
@ControllerConfiguration(name = "integrationuser", maxReconciliationInterval = @MaxReconciliationInterval(interval = 30, timeUnit = TimeUnit.MINUTES))
public class IntegrationUserReconciler implements Reconciler<IntegrationUser>, Cleaner<IntegrationUser> {

    private static final Logger LOG = Logger.getLogger(IntegrationUserReconciler.class);
    static final Duration WAIT_FOR_ORG = Duration.ofMinutes(2);
    static final Duration WAIT_FOR_DEPENDENCY = Duration.ofMinutes(1);
    static final Duration CONFLICT_RECHECK = Duration.ofMinutes(1);

    private final OrgGate gate;
    private final DesiredUserResolver resolver;
    private final UserConvergence convergence;
    private final UserRetirement retirement;
    private final EventRecorder events;
    private final ResyncRequests resync;
    private final StatusConditions conditions;

    @Inject
    public IntegrationUserReconciler(SalesforceClients clients, OrgCatalog catalog, EventRecorder events,
                                     ResyncRequests resync, Clock clock) {
        this.gate = new OrgGate(clients, catalog);
        this.resolver = new DesiredUserResolver(catalog);
        this.conditions = new StatusConditions(clock);
        this.convergence = new UserConvergence(catalog, events, clock);
        this.retirement = new UserRetirement(catalog, events);
        this.events = events;
        this.resync = resync;
    }

    @Override
    public List<EventSource<?, IntegrationUser>> prepareEventSources(EventSourceContext<IntegrationUser> context) {
        context.getPrimaryCache().addIndexer(UsernameClaims.INDEX, UsernameClaims::indexKeys);
        return List.of(
                OrgEventSource.create(context, IntegrationUser.class,
                        u -> u.getSpec() == null || u.getSpec().getOrgRef() == null ? null : u.getSpec().getOrgRef().getName()),
                PermissionSetEventSource.create(context),
                resync.eventSourceFor(IntegrationUser.class));
    }

    @Override
    public UpdateControl<IntegrationUser> reconcile(IntegrationUser user, Context<IntegrationUser> context) {
        IntegrationUserStatus before = StatusPatches.copy(user.getStatus(), new IntegrationUserStatus());
        IntegrationUserStatus status = StatusPatches.copy(user.getStatus(), new IntegrationUserStatus());
        long generation = generation(user);
        IntegrationUserSpec spec = user.getSpec();
        ResourceID id = ResourceID.fromResource(user);

        List<String> problems = UserSpecValidator.problems(spec);
        if (!problems.isEmpty()) {
            return stop(user, before, status, generation, Reasons.INVALID_SPEC,
                    "The spec is invalid, nothing was sent to Salesforce: " + String.join("; ", problems), null);
        }
        Optional<IntegrationUser> holder = UsernameClaims.olderClaimant(user, context.getPrimaryCache());
        if (holder.isPresent()) {
            return stop(user, before, status, generation, Reasons.CONFLICT, "IntegrationUser " + holder.get().getMetadata().getName()
                    + " already manages username " + spec.getUsername() + " in org " + spec.getOrgRef().getName()
                    + "; delete one of the two resources", CONFLICT_RECHECK);
        }
        OrgAccess org;
        try {
            org = gate.open(user.getMetadata().getNamespace(), spec.getOrgRef().getName(), context.getSecondaryResource(SalesforceOrg.class));
        } catch (OrgNotReadyException e) {
            conditions.set(status, generation, ConditionTypes.READY, false, e.reason(), e.getMessage());
            conditions.set(status, generation, ConditionTypes.SYNCED, false, e.reason(), e.getMessage());
            return StatusPatches.patchIfChanged(user, before, status, WAIT_FOR_ORG);
        }
        try {
            DesiredUser desired;
            try {
                desired = resolver.resolve(spec, org, ref -> context.getSecondaryResources(PermissionSet.class).stream()
                        .filter(ps -> ps.getMetadata().getName().equals(ref)).findFirst());
            } catch (ResolutionException e) {
                return stop(user, before, status, generation, e.reason(), e.getMessage(), e.waiting() ? WAIT_FOR_DEPENDENCY : null);
            }
            String fingerprint = Fingerprint.of(Map.of("desired", desired, "org", org.snapshot().orgId(),
                    "adoption", String.valueOf(spec.getAdoption())));
            boolean correcting = resync.isPending(IntegrationUser.class, id);
            if (!correcting && fingerprint.equals(status.getAppliedSpecHash()) && status.getUserId() != null
                    && status.isTrue(ConditionTypes.READY) && Long.valueOf(generation).equals(status.getObservedGeneration())) {
                return UpdateControl.noUpdate();
            }

            UserState found = org.client().findUsersByUsername(List.of(spec.getUsername()))
                    .get(spec.getUsername().toLowerCase(Locale.ROOT));
            ConvergenceOutcome outcome;
            if (found == null) {
                outcome = convergence.create(user, status, desired, org);
            } else {
                Optional<String> refusal = ownershipProblem(user, status, found, org);
                if (refusal.isPresent()) {
                    return stop(user, before, status, generation, Reasons.ADOPTION_REFUSED, refusal.get(), null);
                }
                outcome = convergence.converge(user, status, desired, found, org);
            }
            if (!outcome.ok()) {
                return stop(user, before, status, generation, outcome.reason(), outcome.message(), outcome.retryAfter());
            }
            status.setAppliedSpecHash(fingerprint);
            status.setLastSyncTime(conditions.now());
            String unmanaged = outcome.unmanagedAssignments().isEmpty() ? ""
                    : " Assignments made outside the operator are left alone: " + String.join(", ", outcome.unmanagedAssignments()) + ".";
            conditions.set(status, generation, ConditionTypes.SYNCED, true, Reasons.RECONCILE_SUCCESS, "Salesforce matches the spec." + unmanaged);
            conditions.set(status, generation, ConditionTypes.READY, true, Reasons.AVAILABLE,
                    "User " + spec.getUsername() + " is " + (desired.active() ? "active" : "inactive") + (desired.frozen() ? " and frozen" : "")
                            + " as " + status.getUserId() + ".");
            if (correcting) {
                conditions.set(status, generation, ConditionTypes.DRIFTED, false, Reasons.DRIFT_CORRECTED, "Drift was corrected at " + conditions.now() + ".");
                events.normal(user, Reasons.DRIFT_CORRECTED, "Put user " + spec.getUsername() + " back to the spec");
                resync.done(IntegrationUser.class, id);
            } else if (status.condition(ConditionTypes.DRIFTED).isEmpty()) {
                conditions.set(status, generation, ConditionTypes.DRIFTED, false, Reasons.NO_DRIFT, "No drift seen.");
            }
            return StatusPatches.patchIfChanged(user, before, status, null);
        } catch (SalesforceException e) {
            if (e.retryable()) {
                throw e;
            }
            return stop(user, before, status, generation, e.hasErrorCode("REQUEST_LIMIT_EXCEEDED") ? Reasons.API_LIMIT_EXCEEDED : Reasons.REJECTED_BY_SALESFORCE,
                    "Salesforce refused the change: " + e.getMessage(), e.hasErrorCode("REQUEST_LIMIT_EXCEEDED") ? Duration.ofMinutes(15) : null);
        }
    }

    /** Why an existing Salesforce user may not be taken over, if it may not. */
    private Optional<String> ownershipProblem(IntegrationUser user, IntegrationUserStatus status, UserState found, OrgAccess org) {
        String foundId = found.user().id();
        boolean recorded = status.getUserId() != null && UserAssignments.sameId(status.getUserId(), foundId);
        // a reconcile killed between creating the user and writing status finds the user it created itself
        boolean createdByUs = org.snapshot().operatorUserId() != null
                && UserAssignments.sameId(org.snapshot().operatorUserId(), found.user().createdById());
        if (recorded || createdByUs) {
            return Optional.empty();
        }
        if (user.getSpec().getAdoption() == AdoptionPolicy.IfUnmanaged) {
            events.normal(user, "Adopted", "Took over existing Salesforce user " + user.getSpec().getUsername() + " (" + foundId + ")");
            return Optional.empty();
        }
        return Optional.of("A Salesforce user " + user.getSpec().getUsername() + " (" + foundId + ") already exists and was not created by the operator."
                + " Set spec.adoption: IfUnmanaged to manage it, or choose another username.");
    }

    private UpdateControl<IntegrationUser> stop(IntegrationUser user, IntegrationUserStatus before, IntegrationUserStatus status,
                                                long generation, String reason, String message, Duration retryAfter) {
        boolean same = before.condition(ConditionTypes.READY)
                .map(c -> reason.equals(c.getReason()) && message.equals(c.getMessage())).orElse(false);
        conditions.set(status, generation, ConditionTypes.READY, false, reason, message);
        conditions.set(status, generation, ConditionTypes.SYNCED, false, reason, message);
        if (!same) {
            events.warning(user, reason, message);
        }
        return StatusPatches.patchIfChanged(user, before, status, retryAfter);
    }

    @Override
    public ErrorStatusUpdateControl<IntegrationUser> updateErrorStatus(IntegrationUser user, Context<IntegrationUser> context, Exception e) {
        IntegrationUserStatus status = StatusPatches.copy(user.getStatus(), new IntegrationUserStatus());
        String message = "Reconcile failed, retrying: " + e.getMessage();
        conditions.set(status, generation(user), ConditionTypes.SYNCED, false, Reasons.RECONCILE_ERROR, message);
        events.warning(user, Reasons.RECONCILE_ERROR, message);
        LOG.debugf("integration user %s/%s: %s", user.getMetadata().getNamespace(), user.getMetadata().getName(), e.getMessage());
        user.setStatus(status);
        return ErrorStatusUpdateControl.patchStatus(user);
    }

    @Override
    public DeleteControl cleanup(IntegrationUser user, Context<IntegrationUser> context) {
        IntegrationUserStatus status = user.getStatus();
        if (status == null || status.getUserId() == null || UsernameClaims.olderClaimant(user, context.getPrimaryCache()).isPresent()) {
            return DeleteControl.defaultDelete();
        }
        OrgAccess org;
        try {
            org = gate.open(user.getMetadata().getNamespace(), user.getSpec().getOrgRef().getName(), context.getSecondaryResource(SalesforceOrg.class));
        } catch (OrgNotReadyException e) {
            if (context.getSecondaryResource(SalesforceOrg.class).isEmpty()) {
                events.warning(user, "OrgGone", "The SalesforceOrg is gone; user " + user.getSpec().getUsername() + " was left as it is in Salesforce");
                return DeleteControl.defaultDelete();
            }
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT_FOR_ORG.toMillis());
        }
        retirement.retire(user, org);
        return DeleteControl.defaultDelete();
    }

    private static long generation(IntegrationUser user) {
        return user.getMetadata().getGeneration() == null ? 0 : user.getMetadata().getGeneration();
    }
}
