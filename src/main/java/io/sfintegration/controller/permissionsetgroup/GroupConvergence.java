package io.sfintegration.controller.permissionsetgroup;

import io.sfintegration.api.v1alpha1.PermissionSetGroup;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.ownership.Installation;
import io.sfintegration.controller.ownership.OwnershipRecord;
import io.sfintegration.controller.ownership.OwnershipRecords;
import io.sfintegration.salesforce.GroupComponent;
import io.sfintegration.salesforce.MutingSetState;
import io.sfintegration.salesforce.PermissionSetGroupState;
import io.sfintegration.salesforce.SalesforceClient;
import io.sfintegration.salesforce.SalesforceException;
import io.sfintegration.salesforce.SaveResult;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The writes that bring a group this resource owns to its desired state: the group (created after the pending record
 * is written, or its label and description updated), its muting set, then its components (missing ones added, extra
 * ones removed). Each step is one call at most; a group that changed is recalculated by Salesforce afterwards.
 */
final class GroupConvergence {

    /** What a convergence did: the group's id (known even when a later step was refused), whether anything was written. */
    record Outcome(String groupId, String mutingId, boolean wrote, String refusal) {
        boolean ok() {
            return refusal == null;
        }
    }

    private final EventRecorder events;
    private final OwnershipRecords records;

    GroupConvergence(EventRecorder events, OwnershipRecords records) {
        this.events = events;
        this.records = records;
    }

    Outcome create(PermissionSetGroup group, DesiredGroup desired, OrgAccess org, OwnershipRecord pending) {
        String name = desired.fields().developerName();
        // write-ahead: a create whose answer is lost is found by name (with our tag) next time, not sent again
        records.write(group, pending);
        SaveResult created = org.client().createPermissionSetGroup(desired.fields());
        if (!created.success()) {
            return refused(null, null, false, "creating permission set group " + name, created);
        }
        records.write(group, pending.created(created.id()));
        events.normal(group, "Created", "Created permission set group " + name + " (" + created.id() + ") in org " + org.snapshot().orgId());
        PermissionSetGroupState empty = new PermissionSetGroupState(created.id(), desired.fields(), "Updating", List.of(), null);
        Outcome rest = converge(group, desired, empty, org);
        return new Outcome(created.id(), rest.mutingId(), true, rest.refusal());
    }

    Outcome converge(PermissionSetGroup group, DesiredGroup desired, PermissionSetGroupState found, OrgAccess org) {
        SalesforceClient client = org.client();
        String id = found.id();
        String name = desired.fields().developerName();
        GroupDiff diff = GroupDiff.of(desired, found);
        MutingSetState muting = found.muting();
        if (desired.mutes() && muting != null && Installation.tagOwner(muting.fields().description()) == null) {
            return new Outcome(id, muting.id(), false, "Muting permission set " + muting.fields().developerName() + " (" + muting.id()
                    + ") was not made by the operator; it is left alone. Rename or delete it in Setup.");
        }
        if (diff.fieldsChanged()) {
            SaveResult updated = client.updatePermissionSetGroup(id, desired.fields());
            if (!updated.success()) {
                return refused(id, null, false, "updating permission set group " + name, updated);
            }
        }
        String mutingId = muting == null ? null : muting.id();
        if (diff.mutingChanged()) {
            SaveResult saved = client.saveMutingPermissionSet(mutingId, desired.mutingFields(), desired.muted());
            if (!saved.success()) {
                return refused(id, mutingId, true, "saving the muting permission set of " + name, saved);
            }
            mutingId = saved.id();
        }
        List<GroupComponent> add = new ArrayList<>();
        diff.add().forEach(setId -> add.add(new GroupComponent(null, id, setId)));
        if (desired.mutes() && (muting == null || found.mutingComponent() == null)) {
            add.add(new GroupComponent(null, id, mutingId));
        }
        List<String> remove = new ArrayList<>(diff.remove().stream().map(GroupComponent::id).toList());
        if (diff.mutingRetired() && found.mutingComponent() != null) {
            remove.add(found.mutingComponent().id());
        }
        Outcome components = components(client, id, mutingId, name, add, remove);
        if (components != null) {
            return components;
        }
        if (diff.mutingRetired()) {
            SaveResult deleted = client.deleteRecords(List.of(muting.id())).get(0);
            if (!deleted.success()) {
                return refused(id, mutingId, true, "deleting the muting permission set of " + name, deleted);
            }
            mutingId = null;
        }
        boolean wrote = !diff.isEmpty() || !add.isEmpty();
        if (wrote) {
            events.normal(group, "Updated", "Brought permission set group " + name + " in line with the spec: " + String.join("; ", diff.lines()));
        }
        return new Outcome(id, mutingId, wrote, null);
    }

    /** Adds, then removes components: one sObject collection call each. Null when both worked. */
    private static Outcome components(SalesforceClient client, String id, String mutingId, String name, List<GroupComponent> add, List<String> remove) {
        if (!add.isEmpty()) {
            List<SaveResult> failed = client.addGroupComponents(add).stream().filter(r -> !r.success()).toList();
            if (!failed.isEmpty()) {
                return refused(id, mutingId, true, "adding permission sets to group " + name, failed.get(0));
            }
        }
        if (!remove.isEmpty()) {
            List<SaveResult> failed = client.deleteRecords(remove).stream().filter(r -> !r.success()).toList();
            if (!failed.isEmpty()) {
                return refused(id, mutingId, true, "removing permission sets from group " + name, failed.get(0));
            }
        }
        return null;
    }

    /** Transient record errors are retried by the controller; the others are reported. */
    private static Outcome refused(String id, String mutingId, boolean wrote, String what, SaveResult result) {
        if (result.errors().stream().anyMatch(e -> SalesforceException.isTransientCode(e.errorCode()))) {
            throw new SalesforceException(400, result.errors(), true);
        }
        return new Outcome(id, mutingId, wrote, "Salesforce refused " + what + ": "
                + result.errors().stream().map(Object::toString).collect(Collectors.joining("; ")));
    }
}
