package io.sfintegration.controller.user;

import io.fabric8.kubernetes.api.model.Condition;
import io.sfintegration.api.v1alpha1.AssignedPermissionSet;
import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.IntegrationUserStatus;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.ownership.OwnershipRecord;
import io.sfintegration.controller.ownership.OwnershipRecords;
import io.sfintegration.controller.status.ConditionTypes;
import io.sfintegration.controller.status.Reasons;
import io.sfintegration.salesforce.Assignment;
import io.sfintegration.salesforce.FreezeChange;
import io.sfintegration.salesforce.LicenseKind;
import io.sfintegration.salesforce.NewAssignment;
import io.sfintegration.salesforce.ProvisioningResult;
import io.sfintegration.salesforce.SalesforceError;
import io.sfintegration.salesforce.SalesforceException;
import io.sfintegration.salesforce.SaveResult;
import io.sfintegration.salesforce.UserFields;
import io.sfintegration.salesforce.UserProvisioning;
import io.sfintegration.salesforce.UserState;
import io.sfintegration.salesforce.UserUpdate;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The writes that bring a Salesforce user to its desired state, in the order Salesforce requires: the user, its
 * permission set licences, its permission sets; removals of what the operator assigned earlier and the spec dropped;
 * freezing last. Records ids in status as it goes, so a reconcile killed half way resumes without duplicates.
 */
final class UserConvergence {

    private final OrgCatalog catalog;
    private final EventRecorder events;
    private final SeatCheck seats;
    private final OwnershipRecords records;

    UserConvergence(OrgCatalog catalog, EventRecorder events, Clock clock, OwnershipRecords records) {
        this.catalog = catalog;
        this.events = events;
        this.seats = new SeatCheck(catalog, clock);
        this.records = records;
    }

    /** Creates the user; the pending record is written (with the assignments in flight) before anything is sent. */
    ConvergenceOutcome create(IntegrationUser user, IntegrationUserStatus status, DesiredUser desired, OrgAccess org, OwnershipRecord pending) {
        String licenseName = desired.profile().userLicenseName();
        if (desired.active()) {
            Optional<ConvergenceOutcome> noSeat = seats.noSeat(org, licenseName, waitingSince(status));
            if (noSeat.isPresent()) {
                return noSeat.get();
            }
        }
        List<String> licenseIds = List.copyOf(desired.licenseIdsByName().values());
        List<String> permissionSetIds = List.copyOf(desired.permissionSetIdsByName().values());
        Set<String> targets = new LinkedHashSet<>(licenseIds);
        targets.addAll(permissionSetIds);
        OwnershipRecord record = pending.withIntents(targets);
        records.write(user, record);
        ProvisioningResult result = org.client().provisionUsers(List.of(new UserProvisioning(desired.fields(), desired.active(),
                desired.frozen(), licenseIds, permissionSetIds))).get(0);
        if (!result.user().success()) {
            return userRejected(result.user(), licenseName, org, status);
        }
        String userId = result.user().id();
        status.setUserId(userId);
        status.setProfileId(desired.profile().id());
        if (desired.active()) {
            catalog.adjustUsed(org.key(), LicenseKind.USER, licenseName, 1);
        }
        events.normal(user, "Created", "Created Salesforce user " + desired.fields().username() + " (" + userId + ") with profile "
                + desired.profile().name());

        List<Assignment> licenses = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        collect(desired.licenseIdsByName(), result.permissionSetLicenseAssignments(), userId, licenses, failures, "licence");
        List<Assignment> permissionSets = new ArrayList<>();
        collect(desired.permissionSetIdsByName(), result.permissionSetAssignments(), userId, permissionSets, failures, "permission set");
        if (result.freeze() != null && !result.freeze().success()) {
            failures.add("freezing: " + errors(result.freeze()));
        }
        Set<String> made = new LinkedHashSet<>();
        licenses.forEach(a -> made.add(a.id()));
        permissionSets.forEach(a -> made.add(a.id()));
        record = record.created(userId).withAssignments(made, targets);
        records.write(user, record);
        status.setAssignedPermissionSetLicenses(UserAssignments.describe(licenses, record));
        status.setAssignedPermissionSets(UserAssignments.describe(permissionSets, record));
        status.setAssignedPermissionSetGroups(UserAssignments.describeGroups(permissionSets, record));
        return finish(failures, result.permissionSetLicenseAssignments(), result.permissionSetAssignments(), List.of());
    }

    /** Brings a user this resource owns (as {@code owned} proves) to the desired state. */
    ConvergenceOutcome converge(IntegrationUser user, IntegrationUserStatus status, DesiredUser desired, UserState found, OrgAccess org,
                                OwnershipRecord owned) {
        String userId = found.user().id();
        String licenseName = desired.profile().userLicenseName();
        status.setUserId(userId);
        OwnershipRecord[] record = {settle(owned, found)};
        records.write(user, record[0]);
        List<String> changes = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        List<SaveResult> allResults = new ArrayList<>();

        UserFields fieldChanges = UserDiff.changes(desired.fields(), found.user().fields());
        Boolean activeChange = desired.active() != found.user().active() ? desired.active() : null;
        if (Boolean.TRUE.equals(activeChange)) {
            Optional<ConvergenceOutcome> noSeat = seats.noSeat(org, licenseName, waitingSince(status));
            if (noSeat.isPresent()) {
                return noSeat.get();
            }
        }
        if (fieldChanges != null || activeChange != null) {
            SaveResult updated = org.client().updateUsers(List.of(new UserUpdate(userId, fieldChanges, activeChange))).get(0);
            if (!updated.success()) {
                return userRejected(updated, licenseName, org, status);
            }
            if (activeChange != null) {
                catalog.adjustUsed(org.key(), LicenseKind.USER, licenseName, activeChange ? 1 : -1);
                changes.add(activeChange ? "activated" : "deactivated");
                events.normal(user, activeChange ? "Activated" : "Deactivated", (activeChange ? "Activated" : "Deactivated")
                        + " user " + desired.fields().username());
            }
            if (fieldChanges != null) {
                changes.add("updated fields");
            }
        }
        status.setProfileId(desired.profile().id());

        List<Assignment> licenses = new ArrayList<>(found.permissionSetLicenseAssignments());
        List<Assignment> permissionSets = new ArrayList<>(found.permissionSetAssignments());
        allResults.addAll(add(user, record, userId, UserAssignments.toAdd(licenses, desired.licenseIdsByName()), true, org, licenses, failures, changes));
        allResults.addAll(add(user, record, userId, UserAssignments.toAdd(permissionSets, desired.permissionSetIdsByName()), false, org, permissionSets, failures, changes));
        // permission sets go before the licences they may need
        allResults.addAll(remove(user, record, UserAssignments.toRemove(permissionSets, desired.permissionSetIdsByName(), record[0]), org, permissionSets, failures, changes));
        allResults.addAll(remove(user, record, UserAssignments.toRemove(licenses, desired.licenseIdsByName(), record[0]), org, licenses, failures, changes));

        boolean frozen = found.login() != null && found.login().frozen();
        if (found.login() != null && frozen != desired.frozen()) {
            SaveResult r = org.client().setFrozen(List.of(new FreezeChange(found.login().id(), desired.frozen()))).get(0);
            allResults.add(r);
            if (r.success()) {
                changes.add(desired.frozen() ? "froze" : "unfroze");
                events.normal(user, desired.frozen() ? "Frozen" : "Unfrozen", (desired.frozen() ? "Froze" : "Unfroze") + " user " + desired.fields().username());
            } else {
                failures.add("freezing: " + errors(r));
            }
        }

        List<String> previouslyUnmanaged = status.getAssignedPermissionSets() == null ? List.of()
                : status.getAssignedPermissionSets().stream().filter(a -> Boolean.FALSE.equals(a.getManaged())).map(AssignedPermissionSet::getName).toList();
        status.setAssignedPermissionSetLicenses(UserAssignments.describe(licenses, record[0]));
        status.setAssignedPermissionSets(UserAssignments.describe(permissionSets, record[0]));
        status.setAssignedPermissionSetGroups(UserAssignments.describeGroups(permissionSets, record[0]));
        List<String> unmanaged = UserAssignments.unmanagedNames(permissionSets, record[0]);
        List<String> newlySeen = unmanaged.stream().filter(n -> !previouslyUnmanaged.contains(n)).toList();
        if (!newlySeen.isEmpty()) {
            events.normal(user, "UnmanagedAssignment", "Permission sets assigned outside the operator are left alone: " + String.join(", ", newlySeen));
        }
        if (!changes.isEmpty()) {
            events.normal(user, "Updated", "Brought user " + desired.fields().username() + " in line with the spec: " + String.join(", ", changes));
        }
        return finish(failures, allResults, List.of(), unmanaged);
    }

    /** Assignment creates in flight whose answer was lost are looked up, not re-sent: the ones that exist are ours. */
    private static OwnershipRecord settle(OwnershipRecord record, UserState found) {
        if (record.intents().isEmpty()) {
            return record;
        }
        Set<String> ids = new LinkedHashSet<>();
        UserAssignments.settledIntents(found.permissionSetLicenseAssignments(), record).forEach(a -> ids.add(a.id()));
        UserAssignments.settledIntents(found.permissionSetAssignments(), record).forEach(a -> ids.add(a.id()));
        // intents without an assignment never reached Salesforce: they are re-planned from the spec
        return record.withAssignments(ids, new LinkedHashSet<>(record.intents()));
    }

    private List<SaveResult> add(IntegrationUser user, OwnershipRecord[] record, String userId, List<Map.Entry<String, String>> wanted,
                                 boolean licences, OrgAccess org, List<Assignment> present, List<String> failures, List<String> changes) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        Set<String> targets = wanted.stream().map(Map.Entry::getValue).collect(Collectors.toCollection(LinkedHashSet::new));
        record[0] = record[0].withIntents(targets);
        records.write(user, record[0]);
        List<NewAssignment> rows = wanted.stream().map(e -> new NewAssignment(userId, e.getValue())).toList();
        List<SaveResult> results = licences ? org.client().assignPermissionSetLicenses(rows) : org.client().assignPermissionSets(rows);
        Set<String> made = new LinkedHashSet<>();
        for (int i = 0; i < wanted.size(); i++) {
            SaveResult r = results.get(i);
            String name = wanted.get(i).getKey();
            if (r.success()) {
                present.add(new Assignment(r.id(), userId, wanted.get(i).getValue(), name));
                made.add(r.id());
                changes.add("assigned " + name);
            } else if (!r.hasErrorCode("DUPLICATE_VALUE")) {
                if (!licences && r.hasErrorCode("INVALID_CROSS_REFERENCE_KEY")) {
                    // the set was deleted (perhaps made again) in Setup: resolve its name afresh next time
                    catalog.forgetPermissionSet(org.key(), name);
                }
                failures.add("assigning " + (licences ? "licence " : "permission set ") + name + ": " + errors(r));
            }
        }
        record[0] = record[0].withAssignments(made, targets);
        records.write(user, record[0]);
        return results;
    }

    private List<SaveResult> remove(IntegrationUser user, OwnershipRecord[] record, List<Assignment> doomed, OrgAccess org,
                                    List<Assignment> present, List<String> failures, List<String> changes) {
        if (doomed.isEmpty()) {
            return List.of();
        }
        List<SaveResult> results = org.client().deleteRecords(doomed.stream().map(Assignment::id).toList());
        Set<String> removed = new LinkedHashSet<>();
        for (int i = 0; i < doomed.size(); i++) {
            SaveResult r = results.get(i);
            if (r.success() || r.hasErrorCode("ENTITY_IS_DELETED")) {
                present.remove(doomed.get(i));
                removed.add(doomed.get(i).id());
                changes.add("unassigned " + doomed.get(i).targetName());
            } else {
                failures.add("unassigning " + doomed.get(i).targetName() + ": " + errors(r));
            }
        }
        record[0] = record[0].withoutAssignments(removed);
        records.write(user, record[0]);
        return results;
    }

    private static void collect(Map<String, String> wanted, List<SaveResult> results, String userId, List<Assignment> into,
                                List<String> failures, String what) {
        List<Map.Entry<String, String>> entries = List.copyOf(wanted.entrySet());
        for (int i = 0; i < entries.size() && i < results.size(); i++) {
            SaveResult r = results.get(i);
            if (r.success()) {
                into.add(new Assignment(r.id(), userId, entries.get(i).getValue(), entries.get(i).getKey()));
            } else {
                failures.add("assigning " + what + " " + entries.get(i).getKey() + ": " + errors(r));
            }
        }
    }

    /** A transient failure anywhere is retried by the controller; permanent ones are reported. */
    private ConvergenceOutcome finish(List<String> failures, List<SaveResult> a, List<SaveResult> b, List<String> unmanaged) {
        if (failures.isEmpty()) {
            return ConvergenceOutcome.done(unmanaged);
        }
        List<SalesforceError> transientErrors = new ArrayList<>();
        for (List<SaveResult> list : List.of(a, b)) {
            list.stream().flatMap(r -> r.errors().stream()).filter(e -> SalesforceException.isTransientCode(e.errorCode())).forEach(transientErrors::add);
        }
        if (!transientErrors.isEmpty()) {
            throw new SalesforceException(400, transientErrors, true);
        }
        return ConvergenceOutcome.failed(Reasons.REJECTED_BY_SALESFORCE, "Salesforce refused part of the change: " + String.join("; ", failures), null);
    }

    private ConvergenceOutcome userRejected(SaveResult result, String licenseName, OrgAccess org, IntegrationUserStatus status) {
        if (result.hasErrorCode("LICENSE_LIMIT_EXCEEDED")) {
            var license = org.snapshot().license(LicenseKind.USER, licenseName);
            catalog.adjustUsed(org.key(), LicenseKind.USER, licenseName, license.map(l -> l.total() - l.used()).orElse(0));
            return seats.limitExceeded(licenseName, license.map(l -> l.total()).orElse(0), license.map(l -> l.total()).orElse(0), waitingSince(status));
        }
        if (result.hasErrorCode("DUPLICATE_USERNAME")) {
            return ConvergenceOutcome.failed(Reasons.USERNAME_TAKEN, "Salesforce usernames are unique across all orgs and this one is taken: "
                    + errors(result) + ". Choose another username.", null);
        }
        if (result.errors().stream().anyMatch(e -> SalesforceException.isTransientCode(e.errorCode()))) {
            throw new SalesforceException(400, result.errors(), true);
        }
        return ConvergenceOutcome.failed(Reasons.REJECTED_BY_SALESFORCE, "Salesforce refused the user: " + errors(result), null);
    }

    private static Instant waitingSince(IntegrationUserStatus status) {
        return status.condition(ConditionTypes.READY)
                .filter(c -> Reasons.LICENSE_LIMIT_EXCEEDED.equals(c.getReason()))
                .map(Condition::getLastTransitionTime).map(Instant::parse).orElse(null);
    }

    static String errors(SaveResult r) {
        return r.errors().stream().map(Object::toString).collect(Collectors.joining("; "));
    }
}
