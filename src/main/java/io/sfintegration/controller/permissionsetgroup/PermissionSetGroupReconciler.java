package io.sfintegration.controller.permissionsetgroup;

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
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetDeletionPolicy;
import io.sfintegration.api.v1alpha1.PermissionSetGroup;
import io.sfintegration.api.v1alpha1.PermissionSetGroupSpec;
import io.sfintegration.api.v1alpha1.PermissionSetGroupStatus;
import io.sfintegration.api.v1alpha1.SalesforceOrg;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.Fingerprint;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.ClusterOrgs;
import io.sfintegration.controller.OrgEventSources;
import io.sfintegration.controller.OrgRefusedException;
import io.sfintegration.controller.policy.OrgPolicyCheck;
import io.sfintegration.api.v1alpha1.OrgReference;
import io.sfintegration.controller.OrgGate;
import io.sfintegration.controller.OrgNotReadyException;
import io.sfintegration.controller.PermissionSetRefEventSource;
import io.sfintegration.controller.PermissionSetReferences;
import io.sfintegration.controller.RetirementIncompleteException;
import io.sfintegration.controller.StatusPatches;
import io.sfintegration.controller.ownership.Claims;
import io.sfintegration.controller.ownership.Installation;
import io.sfintegration.controller.ownership.OwnershipDecision;
import io.sfintegration.controller.ownership.OwnershipRecord;
import io.sfintegration.controller.ownership.OwnershipRecords;
import io.sfintegration.controller.plan.Plan;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.controller.status.StatusAggregator;
import io.sfintegration.controller.status.StatusConditions;
import io.sfintegration.salesforce.CallBudgetExceededException;
import io.sfintegration.salesforce.CallBudgets;
import io.sfintegration.salesforce.OutcomeUnknownException;
import io.sfintegration.salesforce.PermissionSetGroupState;
import io.sfintegration.salesforce.SalesforceClients;
import io.sfintegration.salesforce.SalesforceException;
import io.sfintegration.salesforce.Soql;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one Salesforce permission set group equal to its spec, in the same steps as the permission set controller:
 * resolve the desired state (its sets through {@link PermissionSetReferences}), claim the API name in the org, observe
 * the group, decide ownership ({@link OwnershipDecision}), converge ({@link GroupConvergence}), wait for Salesforce's
 * recalculation ({@link Recalculation}) and, on deletion, retire ({@link GroupRetirement}).
 */
@ControllerConfiguration(name = "permissionsetgroup", maxReconciliationInterval = @MaxReconciliationInterval(interval = 30, timeUnit = TimeUnit.MINUTES))
@GradualRetry(maxAttempts = -1, initialInterval = 1_000, intervalMultiplier = 2.0, maxInterval = 3_600_000)
public class PermissionSetGroupReconciler implements Reconciler<PermissionSetGroup>, Cleaner<PermissionSetGroup> {

    static final Duration WAIT_FOR_ORG = Duration.ofMinutes(2);
    static final Duration WAIT_FOR_SETS = Duration.ofSeconds(30);
    static final Duration CONFLICT_RECHECK = Duration.ofMinutes(1);
    private static final String NOUN = "Permission set group";

    private final OrgGate gate;
    private final EventRecorder events;
    private final StatusConditions conditions;
    private final StatusAggregator statuses;
    private final Installation installation;
    private final OwnershipRecords records;
    private final PermissionSetReferences references;
    private final GroupConvergence convergence;
    private final GroupObservation observation;
    private final GroupRetirement retirement;
    private final CallBudgets budgets;
    private final Claims<PermissionSetGroup> claims = new Claims<>("permissionSetGroupName",
            g -> g.getSpec() == null ? null : g.getSpec().getName(),
            PermissionSetGroupReconciler::orgRef);
    private volatile OrgEventSources<PermissionSetGroup> orgs;

    @Inject
    public PermissionSetGroupReconciler(SalesforceClients clients, OrgCatalog catalog, EventRecorder events, Clock clock,
                                        KubernetesClient kubernetes, Installation installation, ClusterOrgs clusterOrgs) {
        this.gate = new OrgGate(clients, catalog, clusterOrgs);
        this.budgets = clients.budgets();
        this.events = events;
        this.conditions = new StatusConditions(clock);
        this.statuses = new StatusAggregator(conditions, events::warning);
        this.installation = installation;
        this.records = new OwnershipRecords(kubernetes);
        this.references = new PermissionSetReferences(catalog);
        this.convergence = new GroupConvergence(events, records);
        this.observation = new GroupObservation(conditions);
        this.retirement = new GroupRetirement(installation);
    }

    @Override
    public List<EventSource<?, PermissionSetGroup>> prepareEventSources(EventSourceContext<PermissionSetGroup> context) {
        claims.register(context.getPrimaryCache());
        orgs = new OrgEventSources<>(context, PermissionSetGroup.class, PermissionSetGroupReconciler::orgRef);
        List<EventSource<?, PermissionSetGroup>> sources = new java.util.ArrayList<>(orgs.eventSources());
        sources.add(PermissionSetRefEventSource.create(context, PermissionSetGroup.class,
                g -> g.getSpec() == null ? null : g.getSpec().getPermissionSets()));
        return sources;
    }

    private static OrgReference orgRef(PermissionSetGroup group) {
        return group.getSpec() == null ? null : group.getSpec().getOrgRef();
    }

    @Override
    public UpdateControl<PermissionSetGroup> reconcile(PermissionSetGroup group, Context<PermissionSetGroup> context) {
        try (CallBudgets.Scope budget = budgets.open(CallBudgets.Kind.PERMISSION_SET_GROUP, describe(group), rows(group))) {
            return reconcileWithinBudget(group, context);
        }
    }

    private static String describe(PermissionSetGroup group) {
        return "PermissionSetGroup " + group.getMetadata().getNamespace() + "/" + group.getMetadata().getName();
    }

    static int rows(PermissionSetGroup group) {
        return group.getSpec() == null ? 0 : group.getSpec().getPermissionSets().size();
    }

    private UpdateControl<PermissionSetGroup> reconcileWithinBudget(PermissionSetGroup group, Context<PermissionSetGroup> context) {
        PermissionSetGroupStatus before = StatusPatches.copy(group.getStatus(), new PermissionSetGroupStatus());
        PermissionSetGroupStatus status = StatusPatches.copy(group.getStatus(), new PermissionSetGroupStatus());
        long generation = generation(group);
        PermissionSetGroupSpec spec = group.getSpec();

        List<String> problems = GroupSpecValidator.problems(spec);
        if (!problems.isEmpty()) {
            return stop(group, before, status, generation, Reasons.INVALID_SPEC,
                    "The spec is invalid, nothing was sent to Salesforce: " + String.join("; ", problems), null);
        }
        // the namespace and the org's guardrails first, from the cached org alone (no Salesforce call); they guard
        // writes, so an observed group is checked when it switches to Manage
        OrgAccess org;
        try {
            org = gate.admit(group.getMetadata().getNamespace(), spec.getOrgRef(), orgs,
                    o -> spec.observeOnly() ? Optional.empty() : OrgPolicyCheck.group(o.getSpec().getPolicy(), spec, OrgGate.isCluster(o)));
        } catch (OrgRefusedException e) {
            return stop(group, before, status, generation, e.reason(), e.getMessage(), null);
        } catch (OrgNotReadyException e) {
            statuses.waiting(status, generation, e.reason(), e.getMessage());
            return StatusPatches.patchIfChanged(group, before, status, WAIT_FOR_ORG);
        }
        String orgId = org.snapshot().orgId();
        Optional<OwnershipRecord> record = OwnershipRecords.read(group);
        if (record.isPresent() && !orgId.equals(record.get().org())) {
            return stop(group, before, status, generation, Reasons.ORG_IDENTITY_CHANGED, "This resource's group was recorded in org "
                    + record.get().org() + ", but " + OrgGate.describe(group.getMetadata().getNamespace(), spec.getOrgRef()) + " now reaches org " + orgId
                    + "; nothing is written until a person points the org back or re-creates this resource.", null);
        }
        Optional<PermissionSetGroup> holder = claims.otherHolder(group, spec.getName(), orgId, context.getPrimaryCache(), this::org);
        if (holder.isPresent()) {
            return stop(group, before, status, generation, Reasons.CONFLICT, "PermissionSetGroup " + Claims.describe(holder.get())
                    + " already manages permission set group " + spec.getName() + " in org " + orgId + "; delete one of the two resources", CONFLICT_RECHECK);
        }
        Map<String, String> sets;
        try {
            sets = references.resolve(spec.getPermissionSets(), spec.getOrgRef(), org, ref -> context.getSecondaryResources(PermissionSet.class)
                    .stream().filter(ps -> ps.getMetadata().getName().equals(ref)).findFirst());
        } catch (PermissionSetReferences.Unresolved e) {
            if (e.waiting()) {
                statuses.waiting(status, generation, e.reason(), e.getMessage());
                return StatusPatches.patchIfChanged(group, before, status, WAIT_FOR_SETS);
            }
            return stop(group, before, status, generation, e.reason(), e.getMessage(), null);
        }
        DesiredGroup desired = DesiredGroup.of(spec, sets, installation);
        if (spec.observeOnly()) {
            // managementPolicy Observe: read, fill status and plan, write nothing to Salesforce
            observation.observe(group, status, generation, desired, find(desired, org), orgId);
            return StatusPatches.patchIfChanged(group, before, status, null);
        }
        String fingerprint = Fingerprint.of(Map.of("desired", desired, "org", orgId, "adoption", String.valueOf(spec.getAdoption())));
        if (fingerprint.equals(status.getAppliedSpecHash()) && record.map(OwnershipRecord::id).isPresent()
                && status.getPermissionSetGroupId() != null && Recalculation.done(status.getGroupStatus())
                && StatusAggregator.settled(status, generation)) {
            return UpdateControl.noUpdate();
        }
        try {
            return converge(group, context, before, status, generation, desired, fingerprint, record, org);
        } catch (SalesforceException e) {
            if (e.retryable()) {
                throw e;
            }
            return stop(group, before, status, generation, Reasons.REJECTED_BY_SALESFORCE, "Salesforce refused the change: " + e.getMessage(), null);
        }
    }

    private UpdateControl<PermissionSetGroup> converge(PermissionSetGroup group, Context<PermissionSetGroup> context,
                                                       PermissionSetGroupStatus before, PermissionSetGroupStatus status, long generation,
                                                       DesiredGroup desired, String fingerprint, Optional<OwnershipRecord> record, OrgAccess org) {
        PermissionSetGroupSpec spec = group.getSpec();
        String orgId = org.snapshot().orgId();
        PermissionSetGroupState found = find(desired, org);
        OwnershipDecision.Decision decision = decide(group, spec.getAdoption(), orgId, record, found, context);
        GroupConvergence.Outcome outcome = switch (decision.kind()) {
            case REFUSE -> null;
            case CREATE -> convergence.create(group, desired, org, OwnershipRecord.pendingCreate(orgId, spec.getName()));
            case ADOPT -> {
                records.write(group, decision.record());
                events.normal(group, "Adopted", "Took over existing permission set group " + spec.getName() + " (" + found.id()
                        + ") as spec.adoption allows; it will never be deleted by the operator");
                yield convergence.converge(group, desired, found, org);
            }
            case OWNED -> {
                records.write(group, decision.record());
                yield convergence.converge(group, desired, found, org);
            }
        };
        if (outcome == null) {
            return stop(group, before, status, generation, decision.reason(), decision.message(), null);
        }
        status.setPermissionSetGroupId(outcome.groupId());
        status.setMutingPermissionSetId(outcome.mutingId());
        if (!outcome.ok()) {
            return stop(group, before, status, generation, Reasons.REJECTED_BY_SALESFORCE, outcome.refusal(), null);
        }
        status.setPermissionSets(desired.permissionSets().isEmpty() ? null : new ArrayList<>(desired.permissionSets().keySet()));
        status.setAppliedSpecHash(fingerprint);
        Plan.record(status, List.of(), generation, conditions, status::setPlan, "");
        // a write starts a recalculation: Salesforce says Updating until it is done, read again on the next poll
        String salesforceStatus = outcome.wrote() ? "Updating" : found == null ? "Updating" : found.status();
        status.setGroupStatus(salesforceStatus);
        if (Recalculation.failed(salesforceStatus)) {
            return stop(group, before, status, generation, Reasons.RECALCULATION_FAILED, "Salesforce could not recalculate permission set group "
                    + spec.getName() + " (Status Failed); change the group or its sets in Setup or in the spec to start again", null);
        }
        if (!Recalculation.done(salesforceStatus)) {
            statuses.waiting(status, generation, Reasons.RECALCULATING, "Salesforce is recalculating permission set group " + spec.getName()
                    + " (Status " + salesforceStatus + "); users get its permissions once it is Updated");
            conditions.set(status, generation, ConditionTypes.SYNCED, true, Reasons.RECONCILE_SUCCESS, "Salesforce matches the spec.");
            return StatusPatches.patchIfChanged(group, before, status, Recalculation.nextPoll(status, java.time.Instant.parse(conditions.now())));
        }
        status.setLastSyncTime(conditions.now());
        statuses.ready(status, generation, "Permission set group " + spec.getName() + " is available as " + outcome.groupId() + ".",
                "Salesforce matches the spec.", false);
        return StatusPatches.patchIfChanged(group, before, status, null);
    }

    private PermissionSetGroupState find(DesiredGroup desired, OrgAccess org) {
        String name = desired.fields().developerName();
        return org.client().findPermissionSetGroups(List.of(name)).get(Soql.key(name));
    }

    private OwnershipDecision.Decision decide(PermissionSetGroup group, AdoptionPolicy adoption, String orgId, Optional<OwnershipRecord> record,
                                              PermissionSetGroupState found, Context<PermissionSetGroup> context) {
        Optional<String> recordedByOther = found == null ? Optional.empty()
                : claims.otherRecorder(group, orgId, found.id(), context.getPrimaryCache()).map(Claims::describe);
        return OwnershipDecision.decide(NOUN, group.getSpec().getName(), adoption, orgId, installation, record,
                found == null ? null : new OwnershipDecision.Found(found.id(), found.fields().description()), recordedByOther);
    }

    private Optional<SalesforceOrg> org(String namespace, OrgReference ref) {
        OrgEventSources<PermissionSetGroup> source = orgs;
        return source == null ? Optional.empty() : gate.lookup(namespace, ref, source);
    }

    @Override
    public ErrorStatusUpdateControl<PermissionSetGroup> updateErrorStatus(PermissionSetGroup group, Context<PermissionSetGroup> context, Exception e) {
        PermissionSetGroupStatus status = StatusPatches.copy(group.getStatus(), new PermissionSetGroupStatus());
        String reason = e instanceof OutcomeUnknownException ? Reasons.OUTCOME_UNKNOWN
                : e instanceof CallBudgetExceededException ? Reasons.CALL_BUDGET_EXCEEDED : Reasons.RECONCILE_ERROR;
        statuses.failed(group, status, generation(group), reason, "Reconcile failed, retrying: " + e.getMessage());
        group.setStatus(status);
        return ErrorStatusUpdateControl.patchStatus(group);
    }

    /**
     * Deletes the group in Salesforce only if the operator created it for this resource; an adopted group, one under
     * Orphan or Observe, or one this resource cannot prove it owns is left as it is.
     */
    @Override
    public DeleteControl cleanup(PermissionSetGroup group, Context<PermissionSetGroup> context) {
        try (CallBudgets.Scope budget = budgets.open(CallBudgets.Kind.PERMISSION_SET_GROUP_DELETE, describe(group), 0)) {
            return cleanupWithinBudget(group, context);
        }
    }

    private DeleteControl cleanupWithinBudget(PermissionSetGroup group, Context<PermissionSetGroup> context) {
        PermissionSetGroupSpec spec = group.getSpec();
        if (spec != null && spec.observeOnly()) {
            events.normal(group, "LeftUntouched", "managementPolicy Observe: left permission set group " + spec.getName() + " as it is in Salesforce");
            return DeleteControl.defaultDelete();
        }
        Optional<OwnershipRecord> record = OwnershipRecords.read(group);
        if (spec == null || record.isEmpty() || (record.get().id() == null && !record.get().pending())) {
            return DeleteControl.defaultDelete();
        }
        String name = spec.getName();
        if (spec.getDeletionPolicy() == PermissionSetDeletionPolicy.Orphan || !record.get().created()) {
            events.normal(group, "Orphaned", "Left permission set group " + name + " in Salesforce ("
                    + (record.get().created() ? "deletionPolicy: Orphan)" : "adopted: the operator deletes only groups it created)"));
            return DeleteControl.defaultDelete();
        }
        OrgAccess org;
        try {
            org = gate.openForRetirement(group.getMetadata().getNamespace(), spec.getOrgRef(), orgs);
        } catch (OrgNotReadyException e) {
            throw new RetirementIncompleteException("Permission set group " + name + " is not deleted yet: " + e.getMessage());
        }
        String orgId = org.snapshot().orgId();
        if (!orgId.equals(record.get().org()) || claims.otherHolder(group, name, orgId, context.getPrimaryCache(), this::org).isPresent()) {
            events.warning(group, "LeftUntouched", "Left permission set group " + name + " untouched: this resource does not hold it in org " + orgId);
            return DeleteControl.defaultDelete();
        }
        PermissionSetGroupState found = find(DesiredGroup.of(spec, Map.of(), installation), org);
        if (found == null) {
            return DeleteControl.defaultDelete();
        }
        OwnershipDecision.Decision decision = decide(group, AdoptionPolicy.Never, orgId, record, found, context);
        if (decision.kind() != OwnershipDecision.Kind.OWNED || !decision.record().created()) {
            events.warning(group, "LeftUntouched", "Did not delete permission set group " + name + " (" + found.id() + "): "
                    + (decision.message() == null ? "this resource did not create it" : decision.message()));
            return DeleteControl.defaultDelete();
        }
        GroupRetirement.Result result = retirement.retire(org, found);
        if (result.done()) {
            events.normal(group, "Deleted", "Deleted permission set group " + name + " (" + found.id() + ")");
            return DeleteControl.defaultDelete();
        }
        events.normal(group, Reasons.WAITING_FOR_UNASSIGNMENT, result.message());
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT_FOR_SETS.toMillis());
    }

    private UpdateControl<PermissionSetGroup> stop(PermissionSetGroup group, PermissionSetGroupStatus before, PermissionSetGroupStatus status,
                                                   long generation, String reason, String message, Duration retryAfter) {
        statuses.notReady(group, status, generation, reason, message);
        return StatusPatches.patchIfChanged(group, before, status, retryAfter);
    }

    private static long generation(PermissionSetGroup group) {
        return group.getMetadata().getGeneration() == null ? 0 : group.getMetadata().getGeneration();
    }
}
