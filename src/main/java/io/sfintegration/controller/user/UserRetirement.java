package io.sfintegration.controller.user;

import io.sfintegration.api.v1alpha1.IntegrationUser;
import io.sfintegration.api.v1alpha1.UserDeletionPolicy;
import io.sfintegration.controller.EventRecorder;
import io.sfintegration.controller.OrgAccess;
import io.sfintegration.controller.OrgCatalog;
import io.sfintegration.controller.ownership.OwnershipRecord;
import io.sfintegration.controller.ownership.OwnershipRecords;
import io.sfintegration.salesforce.Assignment;
import io.sfintegration.salesforce.FreezeChange;
import io.sfintegration.salesforce.LicenseKind;
import io.sfintegration.salesforce.SaveResult;
import io.sfintegration.salesforce.UserState;
import io.sfintegration.salesforce.UserUpdate;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What happens in Salesforce when an IntegrationUser is deleted. Salesforce users are never deleted: Deactivate
 * (default) removes the assignments the operator made and deactivates the user, which frees its seat; Freeze removes
 * them and freezes the user; Orphan leaves everything as it is. Assignments made by people are never touched.
 */
final class UserRetirement {

    private final OrgCatalog catalog;
    private final EventRecorder events;

    UserRetirement(OrgCatalog catalog, EventRecorder events) {
        this.catalog = catalog;
        this.events = events;
    }

    /**
     * Retires a user this resource owns (the caller checked it with {@link UserOwnership}).
     *
     * @return what is left to do; empty when the retirement is complete
     */
    List<String> retire(IntegrationUser user, OrgAccess org, UserState state, OwnershipRecord record, OwnershipRecords records) {
        UserDeletionPolicy policy = user.getSpec().getDeletionPolicy() == null ? UserDeletionPolicy.Deactivate : user.getSpec().getDeletionPolicy();
        String username = user.getSpec().getUsername();
        if (policy == UserDeletionPolicy.Orphan) {
            events.normal(user, "Orphaned", "Left user " + username + " and its assignments as they are in Salesforce");
            return List.of();
        }
        String userId = state.user().id();
        // only what the operator's own creates returned; a person's grant (even of the same set) stays
        List<String> doomed = new ArrayList<>();
        state.permissionSetAssignments().stream().filter(a -> record.ownsAssignment(a.id())).map(Assignment::id).forEach(doomed::add);
        List<String> doomedLicenses = state.permissionSetLicenseAssignments().stream()
                .filter(a -> record.ownsAssignment(a.id())).map(Assignment::id).toList();
        List<String> problems = new ArrayList<>();
        Set<String> removed = new LinkedHashSet<>();
        List<String> kept = new ArrayList<>();
        if (!doomed.isEmpty()) {
            failures(doomed, org.client().deleteRecords(doomed), problems, removed, null);
        }
        if (!doomedLicenses.isEmpty()) {
            // a licence that a person's remaining grant still needs stays: Salesforce refuses to remove it, and so would we
            failures(doomedLicenses, org.client().deleteRecords(doomedLicenses), problems, removed, kept);
        }
        if (!removed.isEmpty()) {
            records.write(user, record.withoutAssignments(removed));
        }
        if (policy == UserDeletionPolicy.Deactivate && state.user().active()) {
            SaveResult r = org.client().updateUsers(List.of(new UserUpdate(userId, null, false))).get(0);
            if (r.success()) {
                catalog.adjustUsed(org.key(), LicenseKind.USER, state.user().userLicenseName(), -1);
            } else {
                problems.add("deactivating: " + UserConvergence.errors(r));
            }
        } else if (policy == UserDeletionPolicy.Freeze && state.login() != null && !state.login().frozen()) {
            SaveResult r = org.client().setFrozen(List.of(new FreezeChange(state.login().id(), true))).get(0);
            if (!r.success()) {
                problems.add("freezing: " + UserConvergence.errors(r));
            }
        }
        String done = (policy == UserDeletionPolicy.Deactivate ? "Deactivated" : "Froze") + " user " + username
                + " and removed " + removed.size() + " assignment(s) the operator had made; the user itself is kept, as Salesforce users cannot be deleted"
                + (kept.isEmpty() ? "" : ". Kept " + kept.size() + " licence assignment(s) that permission sets assigned by people still need");
        if (problems.isEmpty()) {
            events.normal(user, policy == UserDeletionPolicy.Deactivate ? "Deactivated" : "Frozen", done);
        }
        return problems;
    }

    private static void failures(List<String> ids, List<SaveResult> results, List<String> problems, Set<String> removed, List<String> kept) {
        for (int i = 0; i < results.size(); i++) {
            SaveResult r = results.get(i);
            if (r.success() || r.hasErrorCode("ENTITY_IS_DELETED")) {
                removed.add(ids.get(i));
            } else if (kept != null && r.hasErrorCode("FIELD_INTEGRITY_EXCEPTION")) {
                kept.add(ids.get(i));
            } else {
                problems.add("unassigning " + ids.get(i) + ": " + UserConvergence.errors(r));
            }
        }
    }
}
