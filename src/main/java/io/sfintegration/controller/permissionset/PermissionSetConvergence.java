package io.sfintegration.controller.permissionset;

import io.sfintegration.api.v1alpha1.PermissionSet;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.ownership.OwnershipRecord;
import io.sfintegration.controller.ownership.OwnershipRecords;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.salesforce.PermissionChanges;
import io.sfintegration.salesforce.PermissionSetState;
import io.sfintegration.salesforce.SalesforceException;
import io.sfintegration.salesforce.SaveResult;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The writes that bring a permission set this resource owns to its desired state: created with its rows (after the
 * pending record is written), or label, description, licence, user permissions and rows changed where they differ.
 */
final class PermissionSetConvergence {

    /** What a convergence ended with; {@code permissionSetId} is known even when some rows were refused. */
    record Outcome(boolean ok, String permissionSetId, String reason, String message) {
        static Outcome done(String id) {
            return new Outcome(true, id, null, null);
        }

        static Outcome failed(String id, String message) {
            return new Outcome(false, id, Reasons.REJECTED_BY_SALESFORCE, message);
        }
    }

    private final EventRecorder events;
    private final OwnershipRecords records;

    PermissionSetConvergence(EventRecorder events, OwnershipRecords records) {
        this.events = events;
        this.records = records;
    }

    Outcome create(PermissionSet ps, DesiredPermissionSet desired, OrgAccess org, OwnershipRecord pending) {
        String name = ps.getSpec().getName();
        records.write(ps, pending);
        SaveResult created = org.client().createPermissionSet(desired.fields(), desired.objects(), desired.fieldPermissions());
        if (!created.success()) {
            return rejected(null, "creating permission set " + name, created);
        }
        String id = created.id();
        records.write(ps, pending.created(id));
        events.normal(ps, "Created", "Created permission set " + name + " (" + id + ") in org " + org.snapshot().orgId());
        if (!created.errors().isEmpty()) {
            // the set exists but some permission rows were refused: the id is recorded, the rows reported
            return rejected(id, "object/field permissions of " + name, SaveResult.failed(created.errors()));
        }
        return Outcome.done(id);
    }

    Outcome converge(PermissionSet ps, DesiredPermissionSet desired, PermissionSetState found, OrgAccess org) {
        String name = ps.getSpec().getName();
        String id = found.id();
        List<String> changed = PermissionSetDiff.differences(desired.fields(), found.fields());
        if (!changed.isEmpty()) {
            SaveResult updated = org.client().updatePermissionSet(id, desired.fields());
            if (!updated.success()) {
                return rejected(id, "updating permission set " + name, updated);
            }
        }
        PermissionChanges rows = PermissionSetDiff.rows(id, desired.objects(), desired.fieldPermissions(), found);
        if (!rows.isEmpty()) {
            List<SaveResult> failed = org.client().applyPermissionChanges(id, rows).stream().filter(r -> !r.success()).toList();
            if (!failed.isEmpty()) {
                return rejected(id, "changing object/field permissions of " + name, failed.get(0));
            }
        }
        if (!changed.isEmpty() || !rows.isEmpty()) {
            events.normal(ps, "Updated", "Brought permission set " + name + " in line with the spec"
                    + (changed.isEmpty() ? "" : ": " + String.join("; ", changed)));
        }
        return Outcome.done(id);
    }

    /** Transient record errors are retried by the controller; the others are reported. */
    private static Outcome rejected(String id, String what, SaveResult result) {
        if (result.errors().stream().anyMatch(e -> SalesforceException.isTransientCode(e.errorCode()))) {
            throw new SalesforceException(400, result.errors(), true);
        }
        return Outcome.failed(id, "Salesforce refused " + what + ": "
                + result.errors().stream().map(Object::toString).collect(Collectors.joining("; ")));
    }
}
