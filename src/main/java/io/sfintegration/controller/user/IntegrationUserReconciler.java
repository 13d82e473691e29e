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
import io.sfintegration.api.v1alpha1.DriftPolicy;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.IntegrationUserSpec;
import io.sfintegration.api.v1alpha1.IntegrationUserStatus;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetGroup;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.Fingerprint;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.ClusterOrgs;
import io.sfintegration.controller.OrgEventSources;
import io.sfintegration.controller.OrgRefusedException;
import io.sfintegration.controller.policy.NamespaceQuota;
import io.sfintegration.api.v1alpha1.OrgPolicy;
import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.controller.OrgGate;
import io.sfintegration.controller.PermissionSetRefEventSource;
import io.sfintegration.controller.policy.OrgPolicyCheck;
import io.sfintegration.controller.OrgNotReadyException;
import io.sfintegration.controller.ResyncRequests;
import io.sfintegration.controller.StatusPatches;
import io.sfintegration.controller.plan.Plan;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.controller.status.StatusAggregator;
import io.sfintegration.controller.status.StatusConditions;
import io.sfintegration.salesforce.SalesforceClients;
import io.sfintegration.salesforce.SalesforceException;
import io.sfintegration.salesforce.CallBudgetExceededException;
import io.sfintegration.salesforce.CallBudgets;
import io.sfintegration.salesforce.OutcomeUnknownException;
import io.sfintegration.salesforce.UserState;
import io.sfintegration.api.v1alpha1.UserDeletionPolicy;
import io.sfintegration.controller.ownership.Claims;
import io.sfintegration.controller.ownership.Installation;
import io.sfintegration.controller.ownership.OwnershipMarkers;
import io.sfintegration.controller.ownership.OwnershipRecord;
import io.sfintegration.controller.ownership.OwnershipRecords;
import io.sfintegration.controller.RetirementIncompleteException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.Optional;

/**
 * One dedicated API-only Salesforce user per resource: finds the user by username or creates it with its profile,
 * permission set licences and permission sets (in the order Salesforce requires), converges it to the spec, and never
 * deletes it. Calls Salesforce only when the desired state changed or the drift scan asks for a correction.
 */
// the periodic resync is a failsafe that costs no Salesforce call while the applied fingerprint matches
@ControllerConfiguration(name = "integrationuser", maxReconciliationInterval = @MaxReconciliationInterval(interval = 30, timeUnit = TimeUnit.MINUTES))
// failures (a retirement not finished, an outage) are retried without end, from one second growing to at most an hour
@GradualRetry(maxAttempts = -1, initialInterval = 1_000, intervalMultiplier = 2.0, maxInterval = 3_600_000)
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
    private static final String HELD = "Salesforce matches the spec, except access a person removed in Salesforce: it is not"
            + " restored while spec.drift.restoreAccess is false (see the Drifted condition).";
    private final StatusConditions conditions;
    private final StatusAggregator statuses;
    private final OwnershipRecords records;
    private final OwnershipMarkers markers;
    private final UserObservation observation;
    private final Claims<IntegrationUser> claims = new Claims<>("username",
            u -> u.getSpec() == null ? null : u.getSpec().getUsername(),
            IntegrationUserReconciler::orgRef);
    private volatile OrgEventSources<IntegrationUser> orgs;
    private final CallBudgets budgets;

    @Inject
    public IntegrationUserReconciler(SalesforceClients clients, OrgCatalog catalog, EventRecorder events,
                                     ResyncRequests resync, Clock clock, KubernetesClient kubernetes, Installation installation,
                                     ClusterOrgs clusterOrgs) {
        this.gate = new OrgGate(clients, catalog, clusterOrgs);
        this.budgets = clients.budgets();
        this.resolver = new DesiredUserResolver(catalog);
        this.conditions = new StatusConditions(clock);
        this.statuses = new StatusAggregator(conditions, events::warning);
        this.records = new OwnershipRecords(kubernetes);
        this.markers = new OwnershipMarkers(catalog, installation);
        this.convergence = new UserConvergence(catalog, events, clock, records);
        this.retirement = new UserRetirement(catalog, events);
        this.observation = new UserObservation(catalog, conditions, clock);
        this.events = events;
        this.resync = resync;
    }

    @Override
    public List<EventSource<?, IntegrationUser>> prepareEventSources(EventSourceContext<IntegrationUser> context) {
        claims.register(context.getPrimaryCache());
        orgs = new OrgEventSources<>(context, IntegrationUser.class, IntegrationUserReconciler::orgRef);
        List<EventSource<?, IntegrationUser>> sources = new java.util.ArrayList<>(orgs.eventSources());
        sources.addAll(List.of(PermissionSetRefEventSource.create(context, IntegrationUser.class,
                        u -> u.getSpec() == null ? null : u.getSpec().getPermissionSets()),
                PermissionSetRefEventSource.forGroups(context, IntegrationUser.class, u -> u.getSpec() == null ? null : u.getSpec().getPermissionSetGroups()),
                QuotaEventSource.create(context), resync.eventSourceFor(IntegrationUser.class)));
        return sources;
    }

    private static java.util.function.Function<String, Optional<PermissionSetGroup>> groupByRef(Context<IntegrationUser> context) {
        return ref -> context.getSecondaryResources(PermissionSetGroup.class).stream().filter(g -> g.getMetadata().getName().equals(ref)).findFirst();
    }

    private static OrgReference orgRef(IntegrationUser u) {
        return u.getSpec() == null ? null : u.getSpec().getOrgRef();
    }

    /**
     * The org's policy for this user: the permission sets and groups it names, and for a cluster org the namespace's
     * quota. An observed user (no write, ever) is checked when it switches to Manage.
     */
    private Optional<String> policy(IntegrationUser user, SalesforceOrg org, Context<IntegrationUser> context) {
        if (user.getSpec().observeOnly()) {
            return Optional.empty();
        }
        boolean cluster = OrgGate.isCluster(org);
        OrgPolicy policy = org.getSpec().getPolicy();
        return OrgPolicyCheck.user(policy, user.getSpec(), cluster).or(() -> !cluster || policy == null ? Optional.empty()
                : NamespaceQuota.check(user, policy.getMaxUsersPerNamespace(),
                QuotaEventSource.sameOrg(context.getPrimaryCache().list(user.getMetadata().getNamespace()).toList(), user)));
    }

    /** Every Salesforce call of the reconcile is charged to its budget; the call beyond it is refused. */
    @Override
    public UpdateControl<IntegrationUser> reconcile(IntegrationUser user, Context<IntegrationUser> context) {
        try (CallBudgets.Scope budget = budgets.open(CallBudgets.Kind.INTEGRATION_USER, describe(user), 0)) {
            return reconcileWithinBudget(user, context);
        }
    }

    private static String describe(IntegrationUser user) {
        return "IntegrationUser " + user.getMetadata().getNamespace() + "/" + user.getMetadata().getName();
    }

    private UpdateControl<IntegrationUser> reconcileWithinBudget(IntegrationUser user, Context<IntegrationUser> context) {
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
        // the namespace and the org's guardrails, from the cached org alone: a refusal costs no Salesforce call at all
        OrgAccess org;
        try {
            org = gate.admit(user.getMetadata().getNamespace(), spec.getOrgRef(), orgs, o -> policy(user, o, context));
        } catch (OrgRefusedException e) {
            return stop(user, before, status, generation, e.reason(), e.getMessage(), null);
        } catch (OrgNotReadyException e) {
            statuses.waiting(status, generation, e.reason(), e.getMessage());
            return StatusPatches.patchIfChanged(user, before, status, WAIT_FOR_ORG);
        }
        String orgId = org.snapshot().orgId();
        Optional<OwnershipRecord> record = OwnershipRecords.read(user);
        if (record.isPresent() && !orgId.equals(record.get().org())) {
            return stop(user, before, status, generation, Reasons.ORG_IDENTITY_CHANGED, "This resource's user was recorded in org "
                    + record.get().org() + ", but " + OrgGate.describe(user.getMetadata().getNamespace(), spec.getOrgRef()) + " now reaches org " + orgId
                    + "; nothing is written until a person points the org back or re-creates this resource.", null);
        }
        Optional<IntegrationUser> holder = claims.otherHolder(user, spec.getUsername(), orgId, context.getPrimaryCache(), this::org);
        if (holder.isPresent()) {
            return stop(user, before, status, generation, Reasons.CONFLICT, "IntegrationUser " + Claims.describe(holder.get())
                    + " already manages username " + spec.getUsername() + " in org " + orgId
                    + "; delete one of the two resources", CONFLICT_RECHECK);
        }
        if (spec.observeOnly()) {
            // managementPolicy Observe: read, fill status and plan, write nothing to Salesforce (issue 20)
            boolean waiting = observation.observe(user, status, generation, org, record, ref -> context.getSecondaryResources(PermissionSet.class)
                    .stream().filter(ps -> ps.getMetadata().getName().equals(ref)).findFirst(), groupByRef(context));
            return StatusPatches.patchIfChanged(user, before, status, waiting ? WAIT_FOR_DEPENDENCY : null);
        }
        try {
            DesiredUser desired;
            try {
                desired = resolver.resolve(spec, org, ref -> context.getSecondaryResources(PermissionSet.class).stream()
                        .filter(ps -> ps.getMetadata().getName().equals(ref)).findFirst(), groupByRef(context));
            } catch (ResolutionException e) {
                return stop(user, before, status, generation, e.reason(), e.getMessage(), e.waiting() ? WAIT_FOR_DEPENDENCY : null);
            }
            String fingerprint = Fingerprint.of(Map.of("desired", desired, "org", orgId,
                    "adoption", String.valueOf(spec.getAdoption())));
            boolean resyncRequested = resync.isPending(IntegrationUser.class, id);
        // the drift writer's Drifted=True may arrive after a correction that worked from an older copy (or whose status
        // write failed): while the status says drifted and the policy is Correct, the reconcile checks and corrects
        // (not for drift that is only access removed in Salesforce: that is held, see AccessHold)
        boolean holding = io.sfintegration.controller.AccessHold.holds(status, org)
                || resyncRequested && resync.holdsRemovedAccess(IntegrationUser.class, id) && !org.restoreAccess();
        boolean correcting = resyncRequested || (status.isTrue(ConditionTypes.DRIFTED) && !holding
                && org.driftPolicy(spec.getDriftPolicy()) == DriftPolicy.Correct);
            if (!correcting && fingerprint.equals(status.getAppliedSpecHash()) && record.map(OwnershipRecord::id).isPresent()
                    && status.getUserId() != null && StatusAggregator.settled(status, generation)) {
                return UpdateControl.noUpdate();
            }

            UserState found = UserObservation.read(spec.getUsername(), record, org);
            if (holding) {
                desired = desired.holding(found);
            }
            UserOwnership.Decision decision = ownership(user, spec.getAdoption(), orgId, record, found, context);
            if (decision.kind() == UserOwnership.Kind.REFUSE) {
                return stop(user, before, status, generation, decision.reason(), decision.message(), null);
            }
            // the marker is created the first time this installation writes to the org, never for a refused resource
            desired = desired.withPermissionSet(markers.installation().markerPermissionSet(), markers.ensure(org));
            ConvergenceOutcome outcome = switch (decision.kind()) {
                case REFUSE -> throw new IllegalStateException("handled above");
                case CREATE -> convergence.create(user, status, desired, org, OwnershipRecord.pendingCreate(orgId, spec.getUsername()));
                case ADOPT -> {
                    records.write(user, decision.record());
                    events.normal(user, "Adopted", "Took over existing Salesforce user " + spec.getUsername() + " (" + found.user().id()
                            + ") as spec.adoption allows; assignments people made stay as they are");
                    yield convergence.converge(user, status, desired, found, org, decision.record());
                }
                case OWNED -> convergence.converge(user, status, desired, found, org, decision.record());
            };
            if (!outcome.ok()) {
                return stop(user, before, status, generation, outcome.reason(), outcome.message(), outcome.retryAfter());
            }
            status.setAppliedSpecHash(fingerprint);
            status.setLastSyncTime(conditions.now());
            String unmanaged = outcome.unmanagedAssignments().isEmpty() ? ""
                    : " Assignments made outside the operator are left alone: " + String.join(", ", outcome.unmanagedAssignments()) + ".";
            statuses.ready(status, generation, "User " + spec.getUsername() + " is " + (desired.active() ? "active" : "inactive")
                    + (desired.frozen() ? " and frozen" : "") + " as " + status.getUserId() + ".", (holding ? HELD : "Salesforce matches the spec.") + unmanaged, correcting && !holding);
            Plan.record(status, List.of(), generation, conditions, status::setPlan, "");
            if (correcting) {
                events.normal(user, Reasons.DRIFT_CORRECTED, "Put user " + spec.getUsername() + " back to the spec");
                if (resyncRequested) {
                    resync.done(IntegrationUser.class, id);
                }
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

    /** The ownership decision with the cluster's facts: who else claims the found user's name, who else recorded it. */
    private UserOwnership.Decision ownership(IntegrationUser user, AdoptionPolicy adoption, String orgId, Optional<OwnershipRecord> record,
                                             UserState found, Context<IntegrationUser> context) {
        String username = user.getSpec().getUsername();
        Optional<String> nameHolder = found == null || found.user().username().equalsIgnoreCase(username) ? Optional.empty()
                : claims.otherHolder(user, found.user().username(), orgId, context.getPrimaryCache(), this::org).map(Claims::describe);
        Optional<String> recordedByOther = found == null ? Optional.empty()
                : claims.otherRecorder(user, orgId, found.user().id(), context.getPrimaryCache()).map(Claims::describe);
        return UserOwnership.decide(username, adoption, orgId, markers.installation(), record, found, nameHolder, recordedByOther);
    }

    private Optional<SalesforceOrg> org(String namespace, OrgReference ref) {
        OrgEventSources<IntegrationUser> source = orgs;
        return source == null ? Optional.empty() : gate.lookup(namespace, ref, source);
    }

    private UpdateControl<IntegrationUser> stop(IntegrationUser user, IntegrationUserStatus before, IntegrationUserStatus status,
                                                long generation, String reason, String message, Duration retryAfter) {
        statuses.notReady(user, status, generation, reason, message);
        return StatusPatches.patchIfChanged(user, before, status, retryAfter);
    }

    @Override
    public ErrorStatusUpdateControl<IntegrationUser> updateErrorStatus(IntegrationUser user, Context<IntegrationUser> context, Exception e) {
        IntegrationUserStatus status = StatusPatches.copy(user.getStatus(), new IntegrationUserStatus());
        String reason = e instanceof OutcomeUnknownException ? Reasons.OUTCOME_UNKNOWN
                : e instanceof CallBudgetExceededException ? Reasons.CALL_BUDGET_EXCEEDED : Reasons.RECONCILE_ERROR;
        String message = "Reconcile failed, retrying: " + e.getMessage();
        statuses.failed(user, status, generation(user), reason, message);
        LOG.debugf("integration user %s/%s: %s", user.getMetadata().getNamespace(), user.getMetadata().getName(), e.getMessage());
        user.setStatus(status);
        return ErrorStatusUpdateControl.patchStatus(user);
    }

    /**
     * Retires the user per spec.deletionPolicy, but only a user this resource provably owns; anything else is left as
     * it is. A retirement that is not finished keeps the finalizer and is retried with backoff (see the class's retry).
     */
    @Override
    public DeleteControl cleanup(IntegrationUser user, Context<IntegrationUser> context) {
        try (CallBudgets.Scope budget = budgets.open(CallBudgets.Kind.INTEGRATION_USER_DELETE, describe(user), 0)) {
            return cleanupWithinBudget(user, context);
        }
    }

    private DeleteControl cleanupWithinBudget(IntegrationUser user, Context<IntegrationUser> context) {
        if (user.getSpec() != null && user.getSpec().observeOnly()) {
            // an observed user is left exactly as it is, whatever deletionPolicy says
            events.normal(user, "LeftUntouched", "managementPolicy Observe: left user " + user.getSpec().getUsername() + " as it is in Salesforce");
            return DeleteControl.defaultDelete();
        }
        Optional<OwnershipRecord> record = OwnershipRecords.read(user);
        if (record.isEmpty() || (record.get().id() == null && !record.get().pending())) {
            return DeleteControl.defaultDelete();
        }
        if (user.getSpec().getDeletionPolicy() == UserDeletionPolicy.Orphan) {
            events.normal(user, "Orphaned", "Left user " + user.getSpec().getUsername() + " and its assignments as they are in Salesforce");
            return DeleteControl.defaultDelete();
        }
        OrgAccess org;
        try {
            org = gate.openForRetirement(user.getMetadata().getNamespace(), user.getSpec().getOrgRef(), orgs);
        } catch (OrgNotReadyException e) {
            String message = "User " + user.getSpec().getUsername() + " is not retired yet: " + e.getMessage()
                    + ". The finalizer stays until the org is reachable (or set spec.deletionPolicy: Orphan to leave the user as it is).";
            retirementPending(user, context, message);
            throw new RetirementIncompleteException(message);
        }
        String orgId = org.snapshot().orgId();
        if (!orgId.equals(record.get().org())) {
            events.warning(user, Reasons.ORG_IDENTITY_CHANGED, "Left user " + user.getSpec().getUsername() + " untouched: it was recorded in org "
                    + record.get().org() + " and the SalesforceOrg now reaches " + orgId);
            return DeleteControl.defaultDelete();
        }
        if (claims.otherHolder(user, user.getSpec().getUsername(), orgId, context.getPrimaryCache(), this::org).isPresent()) {
            return DeleteControl.defaultDelete();
        }
        UserState found = UserObservation.read(user.getSpec().getUsername(), record, org);
        // never adopt on the way out
        UserOwnership.Decision decision = ownership(user, AdoptionPolicy.Never, orgId, record, found, context);
        if (decision.kind() != UserOwnership.Kind.OWNED) {
            if (found != null) {
                events.warning(user, "LeftUntouched", "Did not retire Salesforce user " + found.user().username() + " (" + found.user().id()
                        + "): " + (decision.message() == null ? "this resource does not own it" : decision.message()));
            }
            return DeleteControl.defaultDelete();
        }
        List<String> left = retirement.retire(user, org, found, decision.record(), records);
        if (!left.isEmpty()) {
            String message = "Retiring user " + user.getSpec().getUsername() + " is not finished, retrying with backoff: " + String.join("; ", left);
            retirementPending(user, context, message);
            throw new RetirementIncompleteException(message);
        }
        return DeleteControl.defaultDelete();
    }

    private void retirementPending(IntegrationUser user, Context<IntegrationUser> context, String message) {
        IntegrationUserStatus before = StatusPatches.copy(user.getStatus(), new IntegrationUserStatus());
        IntegrationUserStatus status = StatusPatches.copy(user.getStatus(), new IntegrationUserStatus());
        conditions.set(status, generation(user), ConditionTypes.READY, false, Reasons.RETIREMENT_PENDING, message);
        if (StatusPatches.patchNowIfChanged(context.getClient(), user, before, status)) {
            events.warning(user, Reasons.RETIREMENT_PENDING, message);
        }
    }

    private static long generation(IntegrationUser user) {
        return user.getMetadata().getGeneration() == null ? 0 : user.getMetadata().getGeneration();
    }
}
