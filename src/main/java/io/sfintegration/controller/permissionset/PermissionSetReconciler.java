package io.sfintegration.controller.permissionset;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.sfintegration.api.v1alpha1.AdoptionPolicy;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.DriftPolicy;
import io.sfintegration.api.v1alpha1.GrantedSetupEntity;
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetDeletionPolicy;
import io.sfintegration.api.v1alpha1.PermissionSetSpec;
import io.sfintegration.api.v1alpha1.PermissionSetStatus;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.Fingerprint;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.ClusterOrgs;
import io.sfintegration.controller.OrgEventSources;
import io.sfintegration.controller.OrgRefusedException;
import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.controller.OrgGate;
import io.sfintegration.controller.policy.OrgPolicyCheck;
import io.sfintegration.controller.OrgNotReadyException;
import io.sfintegration.controller.ResyncRequests;
import io.sfintegration.controller.RetirementIncompleteException;
import io.sfintegration.controller.StatusPatches;
import io.sfintegration.controller.plan.Plan;
import io.sfintegration.controller.ownership.Claims;
import io.sfintegration.controller.ownership.Installation;
import io.sfintegration.controller.ownership.OwnershipDecision;
import io.sfintegration.controller.ownership.OwnershipRecord;
import io.sfintegration.controller.ownership.OwnershipRecords;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.controller.status.StatusAggregator;
import io.sfintegration.controller.status.StatusConditions;
import io.sfintegration.salesforce.CallBudgetExceededException;
import io.sfintegration.salesforce.CallBudgets;
import io.sfintegration.salesforce.OutcomeUnknownException;
import io.sfintegration.salesforce.EntityGrant;
import io.sfintegration.salesforce.PermissionSetState;
import io.sfintegration.salesforce.SalesforceClients;
import io.sfintegration.salesforce.SalesforceException;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one Salesforce permission set equal to its spec, in the same steps as the user controller: resolve the desired
 * state ({@link DesiredPermissionSetResolver}), claim the API name in the org ({@link Claims}), observe the set, decide
 * ownership ({@link PermissionSetOwnership}), converge ({@link PermissionSetConvergence}) and, on deletion, retire
 * ({@link PermissionSetRetirement}). Calls Salesforce only when the desired state changed or the drift scan asks.
 */
// the periodic resync is a failsafe that costs no Salesforce call while the applied fingerprint matches
@ControllerConfiguration(name = "permissionset", maxReconciliationInterval = @MaxReconciliationInterval(interval = 30, timeUnit = TimeUnit.MINUTES))
@GradualRetry(maxAttempts = -1, initialInterval = 1_000, intervalMultiplier = 2.0, maxInterval = 3_600_000)
public class PermissionSetReconciler implements Reconciler<PermissionSet>, Cleaner<PermissionSet> {

    private static final Logger LOG = Logger.getLogger(PermissionSetReconciler.class);
    static final Duration WAIT_FOR_ORG = Duration.ofMinutes(2);
    static final Duration CONFLICT_RECHECK = Duration.ofMinutes(1);

    private final OrgGate gate;
    private final OrgCatalog catalog;
    private final EventRecorder events;
    private final ResyncRequests resync;
    private static final String HELD = "Salesforce matches the spec, except access a person removed in Salesforce: it is not"
            + " restored while spec.drift.restoreAccess is false (see the Drifted condition).";
    private final StatusConditions conditions;
    private final StatusAggregator statuses;
    private final Installation installation;
    private final DesiredPermissionSetResolver resolver;
    private final PermissionSetConvergence convergence;
    private final PermissionSetRetirement retirement;
    private final PermissionSetObservation observation;
    private final PermissionSetGrants grants;
    private final OwnershipRecords records;
    private final Claims<PermissionSet> claims = new Claims<>("permissionSetName",
            ps -> ps.getSpec() == null ? null : ps.getSpec().getName(),
            PermissionSetReconciler::orgRef);
    private volatile OrgEventSources<PermissionSet> orgs;
    private volatile InformerEventSource<IntegrationUser, PermissionSet> users;
    private final CallBudgets budgets;

    @Inject
    public PermissionSetReconciler(SalesforceClients clients, OrgCatalog catalog, EventRecorder events,
                                   ResyncRequests resync, Clock clock, KubernetesClient kubernetes, Installation installation,
                                   ClusterOrgs clusterOrgs) {
        this.gate = new OrgGate(clients, catalog, clusterOrgs);
        this.budgets = clients.budgets();
        this.catalog = catalog;
        this.events = events;
        this.resync = resync;
        this.conditions = new StatusConditions(clock);
        this.statuses = new StatusAggregator(conditions, events::warning);
        this.installation = installation;
        this.resolver = new DesiredPermissionSetResolver(catalog, installation);
        this.records = new OwnershipRecords(kubernetes);
        this.convergence = new PermissionSetConvergence(events, records);
        this.retirement = new PermissionSetRetirement(events, clock);
        this.observation = new PermissionSetObservation(conditions);
        this.grants = new PermissionSetGrants(events);
    }

    @Override
    public List<EventSource<?, PermissionSet>> prepareEventSources(EventSourceContext<PermissionSet> context) {
        claims.register(context.getPrimaryCache());
        orgs = new OrgEventSources<>(context, PermissionSet.class, PermissionSetReconciler::orgRef);
        users = UserReferences.create(context);
        List<EventSource<?, PermissionSet>> sources = new java.util.ArrayList<>(orgs.eventSources());
        sources.addAll(List.of(users, resync.eventSourceFor(PermissionSet.class)));
        return sources;
    }

    private static OrgReference orgRef(PermissionSet ps) {
        return ps.getSpec() == null ? null : ps.getSpec().getOrgRef();
    }

    /** Every Salesforce call of the reconcile is charged to its budget; the call beyond it is refused. */
    @Override
    public UpdateControl<PermissionSet> reconcile(PermissionSet ps, Context<PermissionSet> context) {
        try (CallBudgets.Scope budget = budgets.open(CallBudgets.Kind.PERMISSION_SET, describe(ps), rows(ps))) {
            return reconcileWithinBudget(ps, context);
        }
    }

    private static String describe(PermissionSet ps) {
        return "PermissionSet " + ps.getMetadata().getNamespace() + "/" + ps.getMetadata().getName();
    }

    /** Object and field permission rows of the spec: the writes, and the pages of the read, grow with them. */
    static int rows(PermissionSet ps) {
        PermissionSetSpec spec = ps.getSpec();
        if (spec == null) {
            return 0;
        }
        return size(spec.getObjectPermissions()) + size(spec.getFieldPermissions())
                + size(spec.getConnectedApps()) + size(spec.getApexClasses()) + size(spec.getCustomPermissions());
    }

    private static int size(List<?> entries) {
        return entries == null ? 0 : entries.size();
    }

    private UpdateControl<PermissionSet> reconcileWithinBudget(PermissionSet ps, Context<PermissionSet> context) {
        PermissionSetStatus before = StatusPatches.copy(ps.getStatus(), new PermissionSetStatus());
        PermissionSetStatus status = StatusPatches.copy(ps.getStatus(), new PermissionSetStatus());
        long generation = generation(ps);
        PermissionSetSpec spec = ps.getSpec();
        ResourceID id = ResourceID.fromResource(ps);

        List<String> problems = PermissionSetSpecValidator.problems(spec);
        if (!problems.isEmpty()) {
            return stop(ps, before, status, generation, Reasons.INVALID_SPEC,
                    "The spec is invalid, nothing was sent to Salesforce: " + String.join("; ", problems), null);
        }
        // the namespace and the org's guardrails, from the cached org alone: a refusal costs no Salesforce call at all.
        // They guard writes, so an observed resource (no write, ever) is checked when it switches to Manage: a
        // brownfield set holding ModifyAllData can be observed and planned, not managed.
        OrgAccess org;
        try {
            org = gate.admit(ps.getMetadata().getNamespace(), spec.getOrgRef(), orgs,
                    o -> spec.observeOnly() ? Optional.empty() : OrgPolicyCheck.permissionSet(o.getSpec().getPolicy(), spec));
        } catch (OrgRefusedException e) {
            return stop(ps, before, status, generation, e.reason(), e.getMessage(), null);
        } catch (OrgNotReadyException e) {
            statuses.waiting(status, generation, e.reason(), e.getMessage());
            return StatusPatches.patchIfChanged(ps, before, status, WAIT_FOR_ORG);
        }
        String orgId = org.snapshot().orgId();
        Optional<OwnershipRecord> record = OwnershipRecords.read(ps);
        if (record.isPresent() && !orgId.equals(record.get().org())) {
            return stop(ps, before, status, generation, Reasons.ORG_IDENTITY_CHANGED, "This resource's permission set was recorded in org "
                    + record.get().org() + ", but " + OrgGate.describe(ps.getMetadata().getNamespace(), spec.getOrgRef()) + " now reaches org " + orgId
                    + "; nothing is written until a person points the org back or re-creates this resource.", null);
        }
        Optional<PermissionSet> holder = claims.otherHolder(ps, spec.getName(), orgId, context.getPrimaryCache(), this::org);
        if (holder.isPresent()) {
            return stop(ps, before, status, generation, Reasons.CONFLICT, "PermissionSet " + Claims.describe(holder.get())
                    + " already manages permission set " + spec.getName() + " in org " + orgId + "; delete one of the two resources", CONFLICT_RECHECK);
        }
        if (spec.observeOnly()) {
            // managementPolicy Observe: read, fill status and plan, write nothing to Salesforce (issue 20)
            observation.observe(ps, status, generation, org);
            return StatusPatches.patchIfChanged(ps, before, status, null);
        }
        DesiredPermissionSet desired;
        try {
            desired = resolver.resolve(spec, org);
        } catch (DesiredPermissionSetResolver.UnknownLicense e) {
            return stop(ps, before, status, generation, e.reason(), e.getMessage(), null);
        }
        Map<String, Object> applied = new java.util.HashMap<>(Map.of("desired", desired, "org", orgId, "adoption", String.valueOf(spec.getAdoption())));
        List<String> grantKeys = PermissionSetGrants.wanted(spec).stream().map(PermissionSetGrants.Wanted::key).toList();
        if (!grantKeys.isEmpty()) {
            applied.put("grants", grantKeys);   // only then: sets without grants keep the fingerprint they had
        }
        String fingerprint = Fingerprint.of(applied);
        boolean resyncRequested = resync.isPending(PermissionSet.class, id);
        // the drift writer's Drifted=True may arrive after a correction that worked from an older copy (or whose status
        // write failed): while the status says drifted and the policy is Correct, the reconcile checks and corrects
        // (not for drift that is only access removed in Salesforce: that is held, see AccessHold)
        boolean holding = io.sfintegration.controller.AccessHold.holds(status, org)
                || resyncRequested && resync.holdsRemovedAccess(PermissionSet.class, id) && !org.restoreAccess();
        boolean correcting = resyncRequested || (status.isTrue(ConditionTypes.DRIFTED) && !holding
                && org.driftPolicy(spec.getDriftPolicy()) == DriftPolicy.Correct);
        if (!correcting && fingerprint.equals(status.getAppliedSpecHash()) && record.map(OwnershipRecord::id).isPresent()
                && status.getPermissionSetId() != null && StatusAggregator.settled(status, generation)) {
            return UpdateControl.noUpdate();
        }

        try {
            List<GrantedSetupEntity> granted;
            try {
                granted = grants.resolve(spec, org);   // before any write: a name the org lacks changes nothing
            } catch (PermissionSetGrants.NotFound e) {
                return stop(ps, before, status, generation, e.reason(), e.getMessage(), null);
            }
            PermissionSetState found = observe(spec.getName(), org);
            if (holding) {
                desired = desired.holding(found);
            }
            OwnershipDecision.Decision decision = decide(ps, spec.getAdoption(), orgId, record, found, context);
            PermissionSetConvergence.Outcome outcome = switch (decision.kind()) {
                case REFUSE -> null;
                case CREATE -> convergence.create(ps, desired, org, OwnershipRecord.pendingCreate(orgId, spec.getName()));
                case ADOPT -> {
                    records.write(ps, decision.record());
                    events.normal(ps, "Adopted", "Took over existing permission set " + spec.getName() + " (" + found.id()
                            + ") as spec.adoption allows; it will never be deleted by the operator");
                    yield convergence.converge(ps, desired, found, org);
                }
                case OWNED -> {
                    records.write(ps, decision.record());
                    yield convergence.converge(ps, desired, found, org);
                }
            };
            if (outcome == null) {
                return stop(ps, before, status, generation, decision.reason(), decision.message(), null);
            }
            if (outcome.permissionSetId() != null) {
                status.setPermissionSetId(outcome.permissionSetId());
            }
            if (!outcome.ok()) {
                return stop(ps, before, status, generation, outcome.reason(), outcome.message(), null);
            }
            List<EntityGrant> current = found == null ? List.of() : found.grants();
            PermissionSetGrants.Outcome granting = grants.converge(ps, outcome.permissionSetId(),
                    holding ? PermissionSetGrants.present(granted, current) : granted, current, org);
            if (!granting.ok()) {
                return stop(ps, before, status, generation, Reasons.REJECTED_BY_SALESFORCE, granting.message(), null);
            }
            status.setGrants(granted.isEmpty() ? null : granted);
            String psId = outcome.permissionSetId();
            catalog.rememberPermissionSet(org.key(), spec.getName(), psId);
            status.setAppliedSpecHash(fingerprint);
            status.setLastSyncTime(conditions.now());
            statuses.ready(status, generation, "Permission set " + spec.getName() + " is available as " + psId + ".",
                    holding ? HELD : "Salesforce matches the spec.", correcting && !holding);
            Plan.record(status, List.of(), generation, conditions, status::setPlan, "");
            if (correcting) {
                events.normal(ps, Reasons.DRIFT_CORRECTED, "Put permission set " + spec.getName() + " back to the spec");
                if (resyncRequested) {
                    resync.done(PermissionSet.class, id);
                }
            }
            return StatusPatches.patchIfChanged(ps, before, status, null);
        } catch (SalesforceException e) {
            if (e.retryable()) {
                throw e;
            }
            return stop(ps, before, status, generation, Reasons.REJECTED_BY_SALESFORCE, "Salesforce refused the change: " + e.getMessage(), null);
        }
    }

    private OwnershipDecision.Decision decide(PermissionSet ps, AdoptionPolicy adoption, String orgId, Optional<OwnershipRecord> record,
                                                   PermissionSetState found, Context<PermissionSet> context) {
        Optional<String> recordedByOther = found == null ? Optional.empty()
                : claims.otherRecorder(ps, orgId, found.id(), context.getPrimaryCache()).map(Claims::describe);
        return PermissionSetOwnership.decide(ps.getSpec().getName(), adoption, orgId, installation, record, found, recordedByOther);
    }

    private static PermissionSetState observe(String name, OrgAccess org) {
        return org.client().findPermissionSets(List.of(name)).get(name.toLowerCase(Locale.ROOT));
    }

    private Optional<SalesforceOrg> org(String namespace, OrgReference ref) {
        OrgEventSources<PermissionSet> source = orgs;
        return source == null ? Optional.empty() : gate.lookup(namespace, ref, source);
    }

    @Override
    public ErrorStatusUpdateControl<PermissionSet> updateErrorStatus(PermissionSet ps, Context<PermissionSet> context, Exception e) {
        PermissionSetStatus status = StatusPatches.copy(ps.getStatus(), new PermissionSetStatus());
        String reason = e instanceof OutcomeUnknownException ? Reasons.OUTCOME_UNKNOWN
                : e instanceof CallBudgetExceededException ? Reasons.CALL_BUDGET_EXCEEDED : Reasons.RECONCILE_ERROR;
        String message = "Reconcile failed, retrying: " + e.getMessage();
        statuses.failed(ps, status, generation(ps), reason, message);
        LOG.debugf("permission set %s/%s: %s", ps.getMetadata().getNamespace(), ps.getMetadata().getName(), e.getMessage());
        ps.setStatus(status);
        return ErrorStatusUpdateControl.patchStatus(ps);
    }

    /**
     * Deletes the set in Salesforce only if the operator created it for this resource and nobody holds it any more;
     * an adopted set, one under Orphan, or one this resource cannot prove it owns is left as it is.
     */
    @Override
    public DeleteControl cleanup(PermissionSet ps, Context<PermissionSet> context) {
        try (CallBudgets.Scope budget = budgets.open(CallBudgets.Kind.PERMISSION_SET_DELETE, describe(ps), rows(ps))) {
            return cleanupWithinBudget(ps, context);
        }
    }

    private DeleteControl cleanupWithinBudget(PermissionSet ps, Context<PermissionSet> context) {
        if (ps.getSpec() != null && ps.getSpec().observeOnly()) {
            // an observed set is left exactly as it is, whatever deletionPolicy says
            events.normal(ps, "LeftUntouched", "managementPolicy Observe: left permission set " + ps.getSpec().getName() + " as it is in Salesforce");
            return DeleteControl.defaultDelete();
        }
        Optional<OwnershipRecord> record = OwnershipRecords.read(ps);
        String name = ps.getSpec().getName();
        if (record.isEmpty() || (record.get().id() == null && !record.get().pending())) {
            return DeleteControl.defaultDelete();
        }
        if (ps.getSpec().getDeletionPolicy() == PermissionSetDeletionPolicy.Orphan) {
            events.normal(ps, "Orphaned", "Left permission set " + name + " in Salesforce (deletionPolicy: Orphan)");
            return DeleteControl.defaultDelete();
        }
        if (!record.get().created()) {
            events.normal(ps, "Orphaned", "Left adopted permission set " + name + " in Salesforce: the operator deletes only sets it created");
            return DeleteControl.defaultDelete();
        }
        OrgAccess org;
        try {
            org = gate.openForRetirement(ps.getMetadata().getNamespace(), ps.getSpec().getOrgRef(), orgs);
        } catch (OrgNotReadyException e) {
            String message = "Permission set " + name + " is not deleted yet: " + e.getMessage()
                    + ". The finalizer stays until the org is reachable (or set spec.deletionPolicy: Orphan to leave the set).";
            waiting(ps, context, Reasons.RETIREMENT_PENDING, message);
            throw new RetirementIncompleteException(message);
        }
        String orgId = org.snapshot().orgId();
        if (!orgId.equals(record.get().org()) || claims.otherHolder(ps, name, orgId, context.getPrimaryCache(), this::org).isPresent()) {
            events.warning(ps, "LeftUntouched", "Left permission set " + name + " untouched: this resource does not hold it in org " + orgId);
            return DeleteControl.defaultDelete();
        }
        PermissionSetState found = observe(name, org);
        if (found == null) {
            return DeleteControl.defaultDelete();
        }
        OwnershipDecision.Decision decision = decide(ps, AdoptionPolicy.Never, orgId, record, found, context);
        if (decision.kind() != OwnershipDecision.Kind.OWNED || !decision.record().created()) {
            events.warning(ps, "LeftUntouched", "Did not delete permission set " + name + " (" + found.id() + "): "
                    + (decision.message() == null ? "this resource did not create it" : decision.message()));
            return DeleteControl.defaultDelete();
        }
        PermissionSetRetirement.Result result = retirement.retire(ps, org, found.id(), UserReferences.referencing(users, ps));
        if (result.done()) {
            catalog.forgetPermissionSet(org.key(), name);
            return DeleteControl.defaultDelete();
        }
        waiting(ps, context, Reasons.WAITING_FOR_UNASSIGNMENT, result.message());
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(result.recheckAfter().toMillis());
    }

    private void waiting(PermissionSet ps, Context<PermissionSet> context, String reason, String message) {
        PermissionSetStatus before = StatusPatches.copy(ps.getStatus(), new PermissionSetStatus());
        PermissionSetStatus status = StatusPatches.copy(ps.getStatus(), new PermissionSetStatus());
        statuses.waiting(status, generation(ps), reason, message);
        if (StatusPatches.patchNowIfChanged(context.getClient(), ps, before, status)) {
            events.normal(ps, reason, message);
        }
    }

    private UpdateControl<PermissionSet> stop(PermissionSet ps, PermissionSetStatus before, PermissionSetStatus status,
                                              long generation, String reason, String message, Duration retryAfter) {
        statuses.notReady(ps, status, generation, reason, message);
        return StatusPatches.patchIfChanged(ps, before, status, retryAfter);
    }

    private static long generation(PermissionSet ps) {
        return ps.getMetadata().getGeneration() == null ? 0 : ps.getMetadata().getGeneration();
    }
}
