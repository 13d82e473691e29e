package io.sfintegration.controller.permissionset;

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
import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.api.v1alpha1.PermissionSetDeletionPolicy;
import io.sfintegration.api.v1alpha1.PermissionSetSpec;
import io.sfintegration.api.v1alpha1.PermissionSetStatus;
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
import io.sfintegration.salesforce.LicenseKind;
import io.sfintegration.salesforce.PermissionChanges;
import io.sfintegration.salesforce.PermissionSetState;
import io.sfintegration.salesforce.SalesforceClients;
import io.sfintegration.salesforce.SalesforceException;
import io.sfintegration.salesforce.SaveResult;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Keeps one Salesforce permission set equal to its spec: finds it by API name or creates it with its licence, then
 * converges label, description, user permissions and the object and field permission rows (removing rows the spec no
 * longer lists). Calls Salesforce only when the desired state changed or the drift scan asks for a correction.
 */
// the periodic resync is a failsafe that costs no Salesforce call while the applied fingerprint matches
@ControllerConfiguration(name = "permissionset", maxReconciliationInterval = @MaxReconciliationInterval(interval = 30, timeUnit = TimeUnit.MINUTES))
public class PermissionSetReconciler implements Reconciler<PermissionSet>, Cleaner<PermissionSet> {

    private static final Logger LOG = Logger.getLogger(PermissionSetReconciler.class);
    static final Duration WAIT_FOR_ORG = Duration.ofMinutes(2);
    static final Duration WAIT_FOR_UNASSIGNMENT = Duration.ofSeconds(30);

    private final OrgGate gate;
    private final OrgCatalog catalog;
    private final EventRecorder events;
    private final ResyncRequests resync;
    private final StatusConditions conditions;

    @Inject
    public PermissionSetReconciler(SalesforceClients clients, OrgCatalog catalog, EventRecorder events,
                                   ResyncRequests resync, Clock clock) {
        this.gate = new OrgGate(clients, catalog);
        this.catalog = catalog;
        this.events = events;
        this.resync = resync;
        this.conditions = new StatusConditions(clock);
    }

    @Override
    public List<EventSource<?, PermissionSet>> prepareEventSources(EventSourceContext<PermissionSet> context) {
        return List.of(OrgEventSource.create(context, PermissionSet.class,
                        ps -> ps.getSpec() == null || ps.getSpec().getOrgRef() == null ? null : ps.getSpec().getOrgRef().getName()),
                resync.eventSourceFor(PermissionSet.class));
    }

    @Override
    public UpdateControl<PermissionSet> reconcile(PermissionSet ps, Context<PermissionSet> context) {
        PermissionSetStatus before = StatusPatches.copy(ps.getStatus(), new PermissionSetStatus());
        PermissionSetStatus status = StatusPatches.copy(ps.getStatus(), new PermissionSetStatus());
        long generation = generation(ps);
        PermissionSetSpec spec = ps.getSpec();
        ResourceID id = ResourceID.fromResource(ps);

        List<String> problems = PermissionSetSpecValidator.problems(spec);
        if (!problems.isEmpty()) {
            String message = "The spec is invalid, nothing was sent to Salesforce: " + String.join("; ", problems);
            notReady(status, generation, Reasons.INVALID_SPEC, message);
            warnOnce(ps, before, Reasons.INVALID_SPEC, message);
            return StatusPatches.patchIfChanged(ps, before, status, null);
        }
        OrgAccess org;
        try {
            org = gate.open(ps.getMetadata().getNamespace(), spec.getOrgRef().getName(), context.getSecondaryResource(SalesforceOrg.class));
        } catch (OrgNotReadyException e) {
            notReady(status, generation, e.reason(), e.getMessage());
            return StatusPatches.patchIfChanged(ps, before, status, WAIT_FOR_ORG);
        }

        String licenseId;
        if (PermissionSetSpec.NO_LICENSE.equalsIgnoreCase(spec.getLicense())) {
            licenseId = null;
        } else {
            String licenseName = spec.getLicense() == null ? PermissionSetSpec.API_INTEGRATION_LICENSE : spec.getLicense();
            var license = org.snapshot().license(LicenseKind.PERMISSION_SET, licenseName)
                    .or(() -> org.snapshot().license(LicenseKind.USER, licenseName))
                    .or(() -> {
                        var more = org.client().describeOrg(List.of(licenseName), List.of());
                        catalog.merge(org.key(), more);
                        return more.license(LicenseKind.PERMISSION_SET, licenseName).or(() -> more.license(LicenseKind.USER, licenseName));
                    });
            if (license.isEmpty()) {
                String message = "The org has no licence named '" + licenseName + "'. Use the licence's name (e.g. "
                        + PermissionSetSpec.API_INTEGRATION_LICENSE + ") or None.";
                notReady(status, generation, Reasons.LICENSE_NOT_FOUND, message);
                warnOnce(ps, before, Reasons.LICENSE_NOT_FOUND, message);
                return StatusPatches.patchIfChanged(ps, before, status, null);
            }
            licenseId = license.get().id();
        }

        DesiredPermissionSet desired = DesiredPermissionSet.from(spec, licenseId);
        String fingerprint = Fingerprint.of(Map.of("desired", desired, "org", org.snapshot().orgId()));
        boolean correcting = resync.isPending(PermissionSet.class, id);
        if (!correcting && fingerprint.equals(status.getAppliedSpecHash()) && status.getPermissionSetId() != null
                && status.isTrue(ConditionTypes.READY) && Long.valueOf(generation).equals(status.getObservedGeneration())) {
            return UpdateControl.noUpdate();
        }

        try {
            PermissionSetState found = org.client().findPermissionSets(List.of(spec.getName())).get(spec.getName().toLowerCase());
            String psId;
            if (found == null) {
                SaveResult created = org.client().createPermissionSet(desired.fields(), desired.objects(), desired.fieldPermissions());
                if (!created.success()) {
                    return rejected(ps, before, status, generation, "creating permission set " + spec.getName(), created);
                }
                psId = created.id();
                events.normal(ps, "Created", "Created permission set " + spec.getName() + " (" + psId + ") in org " + org.snapshot().orgId());
                if (!created.errors().isEmpty()) {
                    // the set exists but some permission rows were refused: record the id, report the rows
                    status.setPermissionSetId(psId);
                    return rejected(ps, before, status, generation, "object/field permissions of " + spec.getName(),
                            SaveResult.failed(created.errors()));
                }
            } else {
                psId = found.id();
                if (found.ownedByProfile()) {
                    String message = "Permission set " + spec.getName() + " belongs to a profile and cannot be managed";
                    notReady(status, generation, Reasons.REJECTED_BY_SALESFORCE, message);
                    return StatusPatches.patchIfChanged(ps, before, status, null);
                }
                if (status.getPermissionSetId() == null) {
                    events.normal(ps, "Adopted", "Found existing permission set " + spec.getName() + " (" + psId + "); it is now managed by this resource");
                }
                List<String> changed = PermissionSetDiff.differences(desired.fields(), found.fields());
                if (!changed.isEmpty()) {
                    SaveResult updated = org.client().updatePermissionSet(psId, desired.fields());
                    if (!updated.success()) {
                        return rejected(ps, before, status, generation, "updating permission set " + spec.getName(), updated);
                    }
                }
                PermissionChanges rows = PermissionSetDiff.rows(psId, desired.objects(), desired.fieldPermissions(), found);
                if (!rows.isEmpty()) {
                    List<SaveResult> results = org.client().applyPermissionChanges(psId, rows);
                    List<SaveResult> failed = results.stream().filter(r -> !r.success()).toList();
                    if (!failed.isEmpty()) {
                        status.setPermissionSetId(psId);
                        return rejected(ps, before, status, generation, "changing object/field permissions of " + spec.getName(), failed.get(0));
                    }
                }
                if (!changed.isEmpty() || !rows.isEmpty()) {
                    events.normal(ps, "Updated", "Brought permission set " + spec.getName() + " in line with the spec"
                            + (changed.isEmpty() ? "" : ": " + String.join("; ", changed)));
                }
            }
            catalog.rememberPermissionSet(org.key(), spec.getName(), psId);
            status.setPermissionSetId(psId);
            status.setAppliedSpecHash(fingerprint);
            status.setLastSyncTime(conditions.now());
            conditions.set(status, generation, ConditionTypes.SYNCED, true, Reasons.RECONCILE_SUCCESS, "Salesforce matches the spec.");
            conditions.set(status, generation, ConditionTypes.READY, true, Reasons.AVAILABLE, "Permission set " + spec.getName() + " is available as " + psId + ".");
            if (correcting) {
                conditions.set(status, generation, ConditionTypes.DRIFTED, false, Reasons.DRIFT_CORRECTED, "Drift was corrected at " + conditions.now() + ".");
                events.normal(ps, Reasons.DRIFT_CORRECTED, "Put permission set " + spec.getName() + " back to the spec");
                resync.done(PermissionSet.class, id);
            } else if (status.condition(ConditionTypes.DRIFTED).isEmpty()) {
                conditions.set(status, generation, ConditionTypes.DRIFTED, false, Reasons.NO_DRIFT, "No drift seen.");
            }
            return StatusPatches.patchIfChanged(ps, before, status, null);
        } catch (SalesforceException e) {
            if (e.retryable()) {
                throw e;
            }
            String message = "Salesforce refused the change: " + e.getMessage();
            notReady(status, generation, Reasons.REJECTED_BY_SALESFORCE, message);
            warnOnce(ps, before, Reasons.REJECTED_BY_SALESFORCE, message);
            return StatusPatches.patchIfChanged(ps, before, status, null);
        }
    }

    @Override
    public ErrorStatusUpdateControl<PermissionSet> updateErrorStatus(PermissionSet ps, Context<PermissionSet> context, Exception e) {
        PermissionSetStatus status = StatusPatches.copy(ps.getStatus(), new PermissionSetStatus());
        String message = "Reconcile failed, retrying: " + e.getMessage();
        conditions.set(status, generation(ps), ConditionTypes.SYNCED, false, Reasons.RECONCILE_ERROR, message);
        events.warning(ps, Reasons.RECONCILE_ERROR, message);
        LOG.debugf("permission set %s/%s: %s", ps.getMetadata().getNamespace(), ps.getMetadata().getName(), e.getMessage());
        ps.setStatus(status);
        return ErrorStatusUpdateControl.patchStatus(ps);
    }

    @Override
    public DeleteControl cleanup(PermissionSet ps, Context<PermissionSet> context) {
        PermissionSetStatus status = ps.getStatus();
        String psId = status == null ? null : status.getPermissionSetId();
        if (psId == null || ps.getSpec().getDeletionPolicy() == PermissionSetDeletionPolicy.Orphan) {
            return DeleteControl.defaultDelete();
        }
        OrgAccess org;
        try {
            org = gate.open(ps.getMetadata().getNamespace(), ps.getSpec().getOrgRef().getName(), context.getSecondaryResource(SalesforceOrg.class));
        } catch (OrgNotReadyException e) {
            if (context.getSecondaryResource(SalesforceOrg.class).isEmpty()) {
                events.warning(ps, "OrgGone", "The SalesforceOrg is gone; permission set " + ps.getSpec().getName() + " was left in Salesforce");
                return DeleteControl.defaultDelete();
            }
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT_FOR_ORG.toMillis());
        }
        int assignments = org.client().countAssignments(psId);
        if (assignments > 0) {
            String message = "Waiting to delete permission set " + ps.getSpec().getName() + ": " + assignments
                    + " user(s) still have it assigned. Remove it from their IntegrationUser specs (or set deletionPolicy: Orphan).";
            PermissionSetStatus waiting = StatusPatches.copy(status, new PermissionSetStatus());
            PermissionSetStatus beforeWait = StatusPatches.copy(status, new PermissionSetStatus());
            notReady(waiting, generation(ps), Reasons.WAITING_FOR_UNASSIGNMENT, message);
            if (!Fingerprint.json(beforeWait).equals(Fingerprint.json(waiting))) {
                ps.setStatus(waiting);
                context.getClient().resource(ps).patchStatus();
                events.normal(ps, Reasons.WAITING_FOR_UNASSIGNMENT, message);
            }
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT_FOR_UNASSIGNMENT.toMillis());
        }
        SaveResult deleted = org.client().deletePermissionSet(psId);
        if (!deleted.success() && !deleted.hasErrorCode("ENTITY_IS_DELETED") && !deleted.hasErrorCode("NOT_FOUND")) {
            events.warning(ps, Reasons.REJECTED_BY_SALESFORCE, "Could not delete permission set " + ps.getSpec().getName() + ": "
                    + deleted.errors().stream().map(Object::toString).collect(Collectors.joining("; ")));
            return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT_FOR_UNASSIGNMENT.toMillis());
        }
        events.normal(ps, "Deleted", "Deleted permission set " + ps.getSpec().getName() + " (" + psId + ") from Salesforce");
        return DeleteControl.defaultDelete();
    }

    private UpdateControl<PermissionSet> rejected(PermissionSet ps, PermissionSetStatus before, PermissionSetStatus status,
                                                  long generation, String what, SaveResult result) {
        if (result.errors().stream().anyMatch(e -> SalesforceException.isTransientCode(e.errorCode()))) {
            throw new SalesforceException(400, result.errors(), true);
        }
        String message = "Salesforce refused " + what + ": "
                + result.errors().stream().map(Object::toString).collect(Collectors.joining("; "));
        notReady(status, generation, Reasons.REJECTED_BY_SALESFORCE, message);
        warnOnce(ps, before, Reasons.REJECTED_BY_SALESFORCE, message);
        return StatusPatches.patchIfChanged(ps, before, status, null);
    }

    private void notReady(PermissionSetStatus status, long generation, String reason, String message) {
        conditions.set(status, generation, ConditionTypes.READY, false, reason, message);
        conditions.set(status, generation, ConditionTypes.SYNCED, false, reason, message);
    }

    private void warnOnce(PermissionSet ps, PermissionSetStatus before, String reason, String message) {
        boolean same = before.condition(ConditionTypes.READY)
                .map(c -> reason.equals(c.getReason()) && message.equals(c.getMessage())).orElse(false);
        if (!same) {
            events.warning(ps, reason, message);
        }
    }

    private static long generation(PermissionSet ps) {
        return ps.getMetadata().getGeneration() == null ? 0 : ps.getMetadata().getGeneration();
    }
}
